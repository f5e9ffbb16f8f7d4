/** The finding code of a Sigma file found among the Sentinel rules of `content.rules`. */
export const SIGMA_IN_RULES_CODE = 'sigma-in-rules';

/**
 * A parsed file shaped like a Sigma rule, not a Sentinel one: `title`, `logsource` and
 * `detection`, and no `query`. Such a file in `content.rules` is read as Sigma (with a warning
 * naming `content.sigma`) instead of being a Sentinel rule without a query.
 * @example hasSigmaShape({ title: 'AnyDesk', logsource: { category: 'process_creation' }, detection: {} }) // → true
 * @example hasSigmaShape({ id: '…', name: 'AnyDesk', query: 'DeviceProcessEvents' }) // → false
 */
export function hasSigmaShape(data: unknown): boolean {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const record = data as Record<string, unknown>;
  return 'title' in record && 'logsource' in record && 'detection' in record && !('query' in record);
}

/**
 * The size past which a query is published as plain text. Parsing, analysing and highlighting
 * cost time and memory in proportion to a query's size, many times over (the Kusto syntax tree,
 * Shiki's tokens, a span per token in the page): a 20 MB query took a minute and gigabytes to
 * build into a 190 MB page. Real hunting queries are a few kilobytes.
 */

/** `kql.maxQueryBytes` when it is not set: 1 MiB of UTF-8, hundreds of times the longest real query. */
export const DEFAULT_MAX_QUERY_BYTES = 1_048_576;

/** The code of the warning a query over the limit gets. */
export const QUERY_TOO_LARGE_CODE = 'query-too-large';

/**
 * The query's size in bytes of UTF-8 when it is over `maxBytes`, else undefined. Counting is
 * skipped when the length alone decides: a UTF-16 unit is 1 to 3 bytes of UTF-8 (a surrogate
 * pair, two units, is 4).
 * @example measureQueryOverLimit('x'.repeat(11), 10) // → 11
 * @example measureQueryOverLimit('DeviceEvents', 1_048_576) // → undefined
 */
export function measureQueryOverLimit(query: string, maxBytes: number): number | undefined {
  if (query.length * 3 <= maxBytes) return undefined;
  const bytes = Buffer.byteLength(query, 'utf8');
  return bytes > maxBytes ? bytes : undefined;
}

/**
 * What the warning and the rule page say of a query over the limit.
 * @example describeQueryTooLarge(2_000_000, 1_048_576)
 *   // → 'the query is 2,000,000 bytes, over the limit of 1,048,576 (kql.maxQueryBytes): …'
 */
export function describeQueryTooLarge(bytes: number, maxBytes: number): string {
  return `the query is ${formatBytes(bytes)} bytes, over the limit of ${formatBytes(maxBytes)} (kql.maxQueryBytes): published as plain text, without highlighting, syntax check, analysis, tool matching or a hunting link`;
}

function formatBytes(count: number): string {
  return count.toLocaleString('en-US');
}

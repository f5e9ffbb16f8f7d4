const NAME_PARTS_RE = /^(.+?)\s+-\s+(.+?)\s+-\s+(.+)$/;

/**
 * Reads the family, tool and telemetry out of names in the common RMM rule pattern
 * `<family> - <Tool> - <Telemetry>`.
 * @example parseRuleName('Remote Management and Monitoring tool - PDQ - Network Connection')
 *   // → { family: 'Remote Management and Monitoring tool', tool: 'PDQ', telemetry: 'Network Connection' }
 */
export function parseRuleName(name: string): { family?: string; tool?: string; telemetry?: string } {
  const match = NAME_PARTS_RE.exec(name.trim());
  if (!match) return {};
  return { family: match[1], tool: match[2], telemetry: match[3] };
}

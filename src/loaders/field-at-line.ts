import type { Finding } from '../checks/findings.ts';

/** A top-level YAML key at the start of a line (`query: |`, `"name": x`), not a comment or list item. */
const TOP_LEVEL_KEY_RE = /^(?:"([^"]+)"|'([^']+)'|([^\s#'"\-?:][^:#]*?))[ \t]*:(?:[ \t]|$)/;

/**
 * The top-level field of a YAML text whose value holds a line: the last top-level key at or
 * above it. Good enough to say where a stray byte sits (`query`); undefined above the first key.
 * @example toTopLevelFieldAt('id: 1\nquery: |\n  T\n', 3) // → 'query'
 */
export function toTopLevelFieldAt(yamlText: string, line: number): string | undefined {
  const lines = yamlText.split('\n', line);
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = TOP_LEVEL_KEY_RE.exec(lines[index] as string);
    if (match) return match[1] ?? match[2] ?? match[3];
  }
  return undefined;
}

/**
 * Gives each finding that has a line but no field the field `fieldAt` names for that line.
 * @example withFields(decoded.findings, (line) => toTopLevelFieldAt(text, line))
 */
export function withFields(findings: readonly Finding[], fieldAt: (line: number) => string | undefined): Finding[] {
  return findings.map((finding) => {
    if (finding.field !== undefined || finding.line === undefined) return finding;
    const field = fieldAt(finding.line);
    return field === undefined ? finding : { ...finding, field };
  });
}

const QUERY_KEY_RE = /^query\s*:(.*)$/;
const BLOCK_INDICATOR_RE = /^[|>][+-]?\d*\s*(#.*)?$/;

/**
 * Maps a 1-based line/column inside a rule's query to the line/column in the rule file, so a
 * syntax error points where the author edits. Block scalars (`query: |`) keep the query's
 * lines one to one with the file's, shifted by the block's indentation; a one-line query maps
 * onto its key's line.
 * @example createQueryPositionMapper('id: x\nquery: |\n  T\n  | where (\n')(2, 9) // → { line: 4, column: 11 }
 */
export function createQueryPositionMapper(
  text: string,
): (line: number, column: number) => { line: number; column: number } {
  const lines = text.split('\n');
  const keyIndex = lines.findIndex((line) => QUERY_KEY_RE.test(line));
  if (keyIndex === -1) return (line, column) => ({ line, column });
  const rest = QUERY_KEY_RE.exec(lines[keyIndex] ?? '')?.[1] ?? '';
  if (BLOCK_INDICATOR_RE.test(rest.trim())) {
    const firstContent = lines.slice(keyIndex + 1).find((line) => line.trim() !== '') ?? '';
    const indent = firstContent.length - firstContent.trimStart().length;
    return (line, column) => ({ line: keyIndex + 1 + line, column: indent + column });
  }
  // Inline value: `query: T | where (`, possibly quoted.
  const valueStart = (lines[keyIndex] ?? '').indexOf(':') + 1 + (rest.length - rest.trimStart().length);
  const quoted = /^["']/.test(rest.trimStart()) ? 1 : 0;
  return (_line, column) => ({ line: keyIndex + 1, column: valueStart + quoted + column });
}

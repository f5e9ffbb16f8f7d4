/**
 * The 1-based line and column of a character index in a text with LF line ends.
 * @example toLineAndColumn('a\nbc', 3) // → { line: 2, column: 2 }
 */
export function toLineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/**
 * The language service's syntax diagnostics, which it places by character offset, as lines and
 * columns of the query text.
 */
import type { KqlDiagnostic } from './analysis.ts';
import type { ServiceList, ServiceRoot } from './kusto-service.ts';

const LINE_BREAK_RE = /\r\n|\r|\n/g;

/**
 * Maps the service's syntax diagnostics, placed by character offset, to lines and columns.
 * @example readSyntaxDiagnostics(service.parse('T\n| where ('), 'T\n| where (')
 *   // → [{ code: 'KS006', message: 'Missing expression', severity: 'error', line: 2, column: 10 }, …]
 */
export function readSyntaxDiagnostics(root: ServiceRoot, query: string): KqlDiagnostic[] {
  if (!root.ContainsSyntaxDiagnostics) return [];
  const found = toArray(root.GetContainedSyntaxDiagnostics());
  const lineStarts = findLineStarts(query);
  const diagnostics: KqlDiagnostic[] = [];
  for (const diagnostic of found) {
    const { line, column } = toLineColumn(lineStarts, diagnostic.Start);
    diagnostics.push({
      code: diagnostic.Code ?? '',
      message: diagnostic.Message ?? '',
      severity: diagnostic.Severity === 'Error' ? 'error' : 'warning',
      line,
      column,
    });
  }
  return diagnostics;
}

function toArray<T>(list: ServiceList<T>): readonly T[] {
  if (Array.isArray(list)) return list;
  const collection = list as { readonly Count: number; getItem(index: number): T };
  return Array.from({ length: collection.Count }, (_, index) => collection.getItem(index));
}

/** Offsets where each line starts; CRLF, LF and lone CR all end a line. */
function findLineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(LINE_BREAK_RE)) starts.push((match.index ?? 0) + match[0].length);
  return starts;
}

function toLineColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

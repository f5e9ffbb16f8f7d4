import type { z } from 'astro/zod';
import type { Finding } from './findings.ts';

/** Places a field path in its source file, when the file format allows it. */
export type FieldLocator = (path: readonly PropertyKey[]) => { line: number; column?: number } | undefined;

/**
 * Turns zod issues into findings whose message says what was expected and what was found.
 * Parse with `{ reportInput: true }` so the found value can be named.
 * @example toFindings(error, { file: 'rules/a.yaml' }) // → [{ field: 'name', message: 'is required', … }]
 */
export function toFindings(
  error: z.ZodError,
  { file, locate, severity = 'error' }: { file: string; locate?: FieldLocator; severity?: Finding['severity'] },
): Finding[] {
  return error.issues.map((issue) => {
    const where = locate?.(issue.path);
    return {
      severity,
      file,
      ...(where ? { line: where.line, column: where.column } : {}),
      field: issue.path.map(String).join('.') || undefined,
      message: describeIssue(issue),
    };
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return `is required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${describeValue(issue.input)}`;
  }
  if (issue.code === 'invalid_value') {
    const options = issue.values.map((value) => JSON.stringify(value)).join(', ');
    const found = 'input' in issue && issue.input !== undefined ? `, got ${describeValue(issue.input)}` : '';
    return `must be one of ${options}${found}`;
  }
  if (issue.code === 'unrecognized_keys') return `unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union' && 'input' in issue && issue.input !== undefined) {
    return `unexpected value ${describeValue(issue.input)}`;
  }
  const found = 'input' in issue && issue.input !== undefined ? ` (got ${describeValue(issue.input)})` : '';
  return `${issue.message}${found}`;
}

/** Short, quoted rendering of a value for an error message. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value} ${String(value)}`;
}

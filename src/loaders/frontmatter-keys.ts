import type { Finding } from '../checks/findings.ts';
import type { FieldLocator } from '../checks/zod-findings.ts';

/** How far a misspelling may be from a key to be suggested: `hypotesis` is one edit from `hypothesis`. */
const MAX_SUGGESTION_EDITS = 2;

/** A key with case and separators dropped: `falsepositives`, `False_Positives` and `falsePositives` agree. */
function toLooseKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Checks the keys of one front-matter mapping against the keys the schema knows. A key that
 * differs from a known one only in case or separators (`falsepositives`, `false_positives`)
 * is read as that key, with a warning; any other unknown key is left out with a warning that
 * suggests the nearest known key. A misspelling is never read as the key it resembles:
 * `hypotesis` might be a note the author meant to keep out of the page.
 * @example readKnownKeys({ falsepositives: [], hypotesis: 'x' }, ['rule', 'hypothesis', 'falsePositives'], { file: 'a.md' })
 *   // → { data: { falsePositives: [] }, findings: [
 *   //     { field: 'falsepositives', message: 'read as falsePositives (the keys differ only in case or separators)', … },
 *   //     { field: 'hypotesis', message: 'is not a front-matter key and is left out (did you mean hypothesis?)', … }] }
 */
export function readKnownKeys(
  data: Readonly<Record<string, unknown>>,
  knownKeys: readonly string[],
  where: { file: string; locate?: FieldLocator; path?: readonly (string | number)[] },
): { data: Record<string, unknown>; findings: Finding[] } {
  const path = where.path ?? [];
  const known = new Set(knownKeys);
  const byLooseKey = new Map(knownKeys.map((key) => [toLooseKey(key), key]));
  const read: Record<string, unknown> = {};
  const findings: Finding[] = [];
  const warn = (key: string, message: string) => {
    const at = where.locate?.([...path, key]);
    findings.push({
      severity: 'warning',
      file: where.file,
      ...(at ? { line: at.line, column: at.column } : {}),
      field: [...path, key].join('.'),
      code: 'unknown-key',
      message,
    });
  };
  for (const [key, value] of Object.entries(data)) {
    if (known.has(key)) {
      read[key] = value;
      continue;
    }
    const sameKey = byLooseKey.get(toLooseKey(key));
    if (sameKey && !(sameKey in data)) {
      read[sameKey] = value;
      warn(key, `read as ${sameKey} (the keys differ only in case or separators)`);
      continue;
    }
    const suggestion = suggestKey(key, knownKeys);
    const hint = suggestion ? `did you mean ${suggestion}?` : `known keys: ${knownKeys.join(', ')}`;
    warn(key, `is not a front-matter key and is left out (${hint})`);
  }
  return { data: read, findings };
}

/**
 * The known key nearest to a misspelt one, when it is close enough to be what the author meant.
 * @example suggestKey('hypotesis', ['rule', 'hypothesis']) // → 'hypothesis'
 * @example suggestKey('owner', ['rule', 'hypothesis']) // → undefined
 */
export function suggestKey(key: string, knownKeys: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const known of knownKeys) {
    const distance = countEdits(toLooseKey(key), toLooseKey(known));
    if (distance <= MAX_SUGGESTION_EDITS && distance < key.length / 2 && (!best || distance < best.distance)) {
      best = { key: known, distance };
    }
  }
  return best?.key;
}

/** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
function countEdits(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] as number[];
      const previous = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

import type { Finding } from '../checks/findings.ts';
import { createYamlBudget, isYamlLimitFinding } from './yaml-limits.ts';
import { loadYaml } from './yaml-text.ts';

const TOP_LEVEL_KEY_RE = /^([A-Za-z_][\w-]*)\s*:/;
/** Lines that may come before the first key: blank, comments, a document start. */
const PREAMBLE_RE = /^(?:\s*|#.*|---\s*)$/;

/** A top-level key whose value could not be read, with the YAML error inside it. */
export interface UnreadableKey {
  key: string;
  /** 1-based first and last line of the key's text. */
  firstLine: number;
  lastLine: number;
  /** The YAML error in the key's text, placed in the file. */
  error: Finding;
}

export interface ReadByKey {
  /** The keys that could be read, with their values. */
  data: Record<string, unknown>;
  unreadable: UnreadableKey[];
  /** The file passed a YAML alias limit (yaml-limits.ts): reading stopped there, and the file cannot be published. */
  limit?: Finding;
}

/**
 * Reads a file that is not valid YAML as a whole one top-level key at a time, so that one
 * broken value (a mis-indented `entityMappings` item) does not cost the whole rule. Undefined
 * when the file is not laid out as top-level keys: text before the first key, or no key at all.
 * @example readYamlByKey('name: N\nlist:\n  - a\n   - b\n', 'x.yaml')?.unreadable[0]?.key // → 'list'
 */
export function readYamlByKey(text: string, file: string): ReadByKey | undefined {
  const lines = text.split('\n');
  const starts = lines.flatMap((line, index) => (TOP_LEVEL_KEY_RE.test(line) ? [index] : []));
  const first = starts[0];
  if (first === undefined || !lines.slice(0, first).every((line) => PREAMBLE_RE.test(line))) return undefined;
  const data: Record<string, unknown> = {};
  const unreadable: UnreadableKey[] = [];
  // One budget for all the keys: the limits are the file's, however it is read.
  const budget = createYamlBudget();
  for (const [position, start] of starts.entries()) {
    const end = starts[position + 1] ?? lines.length;
    const key = TOP_LEVEL_KEY_RE.exec(lines[start] ?? '')?.[1] as string;
    const chunk = lines.slice(start, end);
    // Blank lines padding the chunk from above keep js-yaml's line numbers those of the file.
    const loaded = loadYaml(`${'\n'.repeat(start)}${chunk.join('\n')}`, file, 0, budget);
    if (!loaded.ok && isYamlLimitFinding(loaded.finding)) return { data, unreadable, limit: loaded.finding };
    let lastLine = end;
    while (lastLine > start + 1 && (lines[lastLine - 1] ?? '').trim() === '') lastLine--;
    if (!loaded.ok) {
      unreadable.push({ key, firstLine: start + 1, lastLine, error: placeInKey(loaded.finding, lines, lastLine) });
      continue;
    }
    if (Object.hasOwn(data, key)) {
      const error: Finding = {
        severity: 'error',
        file,
        line: start + 1,
        column: 1,
        message: 'invalid YAML: duplicated mapping key',
      };
      unreadable.push({ key, firstLine: start + 1, lastLine, error });
      continue;
    }
    const value = loaded.data as Record<string, unknown> | null;
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, key)) data[key] = value[key];
  }
  return { data, unreadable };
}

/** js-yaml places an error at the end of the text (an unclosed `[`) on the next key's line: keep it in the key's. */
function placeInKey(error: Finding, lines: readonly string[], lastLine: number): Finding {
  if (error.line === undefined || error.line <= lastLine) return error;
  return { ...error, line: lastLine, column: (lines[lastLine - 1] ?? '').length + 1 };
}

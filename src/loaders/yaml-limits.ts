/**
 * Limits on YAML aliases. js-yaml resolves an alias to the very object its anchor named, so a
 * "billion laughs" file parses in microseconds into a small graph; the cost comes later, when
 * the graph is written out as a tree (the content store's JSON, a page, an export) and every
 * shared node is repeated. These limits turn such a file into one error finding while it is
 * still a small graph, before anything writes it out.
 */
import type { Finding } from '../checks/findings.ts';
import { toLineAndColumn } from './text-position.ts';

/**
 * Aliases a document may use. Real rules, runbooks and tool files use a handful at most (a
 * shared list of process names); a hundred leaves room for those and none for a bomb.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * How much aliases may add to a document's own length, in characters of scalar text (keys
 * and values) once every alias is written out. 4 MiB is far beyond any rule or runbook that
 * shares a list or two, yet small enough that the page, the cache entry and the search index
 * built from it stay a few megabytes; the 457-byte rule grew to 197 MB.
 */
export const MAX_YAML_EXPANSION = 4 * 1024 * 1024;

/** The stable codes of the two limit findings. */
export const YAML_ALIAS_LIMIT_CODE = 'yaml-alias-limit';
export const YAML_EXPANSION_LIMIT_CODE = 'yaml-expansion-limit';

/**
 * What one document has used of the limits so far. A file read in pieces (one top-level key
 * at a time) passes one budget to every piece, so the limits hold for the file as a whole.
 */
export interface YamlBudget {
  aliases: number;
  /** Characters added by aliases beyond the text's own length. */
  expansion: number;
}

/** A fresh budget, for one document. */
export function createYamlBudget(): YamlBudget {
  return { aliases: 0, expansion: 0 };
}

/** A limit crossed, placed by 1-based line and column in the loaded text. */
export class YamlLimitError extends Error {
  readonly code: typeof YAML_ALIAS_LIMIT_CODE | typeof YAML_EXPANSION_LIMIT_CODE;
  readonly line: number;
  readonly column: number;

  constructor(code: YamlLimitError['code'], line: number, column: number, message: string) {
    super(message);
    this.code = code;
    this.line = line;
    this.column = column;
  }
}

/** True for a finding that reports a crossed YAML limit: no repair or partial reading can help such a file. */
export function isYamlLimitFinding(finding: Finding): boolean {
  return finding.code === YAML_ALIAS_LIMIT_CODE || finding.code === YAML_EXPANSION_LIMIT_CODE;
}

/** The error finding for a crossed limit, in a file whose text starts `lineOffset` lines into it. */
export function toYamlLimitFinding(error: YamlLimitError, file: string, lineOffset = 0): Finding {
  return {
    severity: 'error',
    file,
    line: error.line + lineOffset,
    column: error.column,
    code: error.code,
    message: error.message,
  };
}

/** The state js-yaml's `listener` option is given: only what the alias count reads. */
interface ListenedState {
  position: number;
  kind: string | null;
}

const ALIAS_AFTER_SPACE_RE = /^(?:\s|#[^\n]*)*\*/;

/**
 * A js-yaml `listener` that counts the aliases of `text` into `budget` and throws a
 * `YamlLimitError` at the alias past `MAX_YAML_ALIASES`, so loading stops right there. js-yaml
 * reports no alias event: an alias is the one node that closes with no kind whose text (after
 * spaces and comments) starts with `*`. Positions are counted once, as js-yaml may re-read a
 * node when it backtracks.
 * @example yaml.load(text, { listener: createAliasListener(text, createYamlBudget()) })
 */
export function createAliasListener(text: string, budget: YamlBudget): (event: string, state: ListenedState) => void {
  const openedAt: number[] = [];
  const seen = new Set<number>();
  return (event, state) => {
    if (event === 'open') {
      openedAt.push(state.position);
      return;
    }
    const start = openedAt.pop() ?? 0;
    if (state.kind !== null) return;
    const match = ALIAS_AFTER_SPACE_RE.exec(text.slice(start, state.position));
    if (!match) return;
    const at = start + match[0].length - 1;
    if (seen.has(at)) return;
    seen.add(at);
    budget.aliases++;
    if (budget.aliases <= MAX_YAML_ALIASES) return;
    const { line, column } = toLineAndColumn(text, at);
    throw new YamlLimitError(
      YAML_ALIAS_LIMIT_CODE,
      line,
      column,
      `too many YAML aliases: this is alias ${budget.aliases}, past the limit of ${MAX_YAML_ALIASES} a file may use (each alias repeats its anchor's text, and aliases of aliases can grow a small file into gigabytes)`,
    );
  };
}

/**
 * Adds what aliases make of `data` beyond the length of `text` to `budget`, and throws a
 * `YamlLimitError` at the document's first line when that passes `MAX_YAML_EXPANSION`.
 */
export function checkYamlExpansion(data: unknown, text: string, budget: YamlBudget): void {
  const expanded = measureExpandedSize(data);
  budget.expansion += Math.max(0, expanded - text.length);
  if (budget.expansion <= MAX_YAML_EXPANSION) return;
  const { line } = toLineAndColumn(text, text.length - text.trimStart().length);
  throw new YamlLimitError(
    YAML_EXPANSION_LIMIT_CODE,
    line,
    1,
    `YAML aliases expand this document to ${formatSize(expanded)} characters: more than its own ${formatSize(text.length)} plus the ${formatSize(MAX_YAML_EXPANSION)} that aliases may add (every alias is written out in full on pages and exports)`,
  );
}

/**
 * The characters of scalar text (keys and values) a loaded YAML value holds once every shared
 * node is written out as often as it is referenced. Each object's size is computed once and
 * remembered by identity, so the cost is that of the graph, not of its expansion. A value that
 * contains itself expands without end: Infinity.
 * @example const a = ['xxxxxxxxxx']; measureExpandedSize({ b: [a, a, a] }) // → 31: 'b' and three times ten x
 */
export function measureExpandedSize(value: unknown): number {
  const sizes = new Map<object, number>();
  const measure = (node: unknown): number => {
    if (typeof node === 'string') return node.length;
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    // Marked before its children are measured, so a cycle comes back as endless.
    sizes.set(node, Number.POSITIVE_INFINITY);
    let size = 0;
    if (ArrayBuffer.isView(node)) size = node.byteLength;
    else if (node instanceof Date) size = 1;
    else if (Array.isArray(node)) for (const item of node) size += measure(item);
    else for (const [key, item] of Object.entries(node)) size += key.length + measure(item);
    sizes.set(node, size);
    return size;
  };
  return measure(value);
}

/** A character count with thousands separators, fixed to English so messages do not vary by machine. */
function formatSize(count: number): string {
  return Number.isFinite(count) ? count.toLocaleString('en-US') : 'endless';
}

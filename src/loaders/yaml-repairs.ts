/**
 * Repairs of YAML slips that public Sentinel repositories carry, where what the author meant
 * is plain from the layout. Each repair only moves or quotes text on its own lines, so every
 * line keeps its number and findings about the repaired file still point at the file as written.
 */
import { SENTINEL_ANALYTICS_FIELDS, SENTINEL_CORE_FIELDS, SENTINEL_OTHER_FIELDS } from '../schemas/sentinel-fields.ts';

/** One repair made, to be reported as a warning at its line. */
export interface YamlRepair {
  /** 1-based line of the file the repair is about. */
  line: number;
  field: string;
  message: string;
}

export interface RepairedText {
  text: string;
  repairs: YamlRepair[];
}

const TOP_LEVEL_KEY_RE = /^([A-Za-z_][\w-]*)\s*:/;
/** `query: |`, `query: |-`, `query: >+2`, with an optional comment. */
const QUERY_BLOCK_RE = /^query\s*:\s*[|>][-+0-9]*\s*(?:#.*)?$/;
/** A line of YAML structure rather than content: a comment, or a document marker. */
const YAML_MARKER_RE = /^(?:#|---|\.\.\.)/;
/** `key: [Deprecated] Foo`: a flow sequence followed by more text, which no YAML reads. */
const BRACKET_SCALAR_RE = /^(\s*(?:-\s+)?[A-Za-z_][\w-]*\s*:\s+)(\[[^\]]*\][^#]*?[^\s#,\]][^#]*?)(\s+#.*)?$/;
/** A key opening a block scalar (`description: |`), at any indentation. */
const BLOCK_SCALAR_KEY_RE = /^(\s*)(?:-\s+)?[A-Za-z_][\w-]*\s*:\s*[|>][-+0-9]*\s*(?:#.*)?$/;

/**
 * Top-level keys of Sentinel rule files (hunting queries and analytics rules): a line at the
 * query block's indentation that starts with one of them is a key that slipped into the query.
 */
export const SENTINEL_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set([
  ...SENTINEL_CORE_FIELDS,
  ...SENTINEL_ANALYTICS_FIELDS,
  ...SENTINEL_OTHER_FIELDS,
]);

const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlank = (line: string) => line.trim() === '';

/**
 * Takes Sentinel keys out of the end of a `query: |` block: `entityMappings:` indented like the
 * query lines is, as YAML reads it, query text, so the rule would publish a query that does not
 * parse and lose its entity mappings. Only a known key that is not already a top-level key is
 * taken, with every line after it up to the end of the block, unindented to the top level.
 * @example repairKeysInQueryBlock('query: |\n  T\n  version: 1\n').text // → 'query: |\n  T\nversion: 1\n'
 */
export function repairKeysInQueryBlock(text: string): RepairedText {
  const lines = text.split('\n');
  const topLevelKeys = new Set(lines.flatMap((line) => TOP_LEVEL_KEY_RE.exec(line)?.[1] ?? []));
  const start = lines.findIndex((line) => QUERY_BLOCK_RE.test(line));
  if (start < 0) return { text, repairs: [] };
  let end = start + 1;
  while (end < lines.length && (isBlank(lines[end] ?? '') || indentOf(lines[end] ?? '') > 0)) end++;
  const firstLine = lines.slice(start + 1, end).find((line) => !isBlank(line));
  if (firstLine === undefined) return { text, repairs: [] };
  const indent = indentOf(firstLine);
  const keyAt = lines.findIndex((line, index) => {
    if (index <= start + 1 || index >= end || indentOf(line) !== indent) return false;
    const key = TOP_LEVEL_KEY_RE.exec(line.slice(indent))?.[1];
    return key !== undefined && SENTINEL_TOP_LEVEL_KEYS.has(key) && !topLevelKeys.has(key);
  });
  if (keyAt < 0) return { text, repairs: [] };
  let last = end - 1;
  while (last > keyAt && isBlank(lines[last] ?? '')) last--;
  for (let index = keyAt; index <= last; index++) lines[index] = (lines[index] ?? '').slice(indent);
  const key = TOP_LEVEL_KEY_RE.exec(lines[keyAt] ?? '')?.[1] as string;
  const span = last > keyAt ? `lines ${keyAt + 1}–${last + 1} were` : `line ${keyAt + 1} was`;
  return {
    text: lines.join('\n'),
    repairs: [
      {
        line: keyAt + 1,
        field: key,
        message: `repaired: "${key}:" (line ${keyAt + 1}) was indented into the query block; ${span} taken out of the query and read as the top-level "${key}"; unindent them to silence this warning`,
      },
    ],
  };
}

/**
 * Indents the lines of a `query: |` block written at column 0, up to the next top-level key:
 * YAML reads such a block as empty and the query lines as broken keys.
 * @example repairUnindentedQueryBlock('query: |\nT\n| take 1\nkind: Scheduled\n').text // → 'query: |\n  T\n  | take 1\nkind: Scheduled\n'
 */
export function repairUnindentedQueryBlock(text: string): RepairedText {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => QUERY_BLOCK_RE.test(line));
  const first = start + 1;
  const firstLine = lines[first];
  if (start < 0 || firstLine === undefined || isBlank(firstLine) || indentOf(firstLine) > 0) {
    return { text, repairs: [] };
  }
  if (TOP_LEVEL_KEY_RE.test(firstLine) || YAML_MARKER_RE.test(firstLine)) return { text, repairs: [] };
  let end = first;
  while (end < lines.length && !TOP_LEVEL_KEY_RE.test(lines[end] ?? '') && !YAML_MARKER_RE.test(lines[end] ?? '')) {
    end++;
  }
  let last = end - 1;
  while (last > first && isBlank(lines[last] ?? '')) last--;
  for (let index = first; index <= last; index++) {
    if (!isBlank(lines[index] ?? '')) lines[index] = `  ${lines[index]}`;
  }
  const next = lines[end];
  const upTo =
    next === undefined
      ? 'up to the end of the file'
      : `up to the next top-level key "${TOP_LEVEL_KEY_RE.exec(next)?.[1]}:" (line ${end + 1})`;
  const span = last > first ? `lines ${first + 1}–${last + 1}` : `line ${first + 1}`;
  return {
    text: lines.join('\n'),
    repairs: [
      {
        line: start + 1,
        field: 'query',
        message: `repaired: the "query: |" block (line ${start + 1}) is not indented; ${span}, ${upTo}, were read as the query; indent them to silence this warning`,
      },
    ],
  };
}

/**
 * Quotes a value that starts with `[` but is text, as in `name: [Deprecated] Foo`: YAML starts a
 * list at the `[` and fails at the words after its `]`. Block scalar contents (the query) are
 * left alone.
 * @example repairBracketScalars('name: [Deprecated] Foo\n').text // → "name: '[Deprecated] Foo'\n"
 */
export function repairBracketScalars(text: string): RepairedText {
  const lines = text.split('\n');
  const repairs: YamlRepair[] = [];
  let blockIndent: number | undefined;
  lines.forEach((line, index) => {
    if (blockIndent !== undefined) {
      if (isBlank(line) || indentOf(line) > blockIndent) return;
      blockIndent = undefined;
    }
    const opensBlock = BLOCK_SCALAR_KEY_RE.exec(line);
    if (opensBlock) {
      blockIndent = opensBlock[1]?.length ?? 0;
      return;
    }
    const match = BRACKET_SCALAR_RE.exec(line);
    if (!match) return;
    const [, head = '', value = '', comment = ''] = match;
    lines[index] = `${head}'${value.replace(/'/g, "''")}'${comment}`;
    const field = head.replace(/^\s*(?:-\s+)?/, '').replace(/\s*:\s*$/, '');
    repairs.push({
      line: index + 1,
      field,
      message: `repaired: the value starts with "[" and is read as text: ${JSON.stringify(value)}; quote it to silence this warning`,
    });
  });
  return { text: lines.join('\n'), repairs };
}

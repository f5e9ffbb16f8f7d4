/**
 * A detection item on its Defender XDR column: values that Defender records differently from
 * Sysmon (hive names, file names, hash lists, event types) are rewritten first, then the item
 * is matched like any other.
 */
import { combine, type KqlExpression } from './kql-expression.ts';
import { toKqlString } from './kql-literal.ts';
import type { DetectionItem, DetectionValue } from './types.ts';
import { type MatchResult, toMatchExpression } from './value-match.ts';
import { NUMERIC_COLUMNS, REGISTRY_HIVES, type XdrColumn } from './xdr-mapping.ts';

const HASH_LENGTHS: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA1', 64: 'SHA256' };
const HEX_RE = /^[0-9a-f]+$/i;
const WILDCARD_RE = /(?<!\\)[*?]/;
const DIGITS_RE = /^\d+$/;
const NUMBER_MODIFIERS = new Set(['all', 'gt', 'gte', 'lt', 'lte']);

/**
 * @example toColumnExpression({ name: 'RegistryPath', values: 'registry-path' }, { field: 'TargetObject', modifiers: ['startswith'], values: ['HKLM\\Software\\AnyDesk'] })
 *   // → { ok: true, expression: test "RegistryPath startswith @'HKEY_LOCAL_MACHINE\\Software\\AnyDesk'" }
 */
export function toColumnExpression(column: XdrColumn, item: DetectionItem): MatchResult {
  const { values } = column;
  const field = item.field ?? column.name;
  if (values === 'registry-path' && !item.modifiers.includes('re')) {
    return toMatchExpression(column.name, item.modifiers, toTextValues(item).map(toLongHive), field);
  }
  if (values === 'file-name') return toFileNameExpression(column.name, field, item);
  if (typeof values === 'object' && values.kind === 'hashes') return toHashesExpression(values.columns, field, item);
  if (typeof values === 'object' && values.kind === 'map')
    return toMappedExpression(column.name, values.map, field, item);
  if (NUMERIC_COLUMNS.has(column.name)) return toNumberExpression(column.name, field, item);
  return toMatchExpression(column.name, item.modifiers, toTextValues(item), field);
}

/** Text columns compare with text: `CommandLine: 4444` is the text '4444', not a number. */
function toTextValues(item: DetectionItem): DetectionValue[] {
  if (item.modifiers.includes('exists')) return item.values;
  return item.values.map((value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value));
}

/**
 * Number columns compare with numbers (`RemotePort: '443'` is 443); a text match on one
 * (`contains`, a wildcard, a regex) tests its text form.
 */
function toNumberExpression(column: string, field: string, item: DetectionItem): MatchResult {
  const numeric = item.values.every(
    (value) => typeof value === 'number' || value === null || (typeof value === 'string' && DIGITS_RE.test(value)),
  );
  const comparison = item.modifiers.find((modifier) => NUMBER_MODIFIERS.has(modifier) && modifier !== 'all');
  if (comparison && !numeric) {
    return { ok: false, reason: `the '${comparison}' value of '${field}' is not a number` };
  }
  if (numeric && item.modifiers.every((modifier) => NUMBER_MODIFIERS.has(modifier))) {
    const numbers = item.values.map((value) => (typeof value === 'string' ? Number(value) : value));
    return toMatchExpression(column, item.modifiers, numbers, field);
  }
  if (item.modifiers.includes('exists')) return toMatchExpression(column, item.modifiers, item.values, field);
  return toMatchExpression(`tostring(${column})`, item.modifiers, toTextValues(item), field);
}

function toLongHive(value: DetectionValue): DetectionValue {
  if (typeof value !== 'string') return value;
  const upper = value.toUpperCase();
  const found = REGISTRY_HIVES.find(([short]) => upper.startsWith(short.toUpperCase()));
  return found ? found[1] + value.slice(found[0].length) : value;
}

/** A column of file names only: `endswith '\\name.exe'` and a full path both test the name. */
function toFileNameExpression(column: string, field: string, item: DetectionItem): MatchResult {
  const names: DetectionValue[] = [];
  for (const value of item.values) {
    const text = String(value);
    const name = text.slice(text.lastIndexOf('\\') + 1);
    const plainPath = item.modifiers.length === 0 && text.includes('\\');
    const endsWithName = item.modifiers.length === 1 && item.modifiers[0] === 'endswith' && text.startsWith('\\');
    if (typeof value !== 'string' || WILDCARD_RE.test(text) || !name || !(plainPath || endsWithName)) {
      return {
        ok: false,
        reason: `the field '${field}' has only a file name in Defender XDR: it takes a full path or 'endswith' with '\\name'`,
      };
    }
    names.push(name);
  }
  return toMatchExpression(column, [], names);
}

/** Sysmon's `Hashes` values (`SHA256=…`, `MD5|…`, or a bare hash told apart by length). */
function toHashesExpression(
  columns: Readonly<Record<string, string>>,
  field: string,
  item: DetectionItem,
): MatchResult {
  if (item.modifiers.some((modifier) => modifier !== 'contains')) {
    return { ok: false, reason: `the field '${field}' takes hashes as values, with no modifier but 'contains'` };
  }
  const byColumn = new Map<string, string[]>();
  for (const value of item.values) {
    const text = String(value);
    const [algorithm, hash] = text.includes('=') || text.includes('|') ? text.split(/[=|]/, 2) : [undefined, text];
    const name = (algorithm ?? HASH_LENGTHS[text.length] ?? '').toUpperCase();
    const column = Object.hasOwn(columns, name) ? columns[name] : undefined;
    if (!column || !hash || !HEX_RE.test(hash)) {
      return { ok: false, reason: `the hash '${text}' has no Defender XDR column (MD5, SHA1 and SHA256 have)` };
    }
    byColumn.set(column, [...(byColumn.get(column) ?? []), hash.toLowerCase()]);
  }
  const tests: KqlExpression[] = [...byColumn].map(([column, hashes]) => ({
    kind: 'test',
    text:
      hashes.length === 1
        ? `${column} =~ ${toKqlString(hashes[0] as string)}`
        : `${column} in~ (${hashes.map(toKqlString).join(', ')})`,
  }));
  return { ok: true, expression: combine('or', tests) };
}

/** A Sigma value that stands for a set of Defender values (Sysmon event types, `Initiated`). */
function toMappedExpression(
  column: string,
  map: Readonly<Record<string, readonly string[]>>,
  field: string,
  item: DetectionItem,
): MatchResult {
  if (item.modifiers.length > 0) return { ok: false, reason: `the field '${field}' takes no modifiers` };
  const mapped: string[] = [];
  for (const value of item.values) {
    const key = Object.keys(map).find((name) => name.toLowerCase() === String(value).toLowerCase());
    if (!key) {
      return { ok: false, reason: `the value '${String(value)}' of '${field}' has no Defender XDR equivalent` };
    }
    for (const entry of map[key] ?? []) if (!mapped.includes(entry)) mapped.push(entry);
  }
  return toMatchExpression(column, [], mapped);
}

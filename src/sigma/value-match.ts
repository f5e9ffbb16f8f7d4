/**
 * One detection item (a field, its modifiers and values) as a KQL expression on a column.
 * Sigma matches case-insensitively unless `cased` is given, so the case-insensitive KQL
 * operators are the default (`=~`, `in~`, `contains`, `startswith`, `endswith`; `has` is
 * token-based and would miss substrings, so it is never used).
 */
import { combine, type KqlExpression } from './kql-expression.ts';
import { toKqlString } from './kql-literal.ts';
import { type SigmaPart, toSigmaParts, toSigmaPattern } from './sigma-string.ts';
import type { DetectionValue } from './types.ts';
import { expandWindash } from './windash.ts';

export type MatchResult = { ok: true; expression: KqlExpression } | { ok: false; reason: string };

const MATCH_MODIFIERS = new Set([
  'contains',
  'startswith',
  'endswith',
  're',
  'cidr',
  'exists',
  'gt',
  'gte',
  'lt',
  'lte',
]);
const FLAG_MODIFIERS = new Set(['all', 'cased', 'windash', 'i', 'm', 's']);
const REGEX_FLAGS = new Set(['i', 'm', 's']);
const COMPARISON: Readonly<Record<string, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };
const IPV4_CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/;
const IPV6_CIDR_RE = /^[0-9a-f:.]*:[0-9a-f:.]*(\/\d{1,3})?$/i;

class MatchError extends Error {}

/**
 * @example toMatchExpression('FolderPath', ['endswith'], ['\\AnyDesk.exe'])
 *   // → { ok: true, expression: "FolderPath endswith @'\\AnyDesk.exe'" }
 */
export function toMatchExpression(
  column: string,
  modifiers: readonly string[],
  values: readonly DetectionValue[],
  /** The Sigma field, for the reasons. */
  field = column,
): MatchResult {
  try {
    return { ok: true, expression: buildExpression(column, modifiers, values, field) };
  } catch (error) {
    if (error instanceof MatchError) return { ok: false, reason: error.message };
    throw error;
  }
}

function buildExpression(
  column: string,
  modifiers: readonly string[],
  values: readonly DetectionValue[],
  field: string,
): KqlExpression {
  const matches = modifiers.filter((modifier) => MATCH_MODIFIERS.has(modifier));
  for (const modifier of modifiers) {
    if (!MATCH_MODIFIERS.has(modifier) && !FLAG_MODIFIERS.has(modifier)) {
      throw new MatchError(`the modifier '${modifier}' is not supported`);
    }
  }
  if (matches.length > 1) throw new MatchError(`the modifiers '${matches.join("' and '")}' cannot be combined`);
  const match = matches[0];
  const all = modifiers.includes('all');
  const cased = modifiers.includes('cased');
  if (values.length === 0) throw new MatchError(`the field '${field}' has an empty list of values`);
  for (const flag of REGEX_FLAGS) {
    if (modifiers.includes(flag) && match !== 're') throw new MatchError(`the modifier '${flag}' only goes with 're'`);
  }
  if (modifiers.includes('windash') && (match === 're' || match === 'cidr' || match === 'exists')) {
    throw new MatchError(`the modifier 'windash' does not go with '${match}'`);
  }

  if (match === 'exists') return test(toExists(column, values, field));
  if (match === 'cidr') return join(toCidrTests(column, values), all ? 'and' : 'or');
  if (match && match in COMPARISON) return join(toComparisons(column, match, values, field), all ? 'and' : 'or');
  if (match === 're') return join(toRegexTests(column, modifiers, values, field), all ? 'and' : 'or');

  // `windash` turns each value into its spellings: any spelling matches that value.
  const spellings = (value: DetectionValue) => (modifiers.includes('windash') ? toWindashVariants(value) : [value]);
  if (all)
    return combine(
      'and',
      values.map((value) => toAnyOf(column, match, cased, spellings(value))),
    );
  return toAnyOf(column, match, cased, values.flatMap(spellings));
}

function toWindashVariants(value: DetectionValue): DetectionValue[] {
  if (typeof value !== 'string') return [value];
  const variants = expandWindash(value);
  if (!variants) throw new MatchError(`the value '${value}' has too many switches for 'windash'`);
  return variants;
}

/** Values OR-ed: plain equality values share one `in~ (…)`, the others are tested one by one. */
function toAnyOf(
  column: string,
  match: string | undefined,
  cased: boolean,
  values: readonly DetectionValue[],
): KqlExpression {
  const equalStrings: string[] = [];
  const equalNumbers: string[] = [];
  const tests: string[] = [];
  for (const value of values) {
    if (match === undefined && typeof value === 'number') {
      equalNumbers.push(String(value));
      continue;
    }
    if (match === undefined && typeof value === 'string') {
      const pattern = toSigmaPattern(toSigmaParts(value));
      if (pattern.kind === 'equals' && pattern.text !== '') {
        equalStrings.push(toKqlString(pattern.text));
        continue;
      }
    }
    tests.push(toValueTest(column, match, cased, value));
  }
  const grouped: string[] = [];
  if (equalStrings.length === 1) grouped.push(`${column} ${cased ? '==' : '=~'} ${equalStrings[0]}`);
  if (equalStrings.length > 1) grouped.push(`${column} ${cased ? 'in' : 'in~'} (${equalStrings.join(', ')})`);
  if (equalNumbers.length === 1) grouped.push(`${column} == ${equalNumbers[0]}`);
  if (equalNumbers.length > 1) grouped.push(`${column} in (${equalNumbers.join(', ')})`);
  return join([...grouped, ...tests], 'or');
}

function toValueTest(column: string, match: string | undefined, cased: boolean, value: DetectionValue): string {
  if (value === null) return `isempty(${column})`;
  if (typeof value === 'boolean') return `${column} == ${value}`;
  if (typeof value === 'number' && match === undefined) return `${column} == ${value}`;
  const text = String(value);
  // The wildcards go around the parsed value: appended as text, a trailing `\` would escape them.
  const any: SigmaPart = { kind: 'any' };
  const parts = toSigmaParts(text);
  const before = match === 'contains' || match === 'endswith' ? [any] : [];
  const after = match === 'contains' || match === 'startswith' ? [any] : [];
  const pattern = toSigmaPattern([...before, ...parts, ...after]);
  const suffix = cased ? '_cs' : '';
  switch (pattern.kind) {
    case 'anything':
      return `isnotempty(${column})`;
    case 'equals':
      return pattern.text === ''
        ? `isempty(${column})`
        : `${column} ${cased ? '==' : '=~'} ${toKqlString(pattern.text)}`;
    case 'regex':
      return `${column} matches regex ${toKqlString((cased ? '' : '(?i)') + pattern.regex)}`;
    default:
      return `${column} ${pattern.kind}${suffix} ${toKqlString(pattern.text)}`;
  }
}

function toRegexTests(
  column: string,
  modifiers: readonly string[],
  values: readonly DetectionValue[],
  field: string,
): string[] {
  const flags = [...REGEX_FLAGS].filter((flag) => modifiers.includes(flag)).join('');
  return values.map((value) => {
    if (typeof value !== 'string') throw new MatchError(`the 're' value of '${field}' is not a string`);
    return `${column} matches regex ${toKqlString(flags ? `(?${flags})${value}` : value)}`;
  });
}

function toCidrTests(column: string, values: readonly DetectionValue[]): string[] {
  const ipv4: string[] = [];
  const ipv6: string[] = [];
  for (const value of values) {
    const text = String(value);
    if (isIpv4Cidr(text)) ipv4.push(toKqlString(text));
    else if (IPV6_CIDR_RE.test(text)) ipv6.push(toKqlString(text));
    else throw new MatchError(`'${text}' is not an IP range in CIDR notation`);
  }
  const tests: string[] = [];
  if (ipv4.length === 1) tests.push(`ipv4_is_in_range(${column}, ${ipv4[0]})`);
  if (ipv4.length > 1) tests.push(`ipv4_is_in_any_range(${column}, ${ipv4.join(', ')})`);
  if (ipv6.length === 1) tests.push(`ipv6_is_in_range(${column}, ${ipv6[0]})`);
  if (ipv6.length > 1) tests.push(`ipv6_is_in_any_range(${column}, ${ipv6.join(', ')})`);
  return tests;
}

function isIpv4Cidr(text: string): boolean {
  const match = IPV4_CIDR_RE.exec(text);
  if (!match) return false;
  const octets = match.slice(1, 5).map(Number);
  const prefix = match[6] === undefined ? 32 : Number(match[6]);
  return octets.every((octet) => octet <= 255) && prefix <= 32;
}

function toComparisons(column: string, match: string, values: readonly DetectionValue[], field: string): string[] {
  return values.map((value) => {
    if (typeof value !== 'number') throw new MatchError(`the '${match}' value of '${field}' is not a number`);
    return `${column} ${COMPARISON[match]} ${value}`;
  });
}

function toExists(column: string, values: readonly DetectionValue[], field: string): string {
  const [value] = values;
  if (values.length !== 1 || typeof value !== 'boolean') {
    throw new MatchError(`the 'exists' value of '${field}' is not true or false`);
  }
  return value ? `isnotempty(${column})` : `isempty(${column})`;
}

function join(tests: readonly string[], operator: 'and' | 'or'): KqlExpression {
  return combine(operator, tests.map(test));
}

function test(text: string): KqlExpression {
  return { kind: 'test', text };
}

/**
 * Finds the rule an alert came from by the name the alert carries. Sentinel names an alert after
 * its rule, or after the rule's `alertDetailsOverride.alertDisplayNameFormat` with the
 * `{{Column}}` placeholders filled from the query's results (`AnyDesk on {{DeviceName}}` →
 * `AnyDesk on WS-0042`). Pure and free of Node APIs: the `/r/` page runs it in the browser,
 * the dev server on Node.
 */

/** What matching needs of a rule: the names file holds one of these per rule. */
export interface AlertNameRule {
  /** The rule id, lowercased. */
  id: string;
  name: string;
  /** `alertDetailsOverride.alertDisplayNameFormat`, when the rule has one. */
  format?: string;
  /** The rule page's path under the base. */
  path: string;
}

/** How the name was matched, or why no rule was chosen. */
export type AlertNameMatch =
  | { kind: 'exact' | 'loose' | 'format'; rule: AlertNameRule }
  /** Several rules fit equally well: search shows them all. */
  | { kind: 'ambiguous'; rules: AlertNameRule[] }
  | { kind: 'none' };

/** Sentinel caps an alert's display name at 256 characters; longer text is no alert name. */
const MAX_NAME_LENGTH = 1024;
const WHITESPACE_RE = /\s+/g;
/** Hyphen, en and em dashes, minus signs and the like: editors swap them for `-` and back. */
const DASH_RE = /[\p{Pd}\u2212]/gu;
const PLACEHOLDER_RE = /\{\{[^{}]*\}\}/g;

/**
 * A name as it compares when case, spacing and dashes are ignored: Unicode compatibility forms
 * folded, every dash a `-`, whitespace collapsed and trimmed, lower case.
 * @example normalizeAlertName('  RMM tool – PDQ\t- Network ') // → 'rmm tool - pdq - network'
 */
export function normalizeAlertName(name: string): string {
  return foldAlertText(name).trim();
}

/** Normalises a piece of a name, keeping a space at either end, which joins it to its neighbours. */
function foldAlertText(text: string): string {
  return text.normalize('NFKC').replace(DASH_RE, '-').replace(WHITESPACE_RE, ' ').toLowerCase();
}

/**
 * A display-name format, compiled for matching normalised names: the fixed text it starts with,
 * then each run of placeholders (how many, as each stands for at least one character) with the
 * fixed text after it. Not a regular expression: one with several wildcards backtracks
 * exponentially on a name that nearly matches, while these parts match in one pass.
 */
export interface NameFormat {
  head: string;
  parts: { placeholders: number; text: string }[];
}

/**
 * A display-name format compiled for `matchesNameFormat`; undefined for a format without
 * placeholders (its text is a name like any other). Fixed text is normalised as names are,
 * and every character in it is literal.
 * @example compileNameFormat('AnyDesk on {{DeviceName}}') // → { head: 'anydesk on ', parts: [{ placeholders: 1, text: '' }] }
 */
export function compileNameFormat(format: string): NameFormat | undefined {
  const literals = format.split(PLACEHOLDER_RE).map(foldAlertText);
  if (literals.length === 1) return undefined;
  const [head = '', ...rest] = literals;
  const parts: NameFormat['parts'] = [];
  let placeholders = 0;
  rest.forEach((literal, index) => {
    placeholders += 1;
    const text = index === rest.length - 1 ? literal.trimEnd() : literal;
    if (text === '' && index < rest.length - 1) return;
    parts.push({ placeholders, text });
    placeholders = 0;
  });
  return { head: head.trimStart(), parts };
}

/**
 * Whether a normalised name fills a compiled format: each placeholder with non-empty text.
 * Fixed text is found at its first place after the placeholders before it; a later place would
 * only leave less room for the rest, so one pass decides.
 * @example matchesNameFormat(compileNameFormat('AnyDesk on {{DeviceName}}')!, 'anydesk on ws-0042') // → true
 */
export function matchesNameFormat(format: NameFormat, name: string): boolean {
  if (!name.startsWith(format.head)) return false;
  let position = format.head.length;
  const last = format.parts.at(-1) ?? { placeholders: 0, text: '' };
  for (const part of format.parts.slice(0, -1)) {
    const found = name.indexOf(part.text, position + part.placeholders);
    if (found < 0) return false;
    position = found + part.text.length;
  }
  return name.length - last.text.length >= position + last.placeholders && name.endsWith(last.text);
}

/**
 * The rule an alert name belongs to: an exact match first, then one ignoring case, spacing and
 * dashes, then a display-name format. Within a step, rules that lead to one page count as one;
 * rules on different pages are ambiguous. Among formats the one with the most literal text wins
 * (`AnyDesk on {{Host}}` over `{{AlertName}}`); a tie is ambiguous too.
 * @example matchAlertName('anydesk  on WS-0042', [{ id, name: 'AnyDesk', format: 'AnyDesk on {{DeviceName}}', path }]) // → { kind: 'format', rule: … }
 */
export function matchAlertName(name: string, rules: readonly AlertNameRule[]): AlertNameMatch {
  if (name.trim() === '' || name.length > MAX_NAME_LENGTH) return { kind: 'none' };
  const exact = rules.filter((rule) => rule.name === name || rule.format === name);
  if (exact.length > 0) return decide('exact', exact);
  const normalized = normalizeAlertName(name);
  const loose = rules.filter(
    (rule) =>
      normalizeAlertName(rule.name) === normalized ||
      (rule.format !== undefined && normalizeAlertName(rule.format) === normalized),
  );
  if (loose.length > 0) return decide('loose', loose);
  return matchByFormat(normalized, rules);
}

/** The rules whose display-name format the normalised name fills, the most specific first. */
function matchByFormat(normalized: string, rules: readonly AlertNameRule[]): AlertNameMatch {
  let best: AlertNameRule[] = [];
  let bestLiteral = -1;
  for (const rule of rules) {
    const format = rule.format === undefined ? undefined : compileNameFormat(rule.format);
    if (!format || !matchesNameFormat(format, normalized)) continue;
    const literal = countLiteralCharacters(format);
    if (literal > bestLiteral) [best, bestLiteral] = [[rule], literal];
    else if (literal === bestLiteral) best.push(rule);
  }
  return best.length > 0 ? decide('format', best) : { kind: 'none' };
}

/** How much of a format is fixed text: the more, the more specific it is. */
function countLiteralCharacters(format: NameFormat): number {
  return format.parts.reduce((sum, part) => sum + part.text.length, format.head.length);
}

function decide(kind: 'exact' | 'loose' | 'format', found: readonly AlertNameRule[]): AlertNameMatch {
  const [first] = found as [AlertNameRule, ...AlertNameRule[]];
  if (found.every((rule) => rule.path === first.path)) return { kind, rule: first };
  return { kind: 'ambiguous', rules: [...found] };
}

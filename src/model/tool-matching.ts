import type { KqlIndicator } from '../kql/analysis.ts';
import type { Tool } from '../schemas/tool.ts';
import { parseRuleName } from './rule-name.ts';
import { toSlug } from './slug.ts';

/** How a rule was tied to a tool, strongest first; shown on the page so analysts can judge it. */
export type ToolMatchReason =
  | 'runbook'
  | 'rule name'
  | 'query domain'
  | 'query product name'
  | 'query process name'
  | 'query signer'
  | 'query company'
  | 'detection domain'
  | 'detection product name'
  | 'detection process name'
  | 'detection signer'
  | 'detection company';

export interface ToolMatch {
  toolId: string;
  reason: ToolMatchReason;
  /** What matched, e.g. the domain literal from the query. */
  evidence: string;
  /** Set when the tool is not in the catalog: a rule's name is all that is known of it. */
  uncatalogued?: true;
}

/** What the matcher reads of a rule. */
export interface MatchableRule {
  name: string;
  query: string;
  /** ATT&CK ids the rule names; a T1219 id marks it as a rule about a remote access tool. */
  relevantTechniques?: readonly string[];
  /**
   * Literals the query compares with a column, classified by that column (the rule's KQL
   * analysis); only those compared with a signer column (`Signer`, `CompanyName`, `Publisher`…)
   * are read, because a company name elsewhere in a query says nothing about the file.
   */
  indicators?: readonly Pick<KqlIndicator, 'value' | 'kind'>[];
  /**
   * The values a Sigma rule's detection tests, each with its field (`Image|endswith: \AnyDesk.exe`
   * gives `{ field: 'Image', value: '\AnyDesk.exe' }`), from selections the condition does not negate.
   */
  detectionValues?: readonly { field?: string; value: string }[];
}

export interface ToolMatcher {
  /** Tools a rule is about; empty when neither the catalog nor the rule's name names one. */
  match(rule: MatchableRule): ToolMatch[];
}

const WORD_RE = /[\p{L}\p{N}]+/gu;
const MAX_NAME_WORDS = 4;
const REMOTE_ACCESS_TECHNIQUE_RE = /^T1219(?:\.\d{3})?$/;
/** Sigma fields (Sysmon's and Windows') that hold a file's signer or company. */
const SIGNER_FIELD_RE = /^(?:Company|Signature|Signer|Publisher|Issuer|Subject)$/i;
/** Families of rule names that are about remote access tools: `RMM - …`, `Remote access tool - …`. */
const REMOTE_ACCESS_FAMILY_RE = /\b(?:remote|rmm|rats?)\b/i;

/**
 * Lowercases and drops everything but letters and digits, so `ConnectWise Control`,
 * `connectwise-control` and `ConnectWiseControl` compare equal.
 */
export function toMatchKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * The id a tool known only from rule names gets: its name as a slug, marked so that it can
 * never take the id of a catalog entry.
 * @example toUncataloguedToolId('Fleetwood Remote') // → 'fleetwood-remote-from-rules'
 */
export function toUncataloguedToolId(name: string): string {
  return `${toSlug(name) || 'tool'}-from-rules`;
}

/**
 * Builds lookups over the catalog once, so matching a rule costs a few map lookups per
 * literal and name word instead of a scan of every tool: large corpora stay linear.
 * Order of evidence, each used only when the one before it found nothing:
 * 1. the `<family> - <Tool> - <Telemetry>` name pattern: the rule is about that tool only,
 *    also when the catalog does not hold it (a tool known only from rule names, for rules
 *    tagged T1219 or of a remote-access family), so that literals of other tools in its
 *    query do not tie it to them;
 * 2. domains, product names and process names in the query's string literals, one tie per
 *    tool with its own literal, leaving out comments and negated comparisons (`!has`,
 *    `!in (…)`, `not(…)`): excluding a tool is not evidence of it;
 *    then signers and company names compared with a signer column (a whole name, compared
 *    without case, spaces or punctuation: `Connectwise, LLC` is `ConnectWise LLC`);
 * 3. a tool's name or alias as whole, capitalised words of the rule name.
 */
export function createToolMatcher(tools: readonly Tool[]): ToolMatcher {
  const byName = new Map<string, string>();
  const byDomain = new Map<string, Set<string>>();
  const byProduct = new Map<string, Set<string>>();
  const byProcess = new Map<string, Set<string>>();
  const bySigner = new Map<string, Set<string>>();
  const byCompany = new Map<string, Set<string>>();
  const add = (index: Map<string, Set<string>>, key: string, id: string) => {
    if (!key) return;
    index.set(key, (index.get(key) ?? new Set()).add(id));
  };
  for (const tool of tools) {
    for (const name of [tool.name, tool.id, ...tool.aliases]) {
      const key = toMatchKey(name);
      if (key && !byName.has(key)) byName.set(key, tool.id);
    }
    for (const domain of tool.domains) add(byDomain, domain.toLowerCase().replace(/^\*\./, ''), tool.id);
    for (const product of tool.productNames) add(byProduct, product.toLowerCase(), tool.id);
    for (const process of tool.processNames) add(byProcess, process.toLowerCase(), tool.id);
    for (const signer of tool.signers) add(bySigner, toMatchKey(signer), tool.id);
    for (const company of tool.companies) add(byCompany, toMatchKey(company), tool.id);
  }

  const fromQuery = (query: string, indicators: MatchableRule['indicators'] = []): ToolMatch[] => {
    const found = new Map<string, ToolMatch>();
    const note = (ids: Iterable<string> | undefined, reason: ToolMatchReason, evidence: string) => {
      for (const toolId of ids ?? []) if (!found.has(toolId)) found.set(toolId, { toolId, reason, evidence });
    };
    // Keys are compared in lower case; the evidence keeps the literal as the author wrote it.
    const literals = extractEvidenceLiterals(query).map((text) => ({ text, key: text.toLowerCase() }));
    for (const { text, key } of literals) {
      for (const domain of toDomainSuffixes(key)) note(byDomain.get(domain), 'query domain', text);
    }
    for (const { text, key } of literals) note(byProduct.get(key), 'query product name', text);
    for (const { text, key } of literals) note(byProcess.get(key), 'query process name', text);
    const signerLiterals = indicators.filter((indicator) => indicator.kind === 'signer');
    for (const { value } of signerLiterals) note(bySigner.get(toMatchKey(value)), 'query signer', value);
    for (const { value } of signerLiterals) note(byCompany.get(toMatchKey(value)), 'query company', value);
    return [...found.values()];
  };

  // Sigma values are matched as a query's literals are, after what Sigma writes around them: a
  // path's folders (`\AnyDesk.exe`), a leading dot of a domain suffix (`.anydesk.com`) and wildcards.
  const fromDetection = (values: MatchableRule['detectionValues'] = []): ToolMatch[] => {
    const found = new Map<string, ToolMatch>();
    const note = (ids: Iterable<string> | undefined, reason: ToolMatchReason, evidence: string) => {
      for (const toolId of ids ?? []) if (!found.has(toolId)) found.set(toolId, { toolId, reason, evidence });
    };
    const read = values.map(({ field, value }) => {
      const text = value.replace(/^[*?]+|[*?]+$/g, '');
      const key = text.toLowerCase();
      return { field: field ?? '', value, text, key, fileName: key.split(/[\\/]/).pop() ?? key };
    });
    for (const { value, key } of read) {
      if (/[\\/]/.test(key)) continue;
      for (const domain of toDomainSuffixes(key.replace(/^\.+/, '')))
        note(byDomain.get(domain), 'detection domain', value);
    }
    for (const { value, key } of read) note(byProduct.get(key), 'detection product name', value);
    for (const { value, fileName } of read) note(byProcess.get(fileName), 'detection process name', value);
    const signerValues = read.filter(({ field }) => SIGNER_FIELD_RE.test(field));
    for (const { value, text } of signerValues) note(bySigner.get(toMatchKey(text)), 'detection signer', value);
    for (const { value, text } of signerValues) note(byCompany.get(toMatchKey(text)), 'detection company', value);
    return [...found.values()];
  };

  return {
    match(rule) {
      const parts = parseRuleName(rule.name);
      if (parts.tool) {
        const patternId = byName.get(toMatchKey(parts.tool));
        if (patternId) return [{ toolId: patternId, reason: 'rule name', evidence: parts.tool }];
        if (isAboutRemoteAccess(rule, parts.family)) {
          return [
            { toolId: toUncataloguedToolId(parts.tool), reason: 'rule name', evidence: parts.tool, uncatalogued: true },
          ];
        }
      }
      const queryMatches = fromQuery(rule.query, rule.indicators);
      const known = new Set(queryMatches.map((match) => match.toolId));
      const detectionMatches = fromDetection(rule.detectionValues).filter((match) => !known.has(match.toolId));
      if (queryMatches.length + detectionMatches.length > 0) return [...queryMatches, ...detectionMatches];
      const named = findNameInWords(rule.name, byName);
      return named ? [{ toolId: named.toolId, reason: 'rule name', evidence: named.words }] : [];
    },
  };
}

function isAboutRemoteAccess(rule: MatchableRule, family: string | undefined): boolean {
  if (rule.relevantTechniques?.some((id) => REMOTE_ACCESS_TECHNIQUE_RE.test(id))) return true;
  return family !== undefined && REMOTE_ACCESS_FAMILY_RE.test(family);
}

/** A string literal of a KQL query and whether it is an operand of a negated comparison. */
interface ScannedLiteral {
  text: string;
  negated: boolean;
}

/** Operators that negate the comparison their right side takes part in: `!has`, `!in~`, `!=`, `!~`. */
const NEGATED_OPERATOR_AT_RE = /![\p{L}_]*~?/uy;
const NOT_CALL_AT_RE = /not\s*\(/y;
const WORD_AT_RE = /[\p{L}\p{N}_]+/uy;
const WORD_CHAR_RE = /[\p{L}\p{N}_]/u;

/**
 * The string literals of a KQL query that are evidence of what it looks for: not in a
 * comment, not the operand of a negated comparison. The text is as written between the
 * quotes, unescaped only as far as matching needs.
 * @example extractEvidenceLiterals(`where RemoteUrl has 'rustdesk.com' and RemoteUrl !has 'teamviewer.com' // 'anydesk.com'`)
 *   // → ['rustdesk.com']
 */
export function extractEvidenceLiterals(query: string): string[] {
  return scanStringLiterals(query)
    .filter((literal) => !literal.negated && literal.text.length > 0)
    .map((literal) => literal.text);
}

/**
 * One pass over the query text: comments are skipped, strings read whole (so `//` in a URL is
 * not a comment), and each open parenthesis remembers whether it belongs to a negation, so
 * every literal of `!in ('a', dynamic(['b']))` or `not(… has 'c')` is known to be negated.
 */
function scanStringLiterals(query: string): ScannedLiteral[] {
  const literals: ScannedLiteral[] = [];
  const negatedParens: boolean[] = [];
  let pendingNegation = false;
  const take = (text: string) => {
    literals.push({ text, negated: pendingNegation || negatedParens.includes(true) });
    pendingNegation = false;
  };
  let index = 0;
  while (index < query.length) {
    const char = query[index] as string;
    if (char === '/' && query[index + 1] === '/') {
      const end = query.indexOf('\n', index);
      index = end === -1 ? query.length : end;
      continue;
    }
    if (query.startsWith('```', index) || query.startsWith('~~~', index)) {
      const end = query.indexOf(query.slice(index, index + 3), index + 3);
      const stop = end === -1 ? query.length : end;
      take(query.slice(index + 3, stop));
      index = stop + 3;
      continue;
    }
    const quoteAt = findQuoteStart(query, index);
    if (quoteAt !== undefined) {
      const { text, end } = readQuoted(query, quoteAt.quote, quoteAt.verbatim, quoteAt.contentStart);
      take(text);
      index = end;
      continue;
    }
    if (char === '!') {
      NEGATED_OPERATOR_AT_RE.lastIndex = index;
      index += NEGATED_OPERATOR_AT_RE.exec(query)?.[0].length ?? 1;
      pendingNegation = true;
      continue;
    }
    WORD_AT_RE.lastIndex = index;
    const word = WORD_AT_RE.exec(query)?.[0];
    if (word) {
      NOT_CALL_AT_RE.lastIndex = index;
      if (word === 'not' && NOT_CALL_AT_RE.test(query)) pendingNegation = true;
      else if (word === 'and' || word === 'or') pendingNegation = false;
      index += word.length;
      continue;
    }
    if (char === '(' || char === '[') {
      negatedParens.push(pendingNegation);
      pendingNegation = false;
    } else if (char === ')' || char === ']') {
      negatedParens.pop();
      pendingNegation = false;
    } else if (char === '|' || char === ',' || char === ';') {
      pendingNegation = false;
    }
    index++;
  }
  return literals;
}

/** A string starting at `index`: `'…'`, `"…"`, verbatim `@'…'`, and obfuscated `h'…'` / `h@'…'`. */
function findQuoteStart(
  query: string,
  index: number,
): { quote: string; verbatim: boolean; contentStart: number } | undefined {
  let at = index;
  const obfuscated = (query[at] === 'h' || query[at] === 'H') && !WORD_CHAR_RE.test(query[index - 1] ?? ' ');
  if (obfuscated) at++;
  const verbatim = query[at] === '@';
  if (verbatim) at++;
  const quote = query[at];
  if (quote !== "'" && quote !== '"') return undefined;
  return { quote, verbatim, contentStart: at + 1 };
}

/** Reads to the closing quote: a backslash escapes in ordinary strings, a doubled quote in verbatim ones. */
function readQuoted(query: string, quote: string, verbatim: boolean, start: number): { text: string; end: number } {
  let index = start;
  while (index < query.length) {
    const char = query[index];
    if (char === '\n') break;
    if (!verbatim && char === '\\') {
      index += 2;
      continue;
    }
    if (char === quote) {
      if (verbatim && query[index + 1] === quote) {
        index += 2;
        continue;
      }
      return { text: query.slice(start, index), end: index + 1 };
    }
    index++;
  }
  return { text: query.slice(start, index), end: index };
}

/**
 * A literal and each parent domain with two or more labels: a query on
 * `relay-17.net.anydesk.com` matches a catalog entry for `anydesk.com`.
 */
function toDomainSuffixes(literal: string): string[] {
  if (!literal.includes('.') || /\s/.test(literal)) return [];
  const labels = literal.replace(/^[*.]+/, '').split('.');
  const suffixes: string[] = [];
  for (let start = 0; start <= labels.length - 2; start++) suffixes.push(labels.slice(start).join('.'));
  return suffixes;
}

/**
 * The longest run of up to four words in the name that is a tool's name or alias. The run
 * must start with a capital letter or a digit, as tool names do: in `Sign-in from a high
 * level account`, `level` is a word, not the tool Level.
 */
function findNameInWords(name: string, byName: Map<string, string>): { toolId: string; words: string } | undefined {
  const words = name.match(WORD_RE) ?? [];
  for (let size = Math.min(MAX_NAME_WORDS, words.length); size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const run = words.slice(start, start + size);
      const first = run[0] as string;
      if (first[0] !== first[0]?.toUpperCase()) continue;
      const toolId = byName.get(toMatchKey(run.join('')));
      if (toolId) return { toolId, words: run.join(' ') };
    }
  }
  return undefined;
}

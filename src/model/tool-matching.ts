import type { Tool } from '../schemas/tool.ts';
import { parseRuleName } from './rule-name.ts';

/** How a rule was tied to a tool, strongest first; shown on the page so analysts can judge it. */
export type ToolMatchReason = 'runbook' | 'rule name' | 'query domain' | 'query product name' | 'query process name';

export interface ToolMatch {
  toolId: string;
  reason: ToolMatchReason;
  /** What matched, e.g. the domain literal from the query. */
  evidence: string;
}

export interface ToolMatcher {
  /** Tools a rule is about; empty when nothing in the catalog matches. */
  match(rule: { name: string; query: string }): ToolMatch[];
}

/** KQL string literals: '…', "…", and verbatim @'…' / @"…" forms. */
const STRING_LITERAL_RE = /@?'((?:[^'\\\n]|\\.)*)'|@?"((?:[^"\\\n]|\\.)*)"/g;
const WORD_RE = /[\p{L}\p{N}]+/gu;
const MAX_NAME_WORDS = 4;

/**
 * Lowercases and drops everything but letters and digits, so `ConnectWise Control`,
 * `connectwise-control` and `ConnectWiseControl` compare equal.
 */
export function toMatchKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Builds lookups over the catalog once, so matching a rule costs a few map lookups per
 * literal and name word instead of a scan of every tool: large corpora stay linear.
 * Order of evidence: the `<family> - <Tool> - <Telemetry>` name pattern, then domains,
 * product names and process names written in the query, then tool names anywhere in the
 * rule name.
 */
export function createToolMatcher(tools: readonly Tool[]): ToolMatcher {
  const byName = new Map<string, string>();
  const byDomain = new Map<string, Set<string>>();
  const byProduct = new Map<string, Set<string>>();
  const byProcess = new Map<string, Set<string>>();
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
  }

  const fromQuery = (query: string): ToolMatch[] => {
    const found = new Map<string, ToolMatch>();
    const note = (ids: Iterable<string> | undefined, reason: ToolMatchReason, evidence: string) => {
      for (const toolId of ids ?? []) if (!found.has(toolId)) found.set(toolId, { toolId, reason, evidence });
    };
    // Keys are compared in lower case; the evidence keeps the literal as the author wrote it.
    const literals = extractStringLiterals(query).map((text) => ({ text, key: text.toLowerCase() }));
    for (const { text, key } of literals) {
      for (const domain of toDomainSuffixes(key)) note(byDomain.get(domain), 'query domain', text);
    }
    for (const { text, key } of literals) note(byProduct.get(key), 'query product name', text);
    for (const { text, key } of literals) note(byProcess.get(key), 'query process name', text);
    return [...found.values()];
  };

  return {
    match(rule) {
      const fromPattern = parseRuleName(rule.name).tool;
      const patternId = fromPattern ? byName.get(toMatchKey(fromPattern)) : undefined;
      if (patternId) return [{ toolId: patternId, reason: 'rule name', evidence: fromPattern as string }];
      const queryMatches = fromQuery(rule.query);
      if (queryMatches.length > 0) return queryMatches;
      const named = findNameInWords(rule.name, byName);
      return named ? [{ toolId: named.toolId, reason: 'rule name', evidence: named.words }] : [];
    },
  };
}

/**
 * The string literals of a KQL query, unescaped only as far as matching needs.
 * @example extractStringLiterals(`where RemoteUrl has 'rustdesk.com'`) // → ['rustdesk.com']
 */
export function extractStringLiterals(query: string): string[] {
  return [...query.matchAll(STRING_LITERAL_RE)].map((match) => match[1] ?? match[2] ?? '').filter(Boolean);
}

/**
 * A literal and each parent domain with two or more labels: a query on
 * `relay-17.net.anydesk.com` matches a catalog entry for `anydesk.com`.
 */
function toDomainSuffixes(literal: string): string[] {
  if (!literal.includes('.') || /\s/.test(literal)) return [];
  const labels = literal.replace(/^\*\./, '').split('.');
  const suffixes: string[] = [];
  for (let start = 0; start <= labels.length - 2; start++) suffixes.push(labels.slice(start).join('.'));
  return suffixes;
}

/** The longest run of up to four words in the name that is a tool's name or alias. */
function findNameInWords(name: string, byName: Map<string, string>): { toolId: string; words: string } | undefined {
  const words = name.match(WORD_RE) ?? [];
  for (let size = Math.min(MAX_NAME_WORDS, words.length); size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      const run = words.slice(start, start + size);
      const toolId = byName.get(toMatchKey(run.join('')));
      if (toolId) return { toolId, words: run.join(' ') };
    }
  }
  return undefined;
}

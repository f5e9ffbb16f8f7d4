import { existsSync } from 'node:fs';
import type { AttackIndex } from '../attack/attack.ts';
import { holdsNonJsonValues } from '../build-cache/content-payloads.ts';
import { RULE_PARSE } from '../build-cache/producers.ts';
import { digestProducer } from '../build-cache/producers-fs.ts';
import { createEntryCache, type ItemCache } from '../build-cache/store.ts';
import { type Finding, hasErrors } from '../checks/findings.ts';
import { checkQuery } from '../checks/query-checks.ts';
import { findDuplicateRuleIds } from '../checks/unique-ids.ts';
import { validateRule } from '../checks/validate-rule.ts';
import type { KqlAnalysis } from '../kql/analysis.ts';
import { createQueryPositionMapper } from '../kql/query-position.ts';
import {
  DEFAULT_MAX_QUERY_BYTES,
  describeQueryTooLarge,
  measureQueryOverLimit,
  QUERY_TOO_LARGE_CODE,
} from '../kql/query-size.ts';
import { assignRuleKeys } from '../model/rule-key.ts';
import type { Rule } from '../schemas/rule.ts';
import { type ExcludedCount, listContentFiles, readContentText, toDisplayPath } from './content-fs.ts';
import { type ContentLocation, describeOrigin, toTriedPath } from './content-location.ts';
import { toTopLevelFieldAt, withFields } from './field-at-line.ts';
import { parseSentinelYaml } from './sentinel-yaml.ts';
import { createYamlLocator } from './yaml-locate.ts';

export const RULE_EXTENSIONS = ['.yaml', '.yml'];

/** Where fields sit in a rule file, for findings raised once every collection is read. */
export type RulePositions = Partial<Record<'name' | 'relevantTechniques', { line: number; column?: number }>>;

/** A validated rule and the file it came from. */
export interface RuleRecord {
  /** Tells this rule from every other, also from another file with the same id (src/model/rule-key.ts). */
  key: string;
  /** Path for messages and "view source" links, relative to the project when inside it. */
  file: string;
  /** Absolute path, for source links relative to a configured repository root. */
  absolutePath: string;
  rule: Rule;
  /** What the query does, from its syntax tree; none for a query over `kql.maxQueryBytes`. */
  analysis?: KqlAnalysis;
  /** The query is over `kql.maxQueryBytes`: published as plain text, not analysed, and no tool is matched from it. */
  queryTooLarge?: true;
  /** Query problems to show on the rule's page (syntax errors, table mismatches). */
  queryNotes: string[];
  positions: RulePositions;
}

/** A rule file that parsed and validated, waiting for its query analysis. */
export interface ParsedRule {
  file: string;
  absolutePath: string;
  rule: Rule;
  /** The file's text, to place query findings in it. */
  text: string;
}

/** One file's outcome: its findings in file order and, when it validated, the rule. */
export interface RuleFileOutcome {
  /** The file read, as listed (a file reached through a symbolic link keeps the link's path). */
  absolutePath: string;
  findings: Finding[];
  parsed?: ParsedRule;
}

/**
 * What parsing a rule file gave, kept between builds by the file's path and text: a rebuild
 * that changed one rule parses one file, not all of them (YAML and validation were a third of
 * its content load). `text` is there only when parsing changed it (a byte-order mark or CRLF removed).
 */
export interface CachedRuleParse {
  findings: Finding[];
  rule?: Rule;
  text?: string;
}

export type RuleParseCache = ItemCache<CachedRuleParse>;

/**
 * The parse cache in `<dir>/rule-parse.json`: each file's parse keyed by its path and text and
 * the parser's producer digest (its code, packages and the ATT&CK extract).
 * @example const cache = createRuleParseCache(config.cacheDir); parseRuleFiles(dirs, attack, cache); cache.flush();
 */
export function createRuleParseCache(dir: string, producerDigest = digestProducer(RULE_PARSE)): RuleParseCache {
  return createEntryCache<CachedRuleParse>(dir, RULE_PARSE.name, producerDigest);
}

/** Answers a query's analysis; the caller decides where it comes from (cache, worker, in-process). */
export type AnalysisSource = (query: string) => KqlAnalysis;

/**
 * Parses and validates every rule file without touching the query analyzer, so the queries
 * can be analyzed elsewhere (worker processes) before `completeRules` finishes the job.
 */
export function parseRuleFiles(
  locations: readonly (string | ContentLocation)[],
  attack: AttackIndex,
  cache?: RuleParseCache,
): { files: RuleFileOutcome[]; findings: Finding[]; excluded: ExcludedCount[] } {
  const listing = listContentFiles(locations, RULE_EXTENSIONS, { setting: 'HUNTBOOK_RULES', missing: 'error' });
  const findings = [...listing.findings];
  if (listing.files.length === 0 && !hasErrors(findings)) findings.push(...findNoRules(locations, listing.excluded));
  return {
    files: listing.files.map((absolutePath) => parseRuleFileCached(absolutePath, attack, cache)),
    findings,
    excluded: listing.excluded,
  };
}

/**
 * A site without rules, said with every path that was tried: an error when the default
 * `rules` folder was tried and is not there (the settings name no rules), else a warning.
 */
function findNoRules(locations: readonly (string | ContentLocation)[], excluded: readonly ExcludedCount[]): Finding[] {
  const tried = locations.map((location) =>
    typeof location === 'string'
      ? { path: location, missing: !existsSync(location), origin: undefined }
      : {
          path: toTriedPath(location),
          missing: !existsSync(location.base),
          origin: location.origin,
        },
  );
  const first = tried[0];
  const missingDefault = tried.some((entry) => entry.missing && entry.origin?.kind === 'default');
  const leftOut = excluded.reduce((sum, entry) => sum + entry.count, 0);
  const list = tried
    .map(
      ({ path, missing, origin }) =>
        `${path}${origin ? ` (${describeOrigin(origin)})` : ''}${missing ? ', which does not exist' : ''}`,
    )
    .join('; ');
  return [
    {
      severity: missingDefault ? 'error' : 'warning',
      file: first?.origin?.file ?? toDisplayPath(first?.path ?? '.'),
      field: first?.origin?.setting ?? 'content.rules',
      code: 'no-rules',
      message: `no rule files (${RULE_EXTENSIONS.join(' or ')}) were found${leftOut ? ` (content.exclude left out ${leftOut})` : ''}; tried ${list || 'no location'}${missingDefault ? '. Set content.rules to the folders or glob patterns of your rules' : ''}`,
    },
  ];
}

/**
 * Parses and validates one rule file, as `parseRuleFiles` does each file of its folders: for a
 * file named on the command line, which need not be in a rule folder.
 */
export function parseRuleFileAt(absolutePath: string, attack: AttackIndex, cache?: RuleParseCache): RuleFileOutcome {
  return parseRuleFileCached(absolutePath, attack, cache);
}

function parseRuleFileCached(absolutePath: string, attack: AttackIndex, cache?: RuleParseCache): RuleFileOutcome {
  const file = toDisplayPath(absolutePath);
  const decoded = readContentText(absolutePath, file);
  const rawText = decoded.text;
  // The parse depends on the decoded text and on what decoding found: two files whose bad bytes
  // differ can decode to one text, so the encoding findings are part of the key and of the entry.
  const key = `${file}\0${JSON.stringify(decoded.findings)}\0${rawText}`;
  const hit = cache?.get(key);
  if (hit) {
    const { findings, rule, text = rawText } = hit;
    return rule ? { absolutePath, findings, parsed: { file, absolutePath, rule, text } } : { absolutePath, findings };
  }
  const parsedFile = parseRuleFile(rawText, file, absolutePath, attack);
  const result = {
    ...parsedFile,
    findings: [...withFields(decoded.findings, (line) => toTopLevelFieldAt(rawText, line)), ...parsedFile.findings],
  };
  const rule = result.parsed?.rule;
  // A rule holding `.nan` or `.inf` would not come back from JSON as it was: parse it each time.
  if (rule && holdsNonJsonValues(rule)) return result;
  const text = result.parsed && result.parsed.text !== rawText ? result.parsed.text : undefined;
  cache?.set(key, { findings: result.findings, ...(rule ? { rule } : {}), ...(text === undefined ? {} : { text }) });
  return result;
}

function parseRuleFile(rawText: string, file: string, absolutePath: string, attack: AttackIndex): RuleFileOutcome {
  const parsed = parseSentinelYaml(rawText, file);
  if (parsed.data === undefined && parsed.findings.length > 0) return { absolutePath, findings: parsed.findings };
  const checked = validateRule(parsed.data, { file, locate: parsed.locate, attack });
  const findings = [...parsed.findings, ...checked.findings];
  if (!checked.rule) return { absolutePath, findings };
  return { absolutePath, findings, parsed: { file, absolutePath, rule: checked.rule, text: parsed.text } };
}

/**
 * Checks each validated rule's query against its analysis and builds the records, keeping
 * every file's findings together in file order, as a one-pass read would list them.
 */
export function completeRules(
  parsedFiles: { files: readonly RuleFileOutcome[]; findings: readonly Finding[] },
  analysisOf: AnalysisSource,
  { maxQueryBytes = DEFAULT_MAX_QUERY_BYTES }: { maxQueryBytes?: number } = {},
): { records: RuleRecord[]; findings: Finding[] } {
  const findings = [...parsedFiles.findings];
  const records: RuleRecord[] = [];
  const keys = assignRuleKeys(parsedFiles.files.flatMap((file) => (file.parsed ? [file.parsed] : [])));
  for (const { findings: fileFindings, parsed } of parsedFiles.files) {
    findings.push(...fileFindings);
    if (!parsed) continue;
    const key = keys[records.length] as string;
    const locate = createYamlLocator(parsed.text);
    const positions: RulePositions = { name: locate(['name']), relevantTechniques: locate(['relevantTechniques']) };
    const record = { key, file: parsed.file, absolutePath: parsed.absolutePath, rule: parsed.rule, positions };
    const tooLarge = measureQueryOverLimit(parsed.rule.query, maxQueryBytes);
    if (tooLarge !== undefined) {
      // Never parsed: the Kusto service's tree of a query this size is what took the memory.
      findings.push({
        severity: 'warning',
        file: parsed.file,
        ...locate(['query']),
        field: 'query',
        code: QUERY_TOO_LARGE_CODE,
        message: describeQueryTooLarge(tooLarge, maxQueryBytes),
      });
      records.push({ ...record, queryNotes: [], queryTooLarge: true });
      continue;
    }
    const analysis = analysisOf(parsed.rule.query);
    const queryFindings = checkQuery(parsed.rule, analysis, {
      file: parsed.file,
      toFilePosition: createQueryPositionMapper(parsed.text),
    });
    findings.push(...queryFindings);
    const queryNotes = queryFindings
      .filter((f) => f.severity === 'warning')
      .map((f) => (f.line === undefined ? f.message : `line ${f.line}, column ${f.column}: ${f.message}`));
    records.push({ ...record, analysis, queryNotes });
  }
  findings.push(...findDuplicateRuleIds(records));
  return { records, findings };
}

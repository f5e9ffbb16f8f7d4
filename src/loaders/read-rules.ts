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
import { validateSigmaRule } from '../checks/validate-sigma-rule.ts';
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
import type { SigmaFacet } from '../schemas/sigma-rule.ts';
import { type ExcludedCount, listContentFiles, readContentText, toDisplayPath } from './content-fs.ts';
import { type ContentLocation, describeOrigin, toTriedPath } from './content-location.ts';
import { toTopLevelFieldAt, withFields } from './field-at-line.ts';
import { parseSentinelYaml } from './sentinel-yaml.ts';
import { hasSigmaShape, SIGMA_IN_RULES_CODE } from './sigma-shape.ts';
import { createYamlLocator } from './yaml-locate.ts';
import { loadYaml, normalizeText } from './yaml-text.ts';

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
  /** A Sigma rule: `rule` is its Sentinel-shaped form, this what only Sigma has (its YAML, detection, conversion). */
  sigma?: SigmaFacet;
}

/** A rule file that parsed and validated, waiting for its query analysis. */
export interface ParsedRule {
  file: string;
  absolutePath: string;
  rule: Rule;
  /** The file's text, to place query findings in it. */
  text: string;
  /** A Sigma rule (read from `content.sigma`, or a Sigma file found in `content.rules`). */
  sigma?: SigmaFacet;
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
  sigma?: SigmaFacet;
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

/** Told of each file as soon as it is parsed, with its place among the files to parse. */
export type ParsedFileListener = (outcome: RuleFileOutcome, index: number, total: number) => void;

/**
 * Parses and validates every rule file without touching the query analyzer, so the queries
 * can be analyzed elsewhere (worker processes) before `completeRules` finishes the job.
 */
export function parseRuleFiles(
  locations: readonly (string | ContentLocation)[],
  attack: AttackIndex,
  cache?: RuleParseCache,
  sigmaLocations: readonly (string | ContentLocation)[] = [],
  onFile?: ParsedFileListener,
): { files: RuleFileOutcome[]; findings: Finding[]; excluded: ExcludedCount[] } {
  const listing = listContentFiles(locations, RULE_EXTENSIONS, { setting: 'HUNTBOOK_RULES', missing: 'error' });
  const sigma =
    sigmaLocations.length === 0
      ? { files: [], findings: [], excluded: [] }
      : listContentFiles(sigmaLocations, RULE_EXTENSIONS, { setting: 'HUNTBOOK_SIGMA', missing: 'error' });
  const findings = [...listing.findings, ...sigma.findings];
  if (listing.files.length === 0 && sigma.files.length === 0 && !hasErrors(findings))
    findings.push(...findNoRules(locations, listing.excluded));
  // A file both settings select is read once, as Sigma: content.sigma names it on purpose.
  const sigmaFiles = new Set(sigma.files);
  const toParse = [
    ...listing.files.filter((absolutePath) => !sigmaFiles.has(absolutePath)).map((path) => [path, 'sentinel'] as const),
    ...sigma.files.map((path) => [path, 'sigma'] as const),
  ];
  const files = toParse.map(([absolutePath, format], index) => {
    const outcome = parseRuleFileCached(absolutePath, attack, cache, format);
    onFile?.(outcome, index, toParse.length);
    return outcome;
  });
  return {
    files,
    findings,
    excluded: [...listing.excluded, ...sigma.excluded],
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

function parseRuleFileCached(
  absolutePath: string,
  attack: AttackIndex,
  cache?: RuleParseCache,
  format: 'sentinel' | 'sigma' = 'sentinel',
): RuleFileOutcome {
  const file = toDisplayPath(absolutePath);
  const decoded = readContentText(absolutePath, file);
  const rawText = decoded.text;
  // The parse depends on the decoded text and on what decoding found: two files whose bad bytes
  // differ can decode to one text, so the encoding findings are part of the key and of the entry;
  // and on the setting that selected the file, which decides how it is read.
  const key = `${format}\0${file}\0${JSON.stringify(decoded.findings)}\0${rawText}`;
  const hit = cache?.get(key);
  if (hit) {
    const { findings, rule, text = rawText, sigma } = hit;
    return rule
      ? { absolutePath, findings, parsed: { file, absolutePath, rule, text, ...(sigma ? { sigma } : {}) } }
      : { absolutePath, findings };
  }
  const parsedFile =
    format === 'sigma'
      ? parseSigmaFile(rawText, file, absolutePath, attack)
      : parseRuleFile(rawText, file, absolutePath, attack);
  const result = {
    ...parsedFile,
    findings: [...withFields(decoded.findings, (line) => toTopLevelFieldAt(rawText, line)), ...parsedFile.findings],
  };
  const rule = result.parsed?.rule;
  // A rule holding `.nan` or `.inf` would not come back from JSON as it was: parse it each time.
  if (rule && holdsNonJsonValues(rule)) return result;
  const text = result.parsed && result.parsed.text !== rawText ? result.parsed.text : undefined;
  const sigma = result.parsed?.sigma;
  cache?.set(key, {
    findings: result.findings,
    ...(rule ? { rule } : {}),
    ...(text === undefined ? {} : { text }),
    ...(sigma ? { sigma } : {}),
  });
  return result;
}

/** A Sigma file: plain YAML (no Sentinel repairs), then the Sigma checks and the conversion. */
function parseSigmaFile(
  rawText: string,
  file: string,
  absolutePath: string,
  attack: AttackIndex,
  leading: readonly Finding[] = [],
): RuleFileOutcome {
  const text = normalizeText(rawText);
  const loaded = loadYaml(text, file);
  if (!loaded.ok) return { absolutePath, findings: [loaded.finding] };
  const checked = validateSigmaRule(loaded.data, { file, locate: createYamlLocator(text), attack, text: rawText });
  const findings = [...leading, ...checked.findings];
  if (!checked.rule || !checked.sigma) return { absolutePath, findings };
  return { absolutePath, findings, parsed: { file, absolutePath, rule: checked.rule, text, sigma: checked.sigma } };
}

function parseRuleFile(rawText: string, file: string, absolutePath: string, attack: AttackIndex): RuleFileOutcome {
  const parsed = parseSentinelYaml(rawText, file);
  if (parsed.data === undefined && parsed.findings.length > 0) return { absolutePath, findings: parsed.findings };
  if (hasSigmaShape(parsed.data)) {
    // Not a Sentinel rule without a query, but a Sigma rule in the wrong folder: published as Sigma, and said.
    return parseSigmaFile(rawText, file, absolutePath, attack, [
      {
        severity: 'warning',
        file,
        code: SIGMA_IN_RULES_CODE,
        message:
          'is a Sigma rule (title, logsource and detection, no query) in content.rules: read as Sigma; name its folder in content.sigma',
      },
    ]);
  }
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
    const positions: RulePositions = parsed.sigma
      ? { name: locate(['title']), relevantTechniques: locate(['tags']) }
      : { name: locate(['name']), relevantTechniques: locate(['relevantTechniques']) };
    const record = {
      key,
      file: parsed.file,
      absolutePath: parsed.absolutePath,
      rule: parsed.rule,
      positions,
      ...(parsed.sigma ? { sigma: parsed.sigma } : {}),
    };
    if (parsed.sigma && !parsed.sigma.conversion.ok) {
      // No KQL: nothing to analyse, highlight or hunt with (its warning came with the parse).
      records.push({ ...record, queryNotes: [] });
      continue;
    }
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
    // A converted query is not in the file: its findings point at the detection it came from.
    const detectionAt = locate(['detection']);
    const queryFindings = checkQuery(parsed.rule, analysis, {
      file: parsed.file,
      toFilePosition: parsed.sigma
        ? () => ({ line: detectionAt?.line ?? 1, column: detectionAt?.column ?? 1 })
        : createQueryPositionMapper(parsed.text),
    }).map((finding) => (parsed.sigma ? { ...finding, field: 'detection' } : finding));
    findings.push(...queryFindings);
    const queryNotes = queryFindings
      .filter((f) => f.severity === 'warning')
      .map((f) => (f.line === undefined ? f.message : `line ${f.line}, column ${f.column}: ${f.message}`));
    records.push({ ...record, analysis, queryNotes });
  }
  findings.push(...findDuplicateRuleIds(records));
  return { records, findings };
}

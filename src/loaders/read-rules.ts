import type { Rule } from '../schemas/rule.ts';
import type { AttackIndex } from '../lib/attack.ts';
import type { Finding, Severity } from '../lib/findings.ts';
import type { KqlAnalysis } from '../lib/kql-analysis.ts';
import { analyzeKqlCached, type KqlAnalysisCache } from '../lib/kql-analysis-cache.ts';
import { checkQuery } from '../lib/query-checks.ts';
import { validateRule } from '../lib/validate-rule.ts';
import { listContentFiles, readText, toDisplayPath } from './content-fs.ts';
import { createQueryPositionMapper } from './query-position.ts';
import { parseSentinelYaml } from './sentinel-yaml.ts';

export const RULE_EXTENSIONS = ['.yaml', '.yml'];

/** A validated rule and the file it came from. */
export interface RuleRecord {
  /** Path for messages and "view source" links, relative to the project when inside it. */
  file: string;
  /** Absolute path, for source links relative to a configured repository root. */
  absolutePath: string;
  rule: Rule;
  /** What the query does, from its syntax tree. */
  analysis: KqlAnalysis;
  /** Query problems to show on the rule's page (syntax errors published as warnings, table mismatches). */
  queryNotes: string[];
}

export interface ReadRulesOptions {
  /** `error` (default) fails the build on a KQL syntax error; `warning` shows it on the page. */
  syntaxErrors?: Severity;
  /** Reuses analyses of unchanged queries across builds. */
  cache?: KqlAnalysisCache;
}

/**
 * Reads every rule file under the directories and validates each, collecting every finding
 * (the caller decides whether to fail). Two files with one id are an error naming both.
 */
export function readRules(
  dirs: readonly string[],
  attack: AttackIndex,
  options: ReadRulesOptions = {},
): { records: RuleRecord[]; findings: Finding[] } {
  const listing = listContentFiles(dirs, RULE_EXTENSIONS, 'HUNTBOOK_RULES');
  const findings = [...listing.findings];
  const records: RuleRecord[] = [];
  for (const absolutePath of listing.files) {
    const file = toDisplayPath(absolutePath);
    const parsed = parseSentinelYaml(readText(absolutePath), file);
    findings.push(...parsed.findings);
    if (parsed.data === undefined && parsed.findings.length > 0) continue;
    const checked = validateRule(parsed.data, { file, locate: parsed.locate, attack });
    findings.push(...checked.findings);
    if (!checked.rule) continue;
    const analysis = analyzeKqlCached(checked.rule.query, options.cache);
    const queryFindings = checkQuery(checked.rule, analysis, {
      file,
      toFilePosition: createQueryPositionMapper(parsed.text),
      syntaxErrors: options.syntaxErrors ?? 'error',
    });
    findings.push(...queryFindings);
    const queryNotes = queryFindings
      .filter((f) => f.severity === 'warning')
      .map((f) => (f.line === undefined ? f.message : `line ${f.line}, column ${f.column}: ${f.message}`));
    records.push({ file, absolutePath, rule: checked.rule, analysis, queryNotes });
  }
  findings.push(...findDuplicateIds(records));
  return { records, findings };
}

function findDuplicateIds(records: readonly RuleRecord[]): Finding[] {
  const firstById = new Map<string, RuleRecord>();
  const findings: Finding[] = [];
  for (const record of records) {
    const first = firstById.get(record.rule.id);
    if (!first) {
      firstById.set(record.rule.id, record);
      continue;
    }
    findings.push({
      severity: 'error',
      file: record.file,
      field: 'id',
      message: `${record.rule.id} is also the id of ${first.file}; every rule needs its own id`,
    });
  }
  return findings;
}

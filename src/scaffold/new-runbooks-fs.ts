import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { loadAttackIndex } from '../attack/attack-fs.ts';
import { type Finding, formatFinding } from '../checks/findings.ts';
import type { ImportIo } from '../import/import-seeds.ts';
import { writeContentFile } from '../import/import-seeds-fs.ts';
import { listContentFiles, readText, toDisplayPath } from '../loaders/content-fs.ts';
import type { ContentLocation } from '../loaders/content-location.ts';
import { type ParsedRule, parseRuleFileAt, parseRuleFiles, RULE_EXTENSIONS } from '../loaders/read-rules.ts';
import { RUNBOOK_EXTENSIONS } from '../loaders/read-runbooks.ts';
import { readTools } from '../loaders/read-tools.ts';
import { createToolMatcher } from '../model/tool-matching.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { toRunbookSkeleton } from './runbook-skeleton.ts';
import {
  findRulesById,
  keepFirstOfEachId,
  type RunbookTarget,
  readRunbookRuleId,
  toRunbookTargets,
} from './runbook-targets.ts';

/**
 * Writes runbook skeletons into the first runbooks folder of the settings: for one rule (by id
 * or file), or for every rule without a runbook. No file is replaced unless `force` is set.
 */

export interface NewRunbookOptions {
  /** A rule id, or the path of a rule file relative to `cwd`; unset with `missing`. */
  rule?: string | undefined;
  /** One skeleton for every rule that has no runbook yet. */
  missing: boolean;
  force: boolean;
}

/** Where relative paths start and where lines are printed, as for the importer. */
export type ScaffoldIo = ImportIo;

/** What happened, for the exit code: `usage` when the rule asked for is not there. */
export type NewRunbookOutcome = 'done' | 'findings' | 'usage';

/** The rules asked for, and the findings that explain rules that could not be read. */
interface Selection {
  selected: ParsedRule[];
  all: ParsedRule[];
  findings: Finding[];
  /** Set when the rule asked for is not there: said instead of writing anything. */
  notFound?: string;
}

/**
 * Writes the skeletons and prints a line for each file written or skipped, every rule file
 * that could not be read, and what to do next.
 */
export async function writeRunbookSkeletons(
  options: NewRunbookOptions,
  config: SiteConfig,
  io: ScaffoldIo,
): Promise<NewRunbookOutcome> {
  // A pattern's fixed folder: `runbooks/**/*.md` writes into runbooks/.
  const runbooksDir = config.content.runbooks[0]?.base as string;
  const runbookByRule = readRunbookRules(config.content.runbooks);
  const selection = selectRules(options, config, io.cwd, runbookByRule);
  const { targets, findings: idFindings } = toRunbookTargets(
    selection.selected,
    selection.all,
    runbookByRule,
    runbooksDir,
  );
  const findings = [...selection.findings, ...idFindings];
  for (const finding of findings) io.stderr(`${finding.severity.padEnd(7)} ${describeFinding(finding, io.cwd)}`);
  if (selection.notFound !== undefined) {
    io.stderr(`error: ${selection.notFound}`);
    io.stderr(describeWhereRulesAre(config, io.cwd));
    return 'usage';
  }
  if (targets.length === 0) {
    const readable = findings.length === 0 ? 'Every rule' : 'Every rule that could be read';
    io.stdout(options.missing ? `${readable} has a runbook: nothing to write.` : 'No runbook written.');
    return findings.some((finding) => finding.severity === 'error') ? 'findings' : 'done';
  }
  const toolOf = createToolLookup(config.content.tools);
  let written = 0;
  let failed = 0;
  for (const target of targets) {
    const outcome = await writeSkeleton(target, toolOf(target.source), options.force, io);
    if (outcome === 'written') written++;
    if (outcome === 'failed') failed++;
  }
  io.stdout(formatSummary(written, targets.length - written - failed));
  return failed > 0 || findings.some((finding) => finding.severity === 'error') ? 'findings' : 'done';
}

function selectRules(
  options: NewRunbookOptions,
  config: SiteConfig,
  cwd: string,
  runbookByRule: ReadonlyMap<string, string>,
): Selection {
  const attack = loadAttackIndex();
  const read = parseRuleFiles(config.content.rules, attack, undefined, config.content.sigma);
  const all = read.files.flatMap((file) => (file.parsed ? [file.parsed] : []));
  const unreadable = [...read.findings, ...read.files.flatMap((file) => (file.parsed ? [] : file.findings))].filter(
    (finding) => finding.severity === 'error',
  );
  if (options.missing) {
    const selected = keepFirstOfEachId(all).filter((parsed) => !runbookByRule.has(parsed.rule.id));
    return { selected, all, findings: unreadable };
  }
  const asked = options.rule ?? '';
  if (isRuleFilePath(asked, cwd)) {
    const absolutePath = resolve(cwd, asked);
    if (!existsSync(absolutePath)) return { selected: [], all, findings: [], notFound: `no rule file "${asked}"` };
    const outcome =
      read.files.find((file) => file.absolutePath === absolutePath) ?? parseRuleFileAt(absolutePath, attack);
    const errors = outcome.findings.filter((finding) => finding.severity === 'error');
    return { selected: outcome.parsed ? [outcome.parsed] : [], all, findings: outcome.parsed ? [] : errors };
  }
  const found = findRulesById(asked, all);
  // The rule may be in a file that could not be read: those files are named with the message.
  if (found.message) return { selected: [], all, findings: unreadable, notFound: found.message };
  return { selected: found.rules.slice(0, 1), all, findings: [] };
}

/** A path, not an id: a file that exists, or a name ending in .yaml or .yml. */
function isRuleFilePath(text: string, cwd: string): boolean {
  if (RULE_EXTENSIONS.includes(extname(text).toLowerCase())) return true;
  const absolutePath = resolve(cwd, text);
  return existsSync(absolutePath) && statSync(absolutePath).isFile();
}

/** The rule each runbook in the folders documents, by id; the first file wins, as in the build. */
function readRunbookRules(locations: readonly ContentLocation[]): Map<string, string> {
  const existing = locations.filter((location) => existsSync(location.base));
  const byRule = new Map<string, string>();
  for (const path of listContentFiles(existing, RUNBOOK_EXTENSIONS).files) {
    const ruleId = readRunbookRuleId(readText(path), toDisplayPath(path));
    if (ruleId !== undefined && !byRule.has(ruleId)) byRule.set(ruleId, path);
  }
  return byRule;
}

/** The catalog tool a rule matches; a tool known only from rule names is no catalog tool. */
function createToolLookup(locations: readonly ContentLocation[]): (parsed: ParsedRule) => string | undefined {
  const existing = locations.filter((location) => existsSync(location.base));
  const matcher = createToolMatcher(readTools(existing).records.map((r) => r.tool));
  return (parsed) => matcher.match(parsed.rule).find((match) => !match.uncatalogued)?.toolId;
}

async function writeSkeleton(
  target: RunbookTarget<ParsedRule>,
  toolId: string | undefined,
  force: boolean,
  io: ScaffoldIo,
): Promise<'written' | 'skipped' | 'failed'> {
  const shown = toDisplayPath(target.path, io.cwd);
  const from = `(rule ${target.source.rule.id})`;
  if (target.hasRunbook && !force) {
    io.stdout(`skipped ${shown} ${from}: the rule already has this runbook; pass --force to replace it`);
    return 'skipped';
  }
  const { rule } = target.source;
  const text = toRunbookSkeleton({ ruleId: rule.id, ruleName: rule.name, description: rule.description, toolId });
  const outcome = await writeContentFile(target.path, text, force);
  if (outcome === 'skipped') {
    io.stdout(`skipped ${shown} ${from}: the file already exists; pass --force to replace it`);
    return 'skipped';
  }
  if (typeof outcome === 'object') {
    io.stderr(`error   ${shown}: could not write it (${outcome.error})`);
    return 'failed';
  }
  io.stdout(`${outcome.padEnd(7)} ${shown} ${from}${toolId ? `, tool ${toolId}` : ''}`);
  return 'written';
}

function formatSummary(written: number, skipped: number): string {
  const files = (count: number) => `${count} ${count === 1 ? 'runbook' : 'runbooks'}`;
  const summary = `Wrote ${files(written)}${skipped > 0 ? `, skipped ${skipped}` : ''}.`;
  return written > 0
    ? `${summary} Fill in the hypothesis, the false positives and the triage steps, then run "huntbook check".`
    : summary;
}

/** Where an id was looked for, so a user can tell a typo from a wrong settings file. */
function describeWhereRulesAre(config: SiteConfig, cwd: string): string {
  const folders = config.content.rules.map((location) => toDisplayPath(location.base, cwd)).join(', ');
  return `Rule ids are read from the rule files in ${folders}. Give the rule's id, the path of its file, or --missing for every rule without a runbook.`;
}

/** A finding with its path relative to the folder the command runs in. */
function describeFinding(finding: Finding, cwd: string): string {
  return formatFinding({ ...finding, file: toDisplayPath(resolve(finding.file), cwd) });
}

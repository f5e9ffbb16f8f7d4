import { isAbsolute, relative, sep } from 'node:path';
import type { AttackIndex, Tactic, Technique } from '../attack/attack.ts';
import type { Finding } from '../checks/findings.ts';
import { findRunbooksWithoutRule, findUnknownRunbookTools } from '../checks/runbook-references.ts';
import type { KqlAnalysis } from '../kql/analysis.ts';
import type { CatalogTool } from '../loaders/read-tools.ts';
import type { Rule } from '../schemas/rule.ts';
import type { RunbookFrontmatter } from '../schemas/runbook.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import type { Tool } from '../schemas/tool.ts';
import { listExtraFields, type RuleField } from './rule-fields.ts';
import { parseRuleName } from './rule-name.ts';
import { assignRuleSlugs } from './slug.ts';
import { TELEMETRY_KINDS, type TelemetryKind, toTelemetryKinds } from './telemetry.ts';
import { createToolMatcher, type ToolMatch } from './tool-matching.ts';

export interface RuleSource {
  file: string;
  absolutePath: string;
  rule: Rule;
  /** The query's analysis; without one, tables come from `requiredDataConnectors`. */
  analysis?: KqlAnalysis;
  queryNotes?: string[];
}

export interface RunbookSource extends RunbookFrontmatter {
  file: string;
  /** Where `rule` and `tool` sit in the file, so cross-file errors can point at them. */
  positions?: Partial<Record<'rule' | 'tool', { line: number; column?: number }>>;
}

/** A tool a rule is about, and why Huntbook thinks so. */
export interface RuleToolLink extends ToolMatch {
  name: string;
}

/** A technique as a rule page lists it: a parent with the sub-techniques the rule names. */
export interface TechniqueGroup {
  technique: Technique;
  /** True when the rule names the parent itself, not only its sub-techniques. */
  named: boolean;
  subtechniques: Technique[];
}

/** Everything a rule page and the indexes show about one rule. */
export interface RuleView {
  id: string;
  slug: string;
  name: string;
  description: string;
  query: string;
  file: string;
  sourceUrl?: string;
  tactics: Tactic[];
  techniqueIds: string[];
  techniqueGroups: TechniqueGroup[];
  connectors: { connectorId: string; dataTypes: string[] }[];
  /** Tables the query reads (from its syntax tree), else those `requiredDataConnectors` lists. */
  tables: string[];
  /** Tables listed in `requiredDataConnectors[].dataTypes`, deduplicated. */
  declaredTables: string[];
  analysis?: KqlAnalysis;
  /** Query problems shown on the page: syntax errors published as warnings, table mismatches. */
  queryNotes: string[];
  extraFields: RuleField[];
  /** Tools from the catalog the rule covers: the runbook's `tool`, else matched from name and query. */
  tools: RuleToolLink[];
  /** Kinds of telemetry the rule's tables provide. */
  telemetry: TelemetryKind[];
  /** The telemetry part of a `<family> - <Tool> - <Telemetry>` name, e.g. `Network Connection`. */
  nameTelemetry?: string;
  runbook?: RunbookSource;
  /** Every finding about the rule's file and its runbook's (warnings: a published build has no errors). */
  problems: Finding[];
}

/** A catalog tool with the rules that cover it, by telemetry. */
export interface ToolView {
  tool: Tool;
  files: string[];
  rules: RuleView[];
  /** Each telemetry kind with the tool's rules that use it; an empty list is a gap. */
  coverage: { telemetry: TelemetryKind; rules: RuleView[] }[];
  /** Rules whose tables map to no known telemetry kind. */
  otherRules: RuleView[];
}

export interface SiteModel {
  rules: RuleView[];
  ruleById: Map<string, RuleView>;
  tools: ToolView[];
  /** Rules that match no tool in the catalog. */
  rulesWithoutTool: RuleView[];
  /** Name slugs that several rules share, each with the rules sharing it. */
  sharedSlugs: Map<string, RuleView[]>;
  /** Every finding of the build: the loaders' (given as input) and the model's cross-file checks. */
  findings: Finding[];
}

export interface SiteModelInput {
  rules: readonly RuleSource[];
  runbooks: readonly RunbookSource[];
  tools: readonly CatalogTool[];
  attack: AttackIndex;
  config: Pick<SiteConfig, 'sourceRepositoryUrl' | 'sourceRoot'>;
  /** What the loaders found, so rule pages and /problems/ can show it. */
  findings?: readonly Finding[];
}

/**
 * Joins rules with their runbooks and ATT&CK data into page view models. The cross-file checks
 * that need every collection run here, because only here are all of them known: a runbook must
 * name a rule and a catalog tool.
 */
export function buildSiteModel(input: SiteModelInput): { model: SiteModel; findings: Finding[] } {
  const { attack, config } = input;
  const runbookByRule = new Map(input.runbooks.map((runbook) => [runbook.rule, runbook]));
  const toolById = new Map(input.tools.map((source) => [source.tool.id, source.tool]));
  const findings: Finding[] = [
    ...findRunbooksWithoutRule(input.runbooks, new Set(input.rules.map((source) => source.rule.id))),
    ...findUnknownRunbookTools(input.runbooks, [...toolById.keys()]),
  ];
  const matcher = createToolMatcher(input.tools.map((source) => source.tool));
  const problemsByFile = groupByFile(input.findings ?? []);

  const { slugById, sharedSlugs } = assignRuleSlugs(input.rules.map((source) => source.rule));
  const rules = input.rules
    .map((source) => {
      const { rule } = source;
      const runbook = runbookByRule.get(rule.id);
      const fromName = parseRuleName(rule.name);
      const connectors = rule.requiredDataConnectors.map((c) => ({
        connectorId: c.connectorId,
        dataTypes: c.dataTypes,
      }));
      const declaredTables = [...new Set(connectors.flatMap((c) => c.dataTypes))];
      const readTables = source.analysis?.tables.filter((table) => !table.includes('*')) ?? [];
      const tables = readTables.length > 0 ? readTables : declaredTables;
      const matches: ToolMatch[] = runbook?.tool
        ? [{ toolId: runbook.tool, reason: 'runbook', evidence: runbook.file }]
        : matcher.match(rule);
      return {
        id: rule.id,
        slug: slugById.get(rule.id) as string,
        name: rule.name,
        description: rule.description,
        query: rule.query,
        file: source.file,
        sourceUrl: toSourceUrl(source.absolutePath, config),
        tactics: resolveTactics(rule.tactics, attack),
        techniqueIds: rule.relevantTechniques,
        techniqueGroups: groupTechniques(rule.relevantTechniques, attack),
        connectors,
        tables,
        declaredTables,
        analysis: source.analysis,
        queryNotes: source.queryNotes ?? [],
        extraFields: listExtraFields(rule),
        tools: matches.flatMap((match) => {
          const tool = toolById.get(match.toolId);
          return tool ? [{ ...match, name: tool.name }] : [];
        }),
        telemetry: toTelemetryKinds(tables),
        nameTelemetry: fromName.telemetry,
        runbook,
        problems: [
          ...(problemsByFile.get(source.file) ?? []),
          ...((runbook && problemsByFile.get(runbook.file)) || []),
        ],
      } satisfies RuleView;
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));

  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  const shared = new Map([...sharedSlugs].map(([slug, ids]) => [slug, ids.map((id) => ruleById.get(id) as RuleView)]));
  const tools = buildToolViews(input.tools, rules);
  const rulesWithoutTool = rules.filter((rule) => rule.tools.length === 0);
  const allFindings = [...(input.findings ?? []), ...findings];
  return { model: { rules, ruleById, sharedSlugs: shared, tools, rulesWithoutTool, findings: allFindings }, findings };
}

function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return byFile;
}

/** One view per catalog tool, its rules grouped by the telemetry they read. */
function buildToolViews(sources: readonly CatalogTool[], rules: readonly RuleView[]): ToolView[] {
  const rulesByTool = new Map<string, RuleView[]>();
  for (const rule of rules) {
    for (const link of rule.tools) rulesByTool.set(link.toolId, [...(rulesByTool.get(link.toolId) ?? []), rule]);
  }
  return sources
    .map(({ tool, files }) => {
      const toolRules = rulesByTool.get(tool.id) ?? [];
      return {
        tool,
        files,
        rules: toolRules,
        coverage: TELEMETRY_KINDS.map((telemetry) => ({
          telemetry,
          rules: toolRules.filter((rule) => rule.telemetry.includes(telemetry)),
        })),
        otherRules: toolRules.filter((rule) => rule.telemetry.length === 0),
      };
    })
    .sort((a, b) => a.tool.name.localeCompare(b.tool.name));
}

function resolveTactics(names: readonly string[], attack: AttackIndex): Tactic[] {
  const tactics = names.map((name) => attack.findTactic(name)).filter((t): t is Tactic => Boolean(t));
  return [...new Set(tactics)].sort((a, b) => a.order - b.order);
}

/**
 * Groups technique ids under their parents, in id order.
 * @example groupTechniques(['T1219.002'], attack) // → [{ technique: T1219, named: false, subtechniques: [T1219.002] }]
 */
export function groupTechniques(ids: readonly string[], attack: AttackIndex): TechniqueGroup[] {
  const groups = new Map<string, TechniqueGroup>();
  for (const id of ids) {
    const technique = attack.findTechnique(id);
    if (!technique) continue;
    const parent = technique.parentId ? attack.findTechnique(technique.parentId) : technique;
    if (!parent) continue;
    const group = groups.get(parent.id) ?? { technique: parent, named: false, subtechniques: [] };
    if (parent === technique) group.named = true;
    else if (!group.subtechniques.includes(technique)) group.subtechniques.push(technique);
    groups.set(parent.id, group);
  }
  for (const group of groups.values()) group.subtechniques.sort((a, b) => a.id.localeCompare(b.id));
  return [...groups.values()].sort((a, b) => a.technique.id.localeCompare(b.technique.id));
}

/** Link to the rule file in the configured repository, when the file lies inside `sourceRoot`. */
function toSourceUrl(
  absolutePath: string,
  config: Pick<SiteConfig, 'sourceRepositoryUrl' | 'sourceRoot'>,
): string | undefined {
  if (!config.sourceRepositoryUrl) return undefined;
  const rel = relative(config.sourceRoot, absolutePath);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  const path = rel.split(sep).map(encodeURIComponent).join('/');
  return `${config.sourceRepositoryUrl.replace(/\/+$/, '')}/${path}`;
}

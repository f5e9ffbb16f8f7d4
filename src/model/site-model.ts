import { isAbsolute, relative, sep } from 'node:path';
import { readAlertNameFormat } from '../alert-names/alert-names-file.ts';
import {
  type AttackIndex,
  MATRIX_NAMES,
  type RetiredTechnique,
  type Tactic,
  type Technique,
} from '../attack/attack.ts';
import { countTechniques, readTactics } from '../attack/read-values.ts';
import type { Finding } from '../checks/findings.ts';
import { findRunbooksWithoutRule, findUnknownRunbookTools } from '../checks/runbook-references.ts';
import { findRunbooksOfSharedIds } from '../checks/unique-ids.ts';
import type { KqlAnalysis } from '../kql/analysis.ts';
import type { RulePositions } from '../loaders/read-rules.ts';
import type { CatalogTool } from '../loaders/read-tools.ts';
import type { Rule } from '../schemas/rule.ts';
import { hasPermalink } from '../schemas/rule-id.ts';
import type { RunbookFrontmatter } from '../schemas/runbook.ts';
import type { SigmaFacet } from '../schemas/sigma-rule.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { type Tool, toolSchema } from '../schemas/tool.ts';
import { toSigmaTelemetry } from '../sigma/index.ts';
import { findUncataloguedTools, findUnmatchedRules } from './coverage-findings.ts';
import { listExtraFields, type RuleField } from './rule-fields.ts';
import { parseRuleName } from './rule-name.ts';
import { listSigmaEvidence } from './sigma-evidence.ts';
import { assignRuleSlugs } from './slug.ts';
import {
  isMatrixTelemetry,
  TELEMETRY_KINDS,
  type TelemetryKind,
  toSigmaTelemetryKinds,
  toTelemetryKinds,
} from './telemetry.ts';
import { createToolMatcher, type ToolMatch } from './tool-matching.ts';

export interface RuleSource {
  /** Tells the rule from another file with the same id (src/model/rule-key.ts); the id when absent. */
  key?: string;
  file: string;
  absolutePath: string;
  rule: Rule;
  /** The query's analysis; without one, tables come from `requiredDataConnectors`. */
  analysis?: KqlAnalysis;
  queryNotes?: string[];
  /** The query is over `kql.maxQueryBytes`: it has no analysis, and no tool is matched from its text. */
  queryTooLarge?: boolean;
  /** Where fields sit in the file, so findings about the rule's tools can point at them. */
  positions?: RulePositions;
  /** A Sigma rule: its YAML, detection and conversion; `rule` is its Sentinel-shaped form. */
  sigma?: SigmaFacet;
}

export interface RunbookSource extends RunbookFrontmatter {
  file: string;
  /** Where `rule` and `tool` sit in the file, so cross-file errors can point at them. */
  positions?: Partial<Record<'rule' | 'tool', { line: number; column?: number }>>;
  /**
   * Digest of the runbook's content-store entry (front matter, body, Markdown pipeline): the
   * rule page renders the body from that entry, so its cache key must change with it.
   */
  entryDigest?: string;
}

/** A tool a rule is about, and why Huntbook thinks so. */
export interface RuleToolLink extends ToolMatch {
  name: string;
}

/** A technique as a rule page lists it: a parent with the sub-techniques the rule names. */
export interface TechniqueGroup {
  technique: Technique;
  /** The ATT&CK matrix the technique belongs to: `Enterprise`, `ICS` or `Mobile`. */
  matrix: string;
  /** True when the rule names the parent itself, not only its sub-techniques. */
  named: boolean;
  subtechniques: Technique[];
}

/** Everything a rule page and the indexes show about one rule. */
export interface RuleView {
  /** Unique among the site's rules, unlike `id` (two files may share one): see src/model/rule-key.ts. */
  key: string;
  id: string;
  /** Whether `/r/<id>/` exists: an id that is not a GUID may not be usable as a folder name. */
  hasPermalink: boolean;
  slug: string;
  name: string;
  /** `alertDetailsOverride.alertDisplayNameFormat`: what the rule's alerts are called, e.g. `AnyDesk on {{DeviceName}}`. */
  alertNameFormat?: string;
  description: string;
  query: string;
  file: string;
  sourceUrl?: string;
  /** ATT&CK tactics the rule lists, in any spelling, in matrix order. */
  tactics: Tactic[];
  /** Sentinel tactics with no ATT&CK counterpart (`PreAttack`), as written. */
  sentinelOnlyTactics: string[];
  /** Values of `tactics` that are not tactics (Defender XDR hunting categories such as `Ransomware`). */
  categories: string[];
  /** Active technique ids the rule counts on: respelled ids read, retired ids replaced, others left out. */
  techniqueIds: string[];
  techniqueGroups: TechniqueGroup[];
  /** Revoked or deprecated ids the rule names, with what replaced them. */
  retiredTechniques: { retired: RetiredTechnique; replacements: Technique[] }[];
  /** Data connectors and their tables; `connectorId` is absent where the rule file named none. */
  connectors: { connectorId?: string; dataTypes: string[] }[];
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
  /** The rule's file format: Sentinel YAML, or Sigma converted to KQL. */
  format: 'sentinel' | 'sigma';
  /** What only a Sigma rule has: its YAML, detection summary, metadata and conversion. */
  sigma?: SigmaFacet;
  /** The platform a Sigma rule's `logsource.product` names, e.g. `windows`. */
  platform?: string;
  /** Why the rule has no query to analyse or hunt with, e.g. `no KQL conversion: …`; absent when it has one. */
  queryUnavailable?: string;
}

/** A tool with the rules that cover it, by telemetry. */
export interface ToolView {
  tool: Tool;
  /** Catalog files of the tool; empty for a tool known only from rule names. */
  files: string[];
  /** False for a tool the catalog does not hold, known only from `… - <Tool> - …` rule names. */
  catalogued: boolean;
  rules: RuleView[];
  /** Each telemetry kind with the tool's rules that use it; an empty list is a gap. */
  coverage: { telemetry: TelemetryKind; rules: RuleView[] }[];
  /** Rules whose tables map to no known telemetry kind. */
  otherRules: RuleView[];
}

export interface SiteModel {
  rules: RuleView[];
  ruleByKey: Map<string, RuleView>;
  /** Ids that several rule files share, each with its rules: `/r/<id>/` lists them. */
  sharedIds: Map<string, RuleView[]>;
  /** Catalog tools, and tools known only from rule names (`catalogued: false`), by name. */
  tools: ToolView[];
  /** Rules that match no tool, neither from the catalog nor from rule names. */
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
  const filesById = new Map<string, string[]>();
  for (const { rule, file } of input.rules) filesById.set(rule.id, [...(filesById.get(rule.id) ?? []), file].sort());
  const findings: Finding[] = [
    ...findRunbooksWithoutRule(input.runbooks, new Set(filesById.keys())),
    ...findUnknownRunbookTools(input.runbooks, [...toolById.keys()]),
    ...findRunbooksOfSharedIds(input.runbooks, filesById),
  ];
  const matcher = createToolMatcher(input.tools.map((source) => source.tool));
  const uncatalogued: ToolSource[] = [];

  const keyOf = (source: RuleSource) => source.key ?? source.rule.id;
  const { slugByKey, sharedSlugs } = assignRuleSlugs(
    input.rules.map((source) => ({ key: keyOf(source), id: source.rule.id, name: source.rule.name })),
  );
  const rules = input.rules
    .map((source) => {
      const { rule } = source;
      const key = keyOf(source);
      const runbook = runbookByRule.get(rule.id);
      const fromName = parseRuleName(rule.name);
      const connectors = rule.requiredDataConnectors.map((c) => ({
        connectorId: c.connectorId,
        dataTypes: c.dataTypes,
      }));
      const declaredTables = [...new Set(connectors.flatMap((c) => c.dataTypes))];
      const readTables = source.analysis?.tables.filter((table) => !table.includes('*')) ?? [];
      const tables = readTables.length > 0 ? readTables : declaredTables;
      const counted = countTechniques(rule.relevantTechniques, attack);
      const read = readTactics(rule.tactics, countedTechniques(counted.ids, attack), attack);
      const matches: ToolMatch[] = runbook?.tool
        ? [{ toolId: runbook.tool, reason: 'runbook', evidence: runbook.file }]
        : matcher.match({
            ...rule,
            ...(source.queryTooLarge ? { query: '' } : {}),
            indicators: source.analysis?.indicators,
            ...(source.sigma ? { detectionValues: listSigmaEvidence(source.sigma.summary) } : {}),
          });
      for (const match of matches) {
        if (match.uncatalogued && !toolById.has(match.toolId)) {
          const tool = toUncataloguedTool(match);
          toolById.set(match.toolId, tool);
          uncatalogued.push({ tool, files: [], catalogued: false });
        }
      }
      return {
        key,
        id: rule.id,
        hasPermalink: hasPermalink(rule.id),
        slug: slugByKey.get(key) as string,
        name: rule.name,
        ...withAlertNameFormat(readAlertNameFormat(rule)),
        description: rule.description,
        query: rule.query,
        file: source.file,
        sourceUrl: toSourceUrl(source.absolutePath, config),
        tactics: read.tactics,
        sentinelOnlyTactics: read.sentinelOnly,
        categories: read.categories,
        techniqueIds: counted.ids,
        techniqueGroups: groupTechniques(counted.ids, attack),
        retiredTechniques: counted.retired,
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
        // A Sigma rule's logsource says what it reads, also when it has no query.
        telemetry: source.sigma
          ? toSigmaTelemetryKinds(toSigmaTelemetry(source.sigma.logsource))
          : toTelemetryKinds(tables),
        nameTelemetry: fromName.telemetry,
        runbook,
        problems: [] as Finding[],
        format: source.sigma ? 'sigma' : 'sentinel',
        ...(source.sigma ? { sigma: source.sigma } : {}),
        ...(source.sigma?.logsource.product ? { platform: source.sigma.logsource.product } : {}),
        ...(source.sigma && !source.sigma.conversion.ok
          ? { queryUnavailable: `no KQL conversion: ${source.sigma.conversion.reason}` }
          : {}),
      } satisfies RuleView;
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));

  const ruleByKey = new Map(rules.map((rule) => [rule.key, rule]));
  // A Sigma rule's related ids link to the site's rules; kept on the view, so the page's cache key follows them.
  for (const rule of rules) {
    if (!rule.sigma) continue;
    rule.sigma = {
      ...rule.sigma,
      related: rule.sigma.related.map((entry) => ({
        ...entry,
        known: filesById.has(entry.id) && hasPermalink(entry.id),
      })),
    };
  }
  const shared = new Map(
    [...sharedSlugs].map(([slug, keys]) => [slug, keys.map((key) => ruleByKey.get(key) as RuleView)]),
  );
  const catalogued = input.tools.map((source) => ({ ...source, catalogued: true }));
  const tools = buildToolViews([...catalogued, ...uncatalogued], rules);
  const rulesWithoutTool = rules.filter((rule) => rule.tools.length === 0);
  const positionsByFile = new Map(input.rules.map((source) => [source.file, source.positions]));
  const positionsOf = (rule: RuleView) => positionsByFile.get(rule.file);
  findings.push(...findUncataloguedTools(rules, positionsOf), ...findUnmatchedRules(rulesWithoutTool, positionsOf));
  const allFindings = [...(input.findings ?? []), ...findings];
  // Each rule page lists every finding about its file and its runbook's, the model's own included.
  const problemsByFile = groupByFile(allFindings);
  for (const rule of rules) {
    rule.problems = [
      ...(problemsByFile.get(rule.file) ?? []),
      ...((rule.runbook && problemsByFile.get(rule.runbook.file)) || []),
    ];
  }
  return {
    model: {
      rules,
      ruleByKey,
      sharedIds: groupSharedIds(rules),
      sharedSlugs: shared,
      tools,
      rulesWithoutTool,
      findings: allFindings,
    },
    findings,
  };
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

/** Ids of several rules, each with its rules in key order (the first file's rule first). */
function groupSharedIds(rules: readonly RuleView[]): Map<string, RuleView[]> {
  const byId = new Map<string, RuleView[]>();
  for (const rule of rules) byId.set(rule.id, [...(byId.get(rule.id) ?? []), rule]);
  return new Map(
    [...byId]
      .filter(([, sharing]) => sharing.length > 1)
      .map(([id, sharing]) => [
        id,
        [...sharing].sort((a, b) => a.key.length - b.key.length || a.key.localeCompare(b.key)),
      ]),
  );
}

type ToolSource = CatalogTool & { catalogued: boolean };

/** One view per tool, its rules grouped by the telemetry they read. */
function buildToolViews(sources: readonly ToolSource[], rules: readonly RuleView[]): ToolView[] {
  const rulesByTool = new Map<string, RuleView[]>();
  for (const rule of rules) {
    for (const link of rule.tools) rulesByTool.set(link.toolId, [...(rulesByTool.get(link.toolId) ?? []), rule]);
  }
  return sources
    .map(({ tool, files, catalogued }) => {
      const toolRules = rulesByTool.get(tool.id) ?? [];
      return {
        tool,
        files,
        catalogued,
        rules: toolRules,
        coverage: TELEMETRY_KINDS.map((telemetry) => ({
          telemetry,
          rules: toolRules.filter((rule) => rule.telemetry.includes(telemetry)),
        })),
        otherRules: toolRules.filter((rule) => !rule.telemetry.some(isMatrixTelemetry)),
      };
    })
    .sort((a, b) => a.tool.name.localeCompare(b.tool.name));
}

function countedTechniques(ids: readonly string[], attack: AttackIndex): Technique[] {
  return ids.flatMap((id) => attack.findTechnique(id) ?? []);
}

/**
 * A tool known only from rule names: its name as the rules spell it, filed under T1219 in
 * the matrix, since nothing says which sub-technique it belongs to.
 */
function toUncataloguedTool(match: ToolMatch): Tool {
  return toolSchema.parse({ id: match.toolId, name: match.evidence, technique: 'T1219' });
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
    const group = groups.get(parent.id) ?? {
      technique: parent,
      matrix: MATRIX_NAMES[parent.domain],
      named: false,
      subtechniques: [],
    };
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

function withAlertNameFormat(format: string | undefined): { alertNameFormat?: string } {
  return format === undefined ? {} : { alertNameFormat: format };
}

import type { AttackIndex } from '../attack/attack.ts';
import type { TechniquePage } from '../attack/technique-pages.ts';
import type { RuleView, ToolView } from '../model/site-model.ts';

/** Pagefind filter name → values for one page. Facet names are what the search pane shows. */
export type Facets = Record<string, string[]>;

/** Facet names, in the order the search page shows them. */
export const FACET_NAMES = [
  'type',
  'tool',
  'tactic',
  'category',
  'technique',
  'table',
  'connector',
  'telemetry',
  'runbook',
  'format',
] as const;

/**
 * Facets of a rule page. Techniques are listed with their parents, so filtering on
 * `T1219 Remote Access Tools` also finds rules mapped only to `T1219.002`.
 * @example toRuleFacets(rule).technique // → ['T1219 Remote Access Tools', 'T1219.002 Remote Desktop Software']
 */
export function toRuleFacets(rule: RuleView): Facets {
  return {
    type: ['rule'],
    tool: rule.tools.map((tool) => tool.name),
    tactic: [...rule.tactics.map((tactic) => tactic.name), ...rule.sentinelOnlyTactics],
    category: rule.categories,
    technique: unique(
      rule.techniqueGroups.flatMap((group) => [
        label(group.technique),
        ...group.subtechniques.map((sub) => label(sub)),
      ]),
    ).sort(),
    table: rule.tables,
    connector: unique(rule.connectors.flatMap((connector) => connector.connectorId ?? [])),
    telemetry: rule.telemetry.map((kind) => kind.label),
    runbook: [rule.runbook ? 'has runbook' : 'no runbook'],
    format: [rule.format === 'sigma' ? 'Sigma' : 'Sentinel'],
  };
}

/** Facets of a tool page: its technique and the telemetry its rules cover. */
export function toToolFacets(view: ToolView, attack: AttackIndex): Facets {
  const technique = attack.findTechnique(view.tool.technique);
  const parent = technique?.parentId ? attack.findTechnique(technique.parentId) : undefined;
  return {
    type: ['tool'],
    tool: [view.tool.name],
    technique: [parent, technique].filter((t) => t !== undefined).map(label),
    telemetry: view.coverage.filter((cell) => cell.rules.length > 0).map((cell) => cell.telemetry.label),
  };
}

/** Facets of a technique page. */
export function toTechniqueFacets(page: TechniquePage): Facets {
  return {
    type: ['technique'],
    tactic: page.tactics.map((tactic) => tactic.name),
    technique: [page.parent, page.technique].filter((t) => t !== undefined).map(label),
    tool: page.ruleTools.map((tool) => tool.name),
  };
}

function label(technique: { id: string; name: string }): string {
  return `${technique.id} ${technique.name}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

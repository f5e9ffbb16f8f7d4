import type { RuleView, ToolView } from '../model/site-model.ts';
import { type AttackIndex, MATRIX_NAMES, type Tactic, type Technique } from './attack.ts';
import { collectRulesByTechnique } from './heatmap.ts';

export interface TechniquePage {
  technique: Technique;
  /** The ATT&CK matrix the technique belongs to: `Enterprise`, `ICS` or `Mobile`. */
  matrix: string;
  parent?: Technique;
  tactics: Tactic[];
  /** Rules mapped to the technique, or for a parent also to any of its sub-techniques. */
  rules: RuleView[];
  subtechniques: { technique: Technique; ruleCount: number }[];
  /** Tools the rules are about. */
  ruleTools: { id: string; name: string }[];
  /** Catalog tools filed under this technique (or, for a parent, under its sub-techniques). */
  catalogTools: { id: string; name: string; ruleCount: number }[];
}

/** One page per technique that has at least one rule, parents included, sorted by id. */
export function buildTechniquePages(
  rules: readonly RuleView[],
  tools: readonly ToolView[],
  attack: AttackIndex,
): TechniquePage[] {
  const byTechnique = collectRulesByTechnique(rules, attack);
  const ruleByKey = new Map(rules.map((rule) => [rule.key, rule]));
  return [...byTechnique.keys()].sort().flatMap((id) => {
    const technique = attack.findTechnique(id);
    if (!technique) return [];
    const pageRules = [...(byTechnique.get(id) ?? [])]
      .map((key) => ruleByKey.get(key) as RuleView)
      .sort((a, b) => a.name.localeCompare(b.name));
    const family = new Set([technique.id, ...technique.subtechniqueIds]);
    const ruleTools = new Map(pageRules.flatMap((rule) => rule.tools.map((tool) => [tool.toolId, tool.name] as const)));
    return [
      {
        technique,
        matrix: MATRIX_NAMES[technique.domain],
        parent: technique.parentId ? attack.findTechnique(technique.parentId) : undefined,
        tactics: attack.tacticsOf(technique.domain).filter((tactic) => technique.tactics.includes(tactic.shortName)),
        rules: pageRules,
        subtechniques: technique.subtechniqueIds.flatMap((subId) => {
          const sub = attack.findTechnique(subId);
          return sub ? [{ technique: sub, ruleCount: byTechnique.get(subId)?.size ?? 0 }] : [];
        }),
        ruleTools: [...ruleTools]
          .map(([toolId, name]) => ({ id: toolId, name }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        catalogTools: tools
          .filter((view) => view.catalogued && family.has(view.tool.technique))
          .map((view) => ({ id: view.tool.id, name: view.tool.name, ruleCount: view.rules.length })),
      },
    ];
  });
}

import type { RuleView } from '../model/site-model.ts';
import type { AttackDomain, AttackIndex, Tactic, Technique } from './attack.ts';

export interface HeatCell {
  technique: Technique;
  /** Distinct rules mapped to the technique or any of its sub-techniques. */
  ruleCount: number;
  level: HeatLevel;
  subtechniques: { technique: Technique; ruleCount: number; level: HeatLevel }[];
}

export interface HeatColumn {
  tactic: Tactic;
  cells: HeatCell[];
  /** Techniques in this column with at least one rule. */
  coveredCount: number;
}

export type HeatLevel = 0 | 1 | 2 | 3 | 4;

/**
 * Shade for a rule count; five steps keep the map readable with any corpus size, and the
 * page always prints the number too, so colour is never the only signal.
 * @example toHeatLevel(0) // → 0;  toHeatLevel(3) // → 2;  toHeatLevel(20) // → 4
 */
export function toHeatLevel(count: number): HeatLevel {
  if (count <= 0) return 0;
  if (count === 1) return 1;
  if (count <= 3) return 2;
  if (count <= 7) return 3;
  return 4;
}

/**
 * Rule keys per technique id (src/model/rule-key.ts: two rule files may share an id). A rule mapped to a sub-technique also counts for its parent,
 * once, however many of the parent's sub-techniques it names.
 */
export function collectRulesByTechnique(rules: readonly RuleView[], attack: AttackIndex): Map<string, Set<string>> {
  const byTechnique = new Map<string, Set<string>>();
  const add = (id: string, ruleKey: string) => byTechnique.set(id, (byTechnique.get(id) ?? new Set()).add(ruleKey));
  for (const rule of rules) {
    for (const id of rule.techniqueIds) {
      const technique = attack.findTechnique(id);
      if (!technique) continue;
      add(technique.id, rule.key);
      if (technique.parentId) add(technique.parentId, rule.key);
    }
  }
  return byTechnique;
}

/** One domain's ATT&CK matrix with every technique shaded by how many rules map to it. */
export function buildAttackHeatmap(
  rules: readonly RuleView[],
  attack: AttackIndex,
  domain: AttackDomain = 'enterprise-attack',
): HeatColumn[] {
  const byTechnique = collectRulesByTechnique(rules, attack);
  const count = (id: string) => byTechnique.get(id)?.size ?? 0;
  const parents = attack.techniques.filter((technique) => !technique.parentId && technique.domain === domain);
  return attack.tacticsOf(domain).map((tactic) => {
    const cells = parents
      .filter((technique) => technique.tactics.includes(tactic.shortName))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((technique) => ({
        technique,
        ruleCount: count(technique.id),
        level: toHeatLevel(count(technique.id)),
        subtechniques: technique.subtechniqueIds.flatMap((id) => {
          const sub = attack.findTechnique(id);
          return sub ? [{ technique: sub, ruleCount: count(id), level: toHeatLevel(count(id)) }] : [];
        }),
      }));
    return { tactic, cells, coveredCount: cells.filter((cell) => cell.ruleCount > 0).length };
  });
}

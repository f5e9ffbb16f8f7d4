import type { RuleView } from '../model/site-model.ts';
import type { NavigatorLayer } from '../schemas/navigator-layer.ts';
import type { AttackIndex } from './attack.ts';
import { collectRulesByTechnique } from './heatmap.ts';

/** Score colours: white for none, then Huntbook blue. */
const GRADIENT = ['#ffffff', '#9ecae1', '#08519c'];

export interface LayerOptions {
  title: string;
  /** The URLs written into the layer: rule pages and the site's heatmap (src/site/routes.ts). */
  routes: { rule(slug: string): string; attackCoverage(): string };
}

/**
 * An ATT&CK Navigator layer (format 4.5) scoring each technique by its number of rules.
 * Sub-technique rules also score their parent, as on the site's heatmap. A technique that
 * belongs to several tactics gets one entry per tactic its rules list, so Navigator does
 * not light up tactics the rules do not claim.
 */
export function buildNavigatorLayer(
  rules: readonly RuleView[],
  attack: AttackIndex,
  options: LayerOptions,
): NavigatorLayer {
  const byTechnique = collectRulesByTechnique(rules, attack);
  const ruleByKey = new Map(rules.map((rule) => [rule.key, rule]));
  let maxScore = 0;
  const techniques = [...byTechnique.keys()].sort().flatMap((id) => {
    const technique = attack.findTechnique(id);
    if (!technique) return [];
    const techniqueRules = [...(byTechnique.get(id) ?? [])]
      .map((key) => ruleByKey.get(key) as RuleView)
      .sort((a, b) => a.name.localeCompare(b.name));
    const claimed = new Set(techniqueRules.flatMap((rule) => rule.tactics.map((tactic) => tactic.shortName)));
    const tactics = technique.tactics.filter((tactic) => claimed.has(tactic));
    const score = techniqueRules.length;
    maxScore = Math.max(maxScore, score);
    return (tactics.length > 0 ? tactics : technique.tactics).map((tactic) => ({
      techniqueID: technique.id,
      tactic,
      score,
      comment: `${score} ${score === 1 ? 'rule' : 'rules'}: ${techniqueRules.map((rule) => rule.name).join('; ')}`,
      enabled: true,
      showSubtechniques: technique.subtechniqueIds.some((subId) => byTechnique.has(subId)),
      links: techniqueRules.map((rule) => ({ label: rule.name, url: options.routes.rule(rule.slug) })),
      metadata: techniqueRules.map((rule) => ({ name: 'rule id', value: rule.id })),
    }));
  });
  return {
    name: `${options.title} detection coverage`,
    versions: { layer: '4.5' },
    domain: 'enterprise-attack',
    description: `Techniques scored by the number of detection rules mapped to them (${rules.length} rules).`,
    sorting: 3,
    hideDisabled: false,
    techniques,
    gradient: { colors: GRADIENT, minValue: 0, maxValue: Math.max(maxScore, 1) },
    legendItems: [
      { label: 'No rule', color: '#ffffff' },
      { label: `${Math.max(maxScore, 1)} or more rules`, color: '#08519c' },
    ],
    showTacticRowBackground: false,
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    links: [{ label: 'Coverage on the site', url: options.routes.attackCoverage() }],
  };
}

import type { RuleView } from '../model/site-model.ts';
import type { NavigatorLayer } from '../schemas/navigator-layer.ts';
import { type AttackDomain, type AttackIndex, MATRIX_NAMES } from './attack.ts';
import { collectRulesByTechnique } from './heatmap.ts';

/** Score colours: white for none, then Huntbook blue. */
const GRADIENT = ['#ffffff', '#9ecae1', '#08519c'];

export interface LayerOptions {
  title: string;
  /** The matrix the layer is for (default Enterprise); techniques of other domains are left out. */
  domain?: AttackDomain;
  /** The URLs written into the layer: rule pages and the site's heatmap (src/site/routes.ts). */
  routes: { rule(slug: string): string; attackCoverage(): string };
}

/**
 * An ATT&CK Navigator layer (format 4.5) scoring each technique by its number of rules.
 * Sub-technique rules also score their parent, as on the site's heatmap. A technique that
 * belongs to several tactics gets one entry per tactic its rules list, so Navigator does
 * not light up tactics the rules do not claim. Navigator opens one domain per layer, so each
 * domain with rules gets its own.
 */
export function buildNavigatorLayer(
  rules: readonly RuleView[],
  attack: AttackIndex,
  options: LayerOptions,
): NavigatorLayer {
  const domain = options.domain ?? 'enterprise-attack';
  const byTechnique = collectRulesByTechnique(rules, attack);
  const ruleByKey = new Map(rules.map((rule) => [rule.key, rule]));
  let maxScore = 0;
  const techniques = [...byTechnique.keys()].sort().flatMap((id) => {
    const technique = attack.findTechnique(id);
    if (technique?.domain !== domain) return [];
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
  const layerRules = new Set(techniques.flatMap((entry) => entry.metadata.map((item) => item.value)));
  const matrix = domain === 'enterprise-attack' ? '' : ` (ATT&CK for ${MATRIX_NAMES[domain]})`;
  return {
    name: `${options.title} detection coverage${matrix}`,
    versions: { layer: '4.5' },
    domain,
    description: `Techniques scored by the number of detection rules mapped to them (${layerRules.size} rules).`,
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

/**
 * The domains at least one rule counts a technique in, in lookup order: one layer each.
 * @example listRuleDomains(rules, attack) // → ['enterprise-attack', 'ics-attack']
 */
export function listRuleDomains(rules: readonly RuleView[], attack: AttackIndex): AttackDomain[] {
  const used = new Set(rules.flatMap((rule) => rule.techniqueIds.map((id) => attack.findTechnique(id)?.domain)));
  return attack.domains.filter((domain) => used.has(domain));
}

import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { buildAttackHeatmap } from '../../../src/attack/heatmap.ts';
import { buildNavigatorLayer, listRuleDomains } from '../../../src/attack/navigator-layer.ts';
import { buildTechniquePages } from '../../../src/attack/technique-pages.ts';
import { buildSiteModel, type RuleSource } from '../../../src/model/site-model.ts';
import { navigatorLayerSchema } from '../../../src/schemas/navigator-layer.ts';
import { ruleSchema } from '../../../src/schemas/rule.ts';
import { createRoutes } from '../../../src/site/routes.ts';

const attack = loadAttackIndex();

/** Rules of every domain, one with a revoked technique. */
const sources: RuleSource[] = [
  { name: 'ICS - PLC stop', tactics: ['InhibitResponseFunction'], relevantTechniques: ['T0814', 'T0857'] },
  { name: 'Mobile - Remote access app', tactics: 'CommandAndControl', relevantTechniques: 'T1663' },
  { name: 'DNS - Random subdomains', tactics: 'CommandAndControl', relevantTechniques: ['T1483', 'T1219'] },
  { name: 'Registry - Saved passwords', tactics: 'Credential Access', relevantTechniques: ['TA0006', 't1078'] },
].map((input, index) => ({
  file: `rules/${index}.yaml`,
  absolutePath: `/rules/${index}.yaml`,
  rule: ruleSchema.parse({ id: `00000000-0000-4000-8000-00000000000${index}`, query: 'T', ...input }),
}));
const { model } = buildSiteModel({
  rules: sources,
  runbooks: [],
  tools: [],
  attack,
  config: { sourceRoot: '/' },
});
const routes = createRoutes('/', 'https://wiki.example');
const ruleNamed = (name: string) => model.rules.find((rule) => rule.name === name);

describe('rule views across domains', () => {
  test.each([
    { name: 'ICS - PLC stop', techniqueIds: ['T0814', 'T0857'], matrices: ['ICS', 'ICS'], tactics: ['TA0107'] },
    { name: 'Mobile - Remote access app', techniqueIds: ['T1663'], matrices: ['Mobile'], tactics: ['TA0037'] },
    {
      name: 'DNS - Random subdomains',
      techniqueIds: ['T1568.002', 'T1219'],
      matrices: ['Enterprise', 'Enterprise'],
      tactics: ['TA0011'],
    },
    { name: 'Registry - Saved passwords', techniqueIds: ['T1078'], matrices: ['Enterprise'], tactics: ['TA0006'] },
  ])('$name counts on $techniqueIds', ({ name, techniqueIds, matrices, tactics }) => {
    const rule = ruleNamed(name);
    expect(rule?.techniqueIds).toEqual(techniqueIds);
    expect(rule?.techniqueGroups.map((group) => group.matrix)).toEqual(matrices);
    expect(rule?.tactics.map((tactic) => tactic.id)).toEqual(tactics);
  });

  test('a retired id is kept for the page with its replacement', () => {
    const retired = ruleNamed('DNS - Random subdomains')?.retiredTechniques;
    expect(
      retired?.map((entry) => `${entry.retired.id} ${entry.retired.status} → ${entry.replacements[0]?.id}`),
    ).toEqual(['T1483 revoked → T1568.002']);
  });
});

describe('one layer and one heatmap per domain', () => {
  test('domains with rules, in lookup order', () => {
    expect(listRuleDomains(model.rules, attack)).toEqual(['enterprise-attack', 'ics-attack', 'mobile-attack']);
  });

  test.each([
    {
      domain: 'enterprise-attack',
      // T1078 is in none of the rule's tactics, so it is entered under each of its own.
      entries: [
        'T1078/defense-evasion',
        'T1078/persistence',
        'T1078/privilege-escalation',
        'T1078/initial-access',
        'T1219/command-and-control',
        'T1568/command-and-control',
        'T1568.002/command-and-control',
      ],
    },
    { domain: 'ics-attack', entries: ['T0814/inhibit-response-function', 'T0857/inhibit-response-function'] },
    { domain: 'mobile-attack', entries: ['T1663/command-and-control'] },
  ] as const)('the $domain layer holds its own techniques only', ({ domain, entries }) => {
    const layer = buildNavigatorLayer(model.rules, attack, { title: 'SOC', routes, domain });
    expect(navigatorLayerSchema.safeParse(layer).error).toBeUndefined();
    expect(layer.domain).toBe(domain);
    expect(layer.techniques.map((t) => `${t.techniqueID}/${t.tactic}`)).toEqual(entries);
  });

  test('a heatmap has its own domain columns and techniques', () => {
    const ics = buildAttackHeatmap(model.rules, attack, 'ics-attack');
    expect(ics.map((column) => column.tactic.id)).toContain('TA0106');
    const cell = ics.flatMap((column) => column.cells).find((c) => c.technique.id === 'T0814');
    expect(cell?.ruleCount).toBe(1);
    const enterprise = buildAttackHeatmap(model.rules, attack);
    expect(enterprise.flatMap((column) => column.cells).some((c) => c.technique.domain !== 'enterprise-attack')).toBe(
      false,
    );
  });

  test('technique pages list the tactics of their own domain', () => {
    const pages = buildTechniquePages(model.rules, model.tools, attack);
    const t0857 = pages.find((page) => page.technique.id === 'T0857');
    expect(t0857?.tactics.map((tactic) => tactic.id)).toEqual(['TA0110', 'TA0107']);
    expect(pages.some((page) => page.technique.id === 'T1483')).toBe(false);
  });
});

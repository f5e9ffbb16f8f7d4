import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { buildTechniquePages } from '../../../src/attack/technique-pages.ts';
import { buildSiteModel } from '../../../src/model/site-model.ts';
import { ruleSchema } from '../../../src/schemas/rule.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';
import { toRuleFacets, toTechniqueFacets, toToolFacets } from '../../../src/search/facets.ts';

const attack = loadAttackIndex();
const ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const { model } = buildSiteModel({
  rules: [
    {
      file: 'r.yaml',
      absolutePath: '/r.yaml',
      rule: ruleSchema.parse({
        id: ID,
        name: 'RMM - AnyDesk - Process',
        query: 'T',
        tactics: ['CommandAndControl'],
        relevantTechniques: ['T1219.002'],
        requiredDataConnectors: [
          { connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceProcessEvents'] },
          { connectorId: 'SecurityEvents', dataTypes: ['SecurityEvent'] },
        ],
      }),
    },
  ],
  runbooks: [{ file: 'r.md', rule: ID, falsePositives: [] }],
  tools: [{ files: ['a.yaml'], tool: toolSchema.parse({ id: 'anydesk', name: 'AnyDesk' }) }],
  attack,
  config: { sourceRoot: '/', sourceRepositoryUrl: undefined },
});

function firstOf<T>(items: readonly T[]): T {
  const [first] = items;
  if (first === undefined) throw new Error('expected at least one item');
  return first;
}

describe('search facets', () => {
  test('a rule page is filed under every facet, techniques with their parent', () => {
    expect(toRuleFacets(firstOf(model.rules))).toEqual({
      type: ['rule'],
      tool: ['AnyDesk'],
      tactic: ['Command and Control'],
      category: [],
      technique: ['T1219 Remote Access Tools', 'T1219.002 Remote Desktop Software'],
      table: ['DeviceProcessEvents', 'SecurityEvent'],
      connector: ['MicrosoftThreatProtection', 'SecurityEvents'],
      telemetry: ['Process creation'],
      runbook: ['has runbook'],
      format: ['Sentinel'],
    });
  });

  test('a tool page carries its technique and covered telemetry', () => {
    expect(toToolFacets(firstOf(model.tools), attack)).toEqual({
      type: ['tool'],
      tool: ['AnyDesk'],
      technique: ['T1219 Remote Access Tools', 'T1219.002 Remote Desktop Software'],
      telemetry: ['Process creation'],
    });
  });

  test('a technique page carries its tactics, family and tools', () => {
    const page = buildTechniquePages(model.rules, model.tools, attack).find((p) => p.technique.id === 'T1219.002');
    expect(toTechniqueFacets(firstOf(page ? [page] : []))).toEqual({
      type: ['technique'],
      tactic: ['Command and Control'],
      technique: ['T1219 Remote Access Tools', 'T1219.002 Remote Desktop Software'],
      tool: ['AnyDesk'],
    });
  });
});

import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { collectRulesByTechnique } from '../../../src/attack/heatmap.ts';
import { analyzeKql } from '../../../src/kql/analysis.ts';
import { buildSiteModel, groupTechniques, type RuleSource } from '../../../src/model/site-model.ts';
import { ruleSchema } from '../../../src/schemas/rule.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';

const attack = loadAttackIndex();
const ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const FILE = 'content/runbooks/pdq.md';

describe('buildSiteModel', () => {
  const source = (id: string, name: string, extra: Record<string, unknown> = {}): RuleSource => ({
    file: `content/rules/${name}.yaml`,
    absolutePath: `/repo/content/rules/${name}.yaml`,
    rule: ruleSchema.parse({
      id,
      name,
      query: 'T\n',
      tactics: 'CommandAndControl',
      relevantTechniques: ['T1219.002'],
      ...extra,
    }),
  });
  const tools = [
    { files: ['pdq.yaml'], tool: toolSchema.parse({ id: 'pdq', name: 'PDQ', domains: ['app.pdq.com'] }) },
    {
      files: ['rustdesk.yaml'],
      tool: toolSchema.parse({ id: 'rustdesk', name: 'RustDesk', productNames: ['rustdesk'] }),
    },
  ];
  const config = {
    sourceRoot: '/repo',
    sourceRepositoryUrl: 'https://git.example/soc/blob/main/',
  };

  test('joins runbooks, reads tool and telemetry from the name, links the source', () => {
    const { model, findings } = buildSiteModel({
      rules: [
        source(ID, 'RMM - PDQ - Network Connection', {
          requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] }],
        }),
      ],
      runbooks: [{ file: FILE, rule: ID, hypothesis: 'H', falsePositives: [] }],
      tools,
      attack,
      config,
    });
    expect(findings).toEqual([]);
    const rule = model.ruleByKey.get(ID);
    expect(rule?.runbook?.hypothesis).toBe('H');
    expect(rule?.tools.map((t) => [t.toolId, t.reason])).toEqual([['pdq', 'rule name']]);
    expect(rule?.nameTelemetry).toBe('Network Connection');
    expect(rule?.telemetry.map((t) => t.id)).toEqual(['network']);
    expect(rule?.tables).toEqual(['DeviceNetworkEvents']);
    expect(rule?.tactics.map((t) => t.id)).toEqual(['TA0011']);
    expect(rule?.sourceUrl).toBe(
      'https://git.example/soc/blob/main/content/rules/RMM%20-%20PDQ%20-%20Network%20Connection.yaml',
    );
  });

  test('tool views group rules by telemetry and show the gaps', () => {
    const { model } = buildSiteModel({
      rules: [
        source(ID, 'RMM - PDQ - Network Connection', {
          requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] }],
        }),
      ],
      runbooks: [],
      tools,
      attack,
      config,
    });
    const pdq = model.tools.find((view) => view.tool.id === 'pdq');
    expect(pdq?.coverage.map((c) => `${c.telemetry.id}:${c.rules.length}`)).toEqual([
      'process:0',
      'network:1',
      'dns:0',
      'file-signature:0',
      'file:0',
      'registry:0',
    ]);
    expect(model.tools.find((view) => view.tool.id === 'rustdesk')?.rules).toEqual([]);
    expect(model.rulesWithoutTool).toEqual([]);
  });

  test('a rule without a runbook stays on the site, marked as such', () => {
    const { model } = buildSiteModel({ rules: [source(ID, 'Lonely')], runbooks: [], tools, attack, config });
    expect(model.rules).toHaveLength(1);
    expect(model.rules[0]?.runbook).toBeUndefined();
  });

  test("reads the name format of the rule's alerts from alertDetailsOverride", () => {
    const format = 'AnyDesk on {{DeviceName}}';
    const { model } = buildSiteModel({
      rules: [source(ID, 'AnyDesk', { alertDetailsOverride: { alertDisplayNameFormat: format } })],
      runbooks: [],
      tools,
      attack,
      config,
    });
    expect(model.rules[0]?.alertNameFormat).toBe(format);
  });

  test('the runbook tool wins over the name', () => {
    const { model } = buildSiteModel({
      rules: [source(ID, 'RMM - PDQ - Network Connection')],
      runbooks: [{ file: FILE, rule: ID, tool: 'rustdesk', falsePositives: [] }],
      tools,
      attack,
      config,
    });
    expect(model.rules[0]?.tools).toEqual([
      { toolId: 'rustdesk', name: 'RustDesk', reason: 'runbook', evidence: FILE },
    ]);
  });

  test("a signer the rule's analysis found in a signer column ties it to the tool", () => {
    const query = `DeviceFileCertificateInfo | where Signer == 'Purslane Ltd.'`;
    const signedTools = [
      ...tools,
      { files: ['rd.yaml'], tool: toolSchema.parse({ id: 'rd', name: 'RD', signers: ['Purslane Ltd.'] }) },
    ];
    const rule = { ...source(ID, 'Signed remote desktop binaries', { query }), analysis: analyzeKql(query) };
    const { model } = buildSiteModel({ rules: [rule], runbooks: [], tools: signedTools, attack, config });
    expect(model.rules[0]?.tools.map((t) => [t.toolId, t.reason, t.evidence])).toEqual([
      ['rd', 'query signer', 'Purslane Ltd.'],
    ]);
  });

  test('a query over kql.maxQueryBytes is no evidence: its text is not searched for tools', () => {
    const query = `DeviceNetworkEvents | where RemoteUrl has 'app.pdq.com'`;
    const rule = (queryTooLarge: boolean) => ({ ...source(ID, 'Remote access', { query }), queryTooLarge });
    const toolsOf = (queryTooLarge: boolean) =>
      buildSiteModel({ rules: [rule(queryTooLarge)], runbooks: [], tools, attack, config }).model.rules[0]?.tools;
    expect(toolsOf(false)?.map((t) => t.toolId)).toEqual(['pdq']);
    expect(toolsOf(true)).toEqual([]);
  });
});

describe('buildSiteModel with two rule files sharing an id', () => {
  const source = (file: string, name: string, key: string): RuleSource => ({
    key,
    file,
    absolutePath: `/repo/${file}`,
    rule: ruleSchema.parse({ id: ID, name, query: 'T\n', relevantTechniques: ['T1219.002'] }),
  });
  const COPY_KEY = `${ID}-1c2d3e4f`;
  const build = () =>
    buildSiteModel({
      rules: [source('rules/Solutions/pdq.yaml', 'PDQ', COPY_KEY), source('rules/Detections/pdq.yaml', 'PDQ', ID)],
      runbooks: [{ file: FILE, rule: ID, falsePositives: [], positions: { rule: { line: 2 } } }],
      tools: [],
      attack,
      config: { sourceRoot: '/repo' },
    });

  test('both are published at slugs of their own and listed under their id', () => {
    const { model } = build();
    expect(model.rules.map((rule) => [rule.key, rule.slug])).toEqual([
      [ID, 'pdq-58cbbe97'],
      [COPY_KEY, 'pdq-58cbbe97-1c2d3e4f'],
    ]);
    expect(model.sharedIds.get(ID)?.map((rule) => rule.file)).toEqual([
      'rules/Detections/pdq.yaml',
      'rules/Solutions/pdq.yaml',
    ]);
    expect(model.sharedSlugs.get('pdq')?.map((rule) => rule.key)).toEqual([ID, COPY_KEY]);
  });

  test('the runbook for the id is shown on both, with a warning saying so', () => {
    const { model, findings } = build();
    expect(model.rules.map((rule) => rule.runbook?.file)).toEqual([FILE, FILE]);
    // The fixture has no tool catalog, so both rules also get the no-tool warning.
    expect(findings.filter((finding) => finding.code !== 'no-tool')).toEqual([
      {
        severity: 'warning',
        code: 'duplicate-id',
        file: FILE,
        line: 2,
        field: 'rule',
        message: `${ID} is the id of 2 rules (rules/Detections/pdq.yaml, rules/Solutions/pdq.yaml); this runbook is shown on each`,
      },
    ]);
  });

  test('each counts for the technique', () => {
    const { model } = build();
    expect([...(collectRulesByTechnique(model.rules, attack).get('T1219.002') ?? [])]).toEqual([ID, COPY_KEY]);
  });
});

describe('groupTechniques', () => {
  test.each([
    { ids: ['T1219'], expected: [{ parent: 'T1219', named: true, subs: [] }] },
    { ids: ['T1219.002'], expected: [{ parent: 'T1219', named: false, subs: ['T1219.002'] }] },
    {
      ids: ['T1219.002', 'T1219', 'T1219.001'],
      expected: [{ parent: 'T1219', named: true, subs: ['T1219.001', 'T1219.002'] }],
    },
    {
      ids: ['T1219', 'T1133'],
      expected: [
        { parent: 'T1133', named: true, subs: [] },
        { parent: 'T1219', named: true, subs: [] },
      ],
    },
  ])('$ids', ({ ids, expected }) => {
    const groups = groupTechniques(ids, attack).map((g) => ({
      parent: g.technique.id,
      named: g.named,
      subs: g.subtechniques.map((s) => s.id),
    }));
    expect(groups).toEqual(expected);
  });
});

import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { formatFinding } from '../../../src/checks/findings.ts';
import { parseRunbook } from '../../../src/loaders/runbook-markdown.ts';
import { buildSiteModel, groupTechniques, type RuleSource } from '../../../src/model/site-model.ts';
import { ruleSchema } from '../../../src/schemas/rule.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';

const attack = loadAttackIndex();
const ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const FILE = 'content/runbooks/pdq.md';

describe('parseRunbook', () => {
  test('splits front matter and body, CRLF and BOM included', () => {
    const text = `\uFEFF---\r\nrule: ${ID.toUpperCase()}\r\nhypothesis: Adversary uses PDQ.\r\nfalsePositives:\r\n  - scenario: Patch day\r\n    exclusion: Exclude the PDQ server\r\n---\r\n## Triage\r\n`;
    const parsed = parseRunbook(text, FILE);
    expect(parsed.findings).toEqual([]);
    expect(parsed.frontmatter).toEqual({
      rule: ID,
      hypothesis: 'Adversary uses PDQ.',
      falsePositives: [{ scenario: 'Patch day', exclusion: 'Exclude the PDQ server' }],
    });
    expect(parsed.body).toBe('## Triage\n');
  });

  test.each([
    {
      name: 'no front matter',
      text: '# Notes\n',
      expected: [
        'content/runbooks/pdq.md:1 has no front matter: start the file with a "---" block that names its rule',
      ],
    },
    {
      name: 'missing rule',
      text: '---\nhypothesis: x\n---\n',
      expected: ['content/runbooks/pdq.md rule: is required (expected string)'],
    },
    {
      name: 'rule not a GUID',
      text: '---\nhypothesis: x\nrule: pdq\n---\n',
      expected: ['content/runbooks/pdq.md:3:1 rule: must be the GUID of a rule (got "pdq")'],
    },
    {
      name: 'scenario without exclusion',
      text: `---\nrule: ${ID}\nfalsePositives:\n  - scenario: Patch day\n  - scenario: Inventory\n    exclusion: x\n---\n`,
      expected: ['content/runbooks/pdq.md:4:5 falsePositives.0.exclusion: is required (expected string)'],
    },
    {
      name: 'YAML error in front matter',
      text: `---\nrule: ${ID}\nhypothesis: "open\n---\n`,
      expected: [
        'content/runbooks/pdq.md:4:1 invalid YAML: unexpected end of the stream within a double quoted scalar',
      ],
    },
  ])('$name', ({ text, expected }) => {
    const parsed = parseRunbook(text, FILE);
    expect(parsed.frontmatter).toBeUndefined();
    expect(parsed.findings.map(formatFinding)).toEqual(expected);
  });
});

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

  test('a runbook naming no rule is an error in the runbook file', () => {
    const { findings } = buildSiteModel({
      rules: [source(ID, 'A - PDQ - Network')],
      runbooks: [
        { file: 'content/runbooks/ghost.md', rule: '00000000-0000-0000-0000-000000000000', falsePositives: [] },
      ],
      tools,
      attack,
      config,
    });
    expect(findings.map(formatFinding)).toEqual([
      'content/runbooks/ghost.md rule: no rule has the id 00000000-0000-0000-0000-000000000000',
    ]);
  });

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
    const rule = model.ruleById.get(ID);
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

  test('a runbook naming a tool missing from the catalog is an error', () => {
    const { findings } = buildSiteModel({
      rules: [source(ID, 'Lonely')],
      runbooks: [{ file: FILE, rule: ID, tool: 'anydesk', falsePositives: [] }],
      tools,
      attack,
      config,
    });
    expect(findings.map(formatFinding)).toEqual([
      'content/runbooks/pdq.md tool: "anydesk" is not a tool id in the catalog (HUNTBOOK_TOOLS); use one of its ids, e.g. pdq, rustdesk',
    ]);
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

import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { buildAttackHeatmap, collectRulesByTechnique, toHeatLevel } from '../../../src/attack/heatmap.ts';
import { buildNavigatorLayer } from '../../../src/attack/navigator-layer.ts';
import { buildTechniquePages } from '../../../src/attack/technique-pages.ts';
import { toCsv, toRulesExport } from '../../../src/coverage/exports.ts';
import { buildCoverageMatrix, listGapRecords } from '../../../src/coverage/matrix.ts';
import { buildSiteModel, type RuleSource } from '../../../src/model/site-model.ts';
import { navigatorLayerSchema } from '../../../src/schemas/navigator-layer.ts';
import { ruleSchema } from '../../../src/schemas/rule.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';
import { createRoutes } from '../../../src/site/routes.ts';

const attack = loadAttackIndex();

/** A fixture corpus whose matrix is known cell by cell. */
const tools = [
  { id: 'anydesk', name: 'AnyDesk', domains: ['*.anydesk.com'], processNames: ['AnyDesk.exe'] },
  { id: 'teamviewer', name: 'TeamViewer', domains: ['*.teamviewer.com'] },
  { id: 'vscode', name: 'VS Code Tunnels', technique: 'T1219.001', domains: ['*.devtunnels.ms'] },
  { id: 'pikvm', name: 'PiKVM', technique: 'T1219.003' },
  { id: 'rustdesk', name: 'RustDesk', technique: 'T1219', domains: ['rustdesk.com'] },
].map((input) => ({ files: [`${input.id}.yaml`], tool: toolSchema.parse(input) }));

let counter = 0;
const rule = (name: string, tables: string[], extra: Record<string, unknown> = {}): RuleSource => {
  counter += 1;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    file: `rules/${counter}.yaml`,
    absolutePath: `/rules/${counter}.yaml`,
    rule: ruleSchema.parse({
      id,
      name,
      query: 'T',
      tactics: 'CommandAndControl',
      relevantTechniques: 'T1219.002',
      requiredDataConnectors: [{ connectorId: 'MicrosoftThreatProtection', dataTypes: tables }],
      ...extra,
    }),
  };
};

const rules = [
  rule('RMM - AnyDesk - Network', ['DeviceNetworkEvents']),
  rule('RMM - AnyDesk - Process', ['DeviceProcessEvents']),
  rule('RMM - AnyDesk - Process and DNS', ['DeviceProcessEvents', 'DnsEvents']),
  rule('RMM - VS Code Tunnels - Network', ['DeviceNetworkEvents'], { relevantTechniques: ['T1219.001'] }),
  rule('Unrelated - Nothing - Network', ['DeviceNetworkEvents'], {
    tactics: ['Execution'],
    relevantTechniques: ['T1059.001', 'T1059.003'],
  }),
  rule('RMM - TeamViewer - Signature', ['DeviceFileCertificateInfo'], {
    tactics: ['CommandAndControl', 'Persistence'],
    relevantTechniques: ['T1219', 'T1133'],
  }),
];
const { model } = buildSiteModel({
  rules,
  runbooks: [],
  tools,
  attack,
  config: { sourceRoot: '/', sourceRepositoryUrl: undefined },
});
const matrix = buildCoverageMatrix(model.tools, attack, model.rulesWithoutTool);

describe('coverage matrix', () => {
  test('groups tools by T1219 sub-technique in ATT&CK order, parent last', () => {
    expect(
      matrix.groups.map((g) => `${g.technique.id} ${g.technique.name}: ${g.rows.map((r) => r.tool.name).join(', ')}`),
    ).toEqual([
      'T1219.001 IDE Tunneling: VS Code Tunnels',
      'T1219.002 Remote Desktop Software: AnyDesk, TeamViewer',
      'T1219.003 Remote Access Hardware: PiKVM',
      'T1219 Remote Access Tools: RustDesk',
    ]);
  });

  test('cells hold the rules per tool and telemetry', () => {
    const cells = matrix.groups.flatMap((g) =>
      g.rows.map((r) => `${r.tool.id}: ${r.cells.map((c) => `${c.telemetry.id}=${c.rules.length}`).join(' ')}`),
    );
    expect(cells).toEqual([
      'vscode: process=0 network=1 dns=0 file-signature=0 file=0 registry=0',
      'anydesk: process=2 network=1 dns=1 file-signature=0 file=0 registry=0',
      'teamviewer: process=0 network=0 dns=0 file-signature=1 file=0 registry=0',
      'pikvm: process=0 network=0 dns=0 file-signature=0 file=0 registry=0',
      'rustdesk: process=0 network=0 dns=0 file-signature=0 file=0 registry=0',
    ]);
  });

  test('summary figures', () => {
    expect({
      ...matrix.summary,
      toolsWithoutRule: matrix.summary.toolsWithoutRule.map((t) => t.id),
      rulesWithoutTool: matrix.summary.rulesWithoutTool.map((r) => r.name),
    }).toEqual({
      toolsTotal: 5,
      toolsCovered: 3,
      cellsTotal: 30,
      cellsCovered: 5,
      toolsWithoutRule: ['pikvm', 'rustdesk'],
      toolsFromRuleNames: 0,
      rulesWithoutTool: ['Unrelated - Nothing - Network'],
    });
  });

  test('gaps list tools missing telemetry that other tools have', () => {
    expect(matrix.telemetryGaps.map((g) => `${g.tool.id}: ${g.missing.map((k) => k.id).join(', ')}`)).toEqual([
      'vscode: process, dns, file-signature',
      'anydesk: file-signature',
      'teamviewer: process, network, dns',
    ]);
  });

  test('gap records and CSV', () => {
    const records = listGapRecords(matrix);
    expect(records).toHaveLength(30);
    expect(records[1]).toEqual({
      tool: 'VS Code Tunnels',
      subTechnique: 'T1219.001',
      telemetry: 'Network connection',
      status: 'covered',
      rules: 1,
    });
    expect(
      toCsv([
        ['tool', 'note'],
        ['A, "B"', '=cmd()'],
        ['C', 'line\nbreak'],
      ]),
    ).toBe('tool,note\r\n"A, ""B""",\'=cmd()\r\nC,"line\nbreak"\r\n');
  });
});

describe('ATT&CK heatmap', () => {
  test('sub-technique rules count once for their parent', () => {
    const byTechnique = collectRulesByTechnique(model.rules, attack);
    expect(byTechnique.get('T1219')?.size).toBe(5);
    expect(byTechnique.get('T1219.002')?.size).toBe(3);
    expect(byTechnique.get('T1059')?.size).toBe(1);
    expect(byTechnique.get('T1133')?.size).toBe(1);
  });

  test('columns follow the tactics of the extract and cells carry counts and shades', () => {
    const heatmap = buildAttackHeatmap(model.rules, attack);
    expect(heatmap.map((c) => c.tactic.shortName)).toEqual(attack.tactics.map((t) => t.shortName));
    const c2 = heatmap.find((c) => c.tactic.shortName === 'command-and-control');
    const t1219 = c2?.cells.find((cell) => cell.technique.id === 'T1219');
    expect(t1219?.ruleCount).toBe(5);
    expect(t1219?.level).toBe(3);
    expect(t1219?.subtechniques.map((s) => `${s.technique.id}=${s.ruleCount}`)).toEqual([
      'T1219.001=1',
      'T1219.002=3',
      'T1219.003=0',
    ]);
    expect(heatmap.find((c) => c.tactic.shortName === 'execution')?.coveredCount).toBe(1);
  });

  test.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [3, 2],
    [4, 3],
    [7, 3],
    [8, 4],
    [500, 4],
  ])('%i rules → level %i', (count, level) => {
    expect(toHeatLevel(count)).toBe(level);
  });
});

describe('technique pages', () => {
  test('exist for every technique with rules, parents included', () => {
    const pages = buildTechniquePages(model.rules, model.tools, attack);
    expect(pages.map((p) => `${p.technique.id}:${p.rules.length}`)).toEqual([
      'T1059:1',
      'T1059.001:1',
      'T1059.003:1',
      'T1133:1',
      'T1219:5',
      'T1219.001:1',
      'T1219.002:3',
    ]);
    const t1219 = pages.find((p) => p.technique.id === 'T1219');
    expect(t1219?.ruleTools.map((t) => t.id)).toEqual(['anydesk', 'teamviewer', 'vscode']);
    expect(t1219?.catalogTools.map((t) => t.id)).toEqual(['anydesk', 'pikvm', 'rustdesk', 'teamviewer', 'vscode']);
    expect(pages.find((p) => p.technique.id === 'T1219.002')?.parent?.id).toBe('T1219');
  });
});

describe('exports', () => {
  const layer = buildNavigatorLayer(model.rules, attack, {
    title: 'Test SOC',
    routes: createRoutes('/', 'https://wiki.example'),
  });

  test('the Navigator layer is valid 4.5 and scores rules per technique and claimed tactic', () => {
    expect(navigatorLayerSchema.safeParse(layer).error).toBeUndefined();
    expect(layer.versions.layer).toBe('4.5');
    expect(layer.domain).toBe('enterprise-attack');
    const scores = layer.techniques.map((t) => `${t.techniqueID}/${t.tactic}=${t.score}`);
    expect(scores).toEqual([
      'T1059/execution=1',
      'T1059.001/execution=1',
      'T1059.003/execution=1',
      'T1133/persistence=1',
      'T1219/command-and-control=5',
      'T1219.001/command-and-control=1',
      'T1219.002/command-and-control=3',
    ]);
    const t1219 = layer.techniques.find((t) => t.techniqueID === 'T1219');
    expect(t1219?.links?.[0]).toEqual({
      label: 'RMM - AnyDesk - Network',
      url: 'https://wiki.example/rules/rmm-anydesk-network/',
    });
    expect(t1219?.showSubtechniques).toBe(true);
    expect(layer.gradient.maxValue).toBe(5);
  });

  test('the layer schema rejects what Navigator would', () => {
    expect(navigatorLayerSchema.safeParse({ ...layer, versions: { layer: '4.4' } }).success).toBe(false);
    expect(navigatorLayerSchema.safeParse({ ...layer, techniques: [{ techniqueID: 'T12190' }] }).success).toBe(false);
    expect(navigatorLayerSchema.safeParse({ ...layer, unexpected: true }).success).toBe(false);
  });

  test('the rules export carries what a playbook needs', () => {
    const exported = toRulesExport(model.rules, createRoutes('/', 'https://wiki.example'));
    expect(exported).toHaveLength(6);
    expect(exported.find((r) => r.name === 'RMM - AnyDesk - Network')).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      name: 'RMM - AnyDesk - Network',
      format: 'sentinel',
      url: 'https://wiki.example/rules/rmm-anydesk-network/',
      permalink: 'https://wiki.example/r/00000000-0000-4000-8000-000000000001/',
      tools: [{ id: 'anydesk', name: 'AnyDesk' }],
      tactics: ['command-and-control'],
      techniques: ['T1219.002'],
      tables: ['DeviceNetworkEvents'],
      dataConnectors: ['MicrosoftThreatProtection'],
      hasRunbook: false,
    });
  });
});

describe('no rule about a remote access tool is missing from coverage', () => {
  const corpus = [
    rule('Remote Management and Monitoring tool - Fleetwood Remote - Network Connection', ['DeviceNetworkEvents'], {
      relevantTechniques: 'T1219',
    }),
    rule('Remote Management and Monitoring tool - Fleetwood Remote - Process', ['DeviceProcessEvents']),
    rule('RMM - Barracuda RMM - Network', ['DeviceNetworkEvents'], {
      query: `DeviceNetworkEvents | where RemoteUrl has_any ('rmm.barracudamsp.com', 'relay.anydesk.com')`,
    }),
    rule('Remote access tool seen for the first time', ['DeviceNetworkEvents']),
    rule('Remote Desktop logon from a public IP address', ['SecurityEvent'], { relevantTechniques: ['T1133'] }),
    rule('RMM - AnyDesk - Network', ['DeviceNetworkEvents']),
  ];
  const built = buildSiteModel({
    rules: corpus,
    runbooks: [],
    tools,
    attack,
    config: { sourceRoot: '/', sourceRepositoryUrl: undefined },
  });
  const coverage = buildCoverageMatrix(built.model.tools, attack, built.model.rulesWithoutTool);

  test('a tool known only from rule names gets a row, marked, under T1219', () => {
    const group = coverage.groups.find((g) => g.technique.id === 'T1219');
    expect(
      group?.rows.map((row) => `${row.tool.name}${row.catalogued ? '' : ' (not in the catalog)'}: ${row.ruleCount}`),
    ).toEqual(['Barracuda RMM (not in the catalog): 1', 'Fleetwood Remote (not in the catalog): 2', 'RustDesk: 0']);
    expect(coverage.summary.toolsFromRuleNames).toBe(2);
    expect(coverage.summary.toolsTotal).toBe(7);
  });

  test('its page view says it has no catalog entry', () => {
    const fleetwood = built.model.tools.find((view) => view.tool.name === 'Fleetwood Remote');
    expect(fleetwood).toMatchObject({ catalogued: false, files: [], tool: { id: 'fleetwood-remote-from-rules' } });
    expect(fleetwood?.coverage.filter((cell) => cell.rules.length > 0).map((cell) => cell.telemetry.id)).toEqual([
      'process',
      'network',
    ]);
    expect(built.model.tools.filter((view) => view.catalogued).map((view) => view.tool.id)).toEqual(
      tools.map((source) => source.tool.id).sort(),
    );
  });

  test('the rule naming an uncatalogued tool is tied to it alone, not to the tools of its query literals', () => {
    const barracuda = built.model.rules.find((r) => r.name.includes('Barracuda'));
    expect(barracuda?.tools.map((link) => `${link.name}:${link.reason}:${link.evidence}`)).toEqual([
      'Barracuda RMM:rule name:Barracuda RMM',
    ]);
  });

  test('rules that match no tool are counted; those tagged T1219 are also findings', () => {
    expect(coverage.summary.rulesWithoutTool.map((r) => r.name)).toEqual([
      'Remote access tool seen for the first time',
      'Remote Desktop logon from a public IP address',
    ]);
    expect(built.findings.map((f) => `${f.severity} ${f.code} ${f.file} ${f.field}: ${f.message}`)).toEqual([
      expect.stringMatching(
        /^warning tool-not-in-catalog rules\/\d+\.yaml name: names the tool "Fleetwood Remote", which is not in the tool catalog: /,
      ),
      expect.stringMatching(
        /^warning tool-not-in-catalog rules\/\d+\.yaml name: names the tool "Fleetwood Remote", which is not in the tool catalog: /,
      ),
      expect.stringMatching(
        /^warning tool-not-in-catalog rules\/\d+\.yaml name: names the tool "Barracuda RMM", which is not in the tool catalog: /,
      ),
      expect.stringMatching(
        /^warning no-tool rules\/\d+\.yaml relevantTechniques: names T1219\.002 but matches no tool: /,
      ),
    ]);
  });
});

import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { formatFinding } from '../../../src/checks/findings.ts';
import { validateSigmaRule } from '../../../src/checks/validate-sigma-rule.ts';
import { createYamlLocator } from '../../../src/loaders/yaml-locate.ts';
import { loadYaml } from '../../../src/loaders/yaml-text.ts';

const attack = loadAttackIndex();
const FILE = 'sigma/anydesk.yml';
const ID = '0B9C4D3E-6F1A-4C3B-9D2E-1A2B3C4D5E6F';

const HEAD = `title: AnyDesk Started\nid: ${ID}\n`;
const LOGSOURCE = 'logsource:\n  category: process_creation\n  product: windows\n';
const DETECTION = "detection:\n  selection:\n    Image|endswith: '\\AnyDesk.exe'\n  condition: selection\n";

function check(text: string) {
  const loaded = loadYaml(text, FILE);
  if (!loaded.ok) throw new Error(loaded.finding.message);
  const result = validateSigmaRule(loaded.data, { file: FILE, locate: createYamlLocator(text), attack, text });
  return { ...result, messages: result.findings.map(formatFinding) };
}

describe('validateSigmaRule', () => {
  test('a complete rule: a Sentinel-shaped rule and its facet, no findings', () => {
    const { rule, sigma, messages } = check(
      `${HEAD}status: test\nlevel: high\nauthor: SOC\ndate: 2024/05/01\nmodified: 2024-06-01\nreferences:\n  - https://example.com/a\ntags:\n  - attack.command-and-control\n  - attack.t1219.002\n  - detection.threat-hunting\nrelated:\n  - id: 5E4D3C2B-1A0F-4E9D-8C7B-6A5F4E3D2C1B\n    type: derived\n${LOGSOURCE}${DETECTION}falsepositives:\n  - Unknown\nfields:\n  - CommandLine\n`,
    );
    expect(messages).toEqual([]);
    expect(rule).toMatchObject({
      id: ID.toLowerCase(),
      name: 'AnyDesk Started',
      tactics: ['command-and-control'],
      relevantTechniques: ['T1219.002'],
      severity: 'High',
      requiredDataConnectors: [],
    });
    expect(rule?.query).toContain('DeviceProcessEvents');
    expect(sigma).toMatchObject({
      kind: 'rule',
      status: 'test',
      date: '2024/05/01',
      labels: ['detection.threat-hunting'],
      related: [{ id: '5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b', type: 'derived' }],
      falsePositives: [],
      fields: ['CommandLine'],
      logsource: { category: 'process_creation', product: 'windows' },
      conversion: { ok: true },
    });
    expect(sigma?.summary?.condition).toEqual(['selection']);
  });

  test.each([
    {
      name: 'no title: named by its file',
      text: `id: ${ID}\n${LOGSOURCE}${DETECTION}`,
      expected: [`${FILE} title: is required by the Sigma specification: the file name is shown instead`],
    },
    {
      name: 'no logsource',
      text: `${HEAD}${DETECTION}`,
      expected: [
        `${FILE} logsource: is required by the Sigma specification: no telemetry is known`,
        `${FILE}:3:1 detection: no KQL conversion: a logsource without a category`,
      ],
    },
    {
      name: 'no detection: shown as Sigma only',
      text: `${HEAD}${LOGSOURCE}`,
      expected: [
        `${FILE} detection: is required by the Sigma specification: shown as Sigma only`,
        `${FILE} detection: no KQL conversion: the rule has no detection`,
      ],
    },
    {
      name: 'a detection without condition',
      text: `${HEAD}${LOGSOURCE}detection:\n  selection:\n    Image: a.exe\n`,
      expected: [
        `${FILE}:6:1 detection.condition: is required by the Sigma specification: shown as Sigma only`,
        `${FILE}:6:1 detection: no KQL conversion: the detection has no condition`,
      ],
    },
  ])('$name is a warning, and the rule is published', ({ text, expected }) => {
    const { rule, messages } = check(text);
    expect(rule).toBeDefined();
    expect(messages).toEqual(expected.map((line) => expect.stringContaining(line)));
    expect(check(text).findings.every((finding) => finding.severity === 'warning')).toBe(true);
  });

  test('an id that is not a UUID is published with the warning Sentinel ids get', () => {
    const { rule, findings } = check(`title: A\nid: anydesk-1\n${LOGSOURCE}${DETECTION}`);
    expect(rule?.id).toBe('anydesk-1');
    expect(findings).toEqual([expect.objectContaining({ code: 'id-not-guid', line: 2, field: 'id' })]);
  });

  test('a rule without id gets one from its file name, with a warning', () => {
    const { rule, findings } = check(`title: A\n${LOGSOURCE}${DETECTION}`);
    expect(rule?.id).toBe('sigma-anydesk');
    expect(findings).toEqual([expect.objectContaining({ code: 'sigma-id-missing', field: 'id' })]);
  });

  test('a field of the wrong shape is named and left out; a date that does not exist is a warning', () => {
    const { rule, sigma, findings } = check(`${HEAD}related: nope\ndate: 2024/02/30\n${LOGSOURCE}${DETECTION}`);
    expect(rule).toBeDefined();
    expect(sigma?.related).toEqual([]);
    expect(findings.map((finding) => [finding.code, finding.field, finding.line])).toEqual([
      ['sigma-field-shape', 'related', 3],
      ['invalid-date', 'date', 4],
    ]);
  });

  test('correlation rules and filters are shown as Sigma only', () => {
    const correlation = check(
      `${HEAD}correlation:\n  type: event_count\n  rules:\n    - anydesk\n  timespan: 1h\n  condition:\n    gte: 5\n`,
    );
    expect(correlation.sigma).toMatchObject({ kind: 'correlation', conversion: { ok: false } });
    expect(correlation.rule?.query).toBe('');
    expect(correlation.findings).toEqual([
      expect.objectContaining({ code: 'sigma-not-converted', field: 'correlation', line: 3 }),
    ]);
    const filter = check(
      `${HEAD}${LOGSOURCE}filter:\n  rules:\n    - anydesk\n  selection:\n    User: admin\n  condition: not selection\n`,
    );
    expect(filter.sigma).toMatchObject({
      kind: 'filter',
      conversion: { ok: false, reason: 'filters are shown as Sigma only' },
    });
  });

  test('a file that is not a mapping is an error', () => {
    expect(check('- a\n- b\n').findings).toEqual([expect.objectContaining({ severity: 'error' })]);
  });
});

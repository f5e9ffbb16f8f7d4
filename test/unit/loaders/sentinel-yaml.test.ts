import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { formatFinding } from '../../../src/checks/findings.ts';
import { validateRule } from '../../../src/checks/validate-rule.ts';
import { parseSentinelYaml, repairDataTypesIndent } from '../../../src/loaders/sentinel-yaml.ts';

const attack = loadAttackIndex();
const FILE = 'content/rules/x.yaml';
const ID = '58cbbe97-f835-4677-9bee-203b1df29600';

/** Parses and validates like the build does; returns the rule and formatted findings. */
function load(text: string) {
  const parsed = parseSentinelYaml(text, FILE);
  if (parsed.data === undefined && parsed.findings.length > 0)
    return { rule: undefined, messages: parsed.findings.map(formatFinding) };
  const checked = validateRule(parsed.data, { file: FILE, locate: parsed.locate, attack });
  return { rule: checked.rule, messages: [...parsed.findings, ...checked.findings].map(formatFinding) };
}

const base = (extra = '') => `id: ${ID}\nname: PDQ - Network\nquery: |\n  DeviceNetworkEvents\n  | take 1\n${extra}`;

describe('tolerated as found in the wild', () => {
  test.each([
    { name: 'CRLF line endings', text: base('tactics: CommandAndControl\n').replace(/\n/g, '\r\n') },
    { name: 'a UTF-8 byte-order mark', text: `\uFEFF${base()}` },
    { name: 'BOM and CRLF together', text: `\uFEFF${base()}`.replace(/\n/g, '\r\n') },
    { name: 'tactics as one string', text: base('tactics: CommandAndControl\n') },
    { name: 'tactics as a list', text: base('tactics:\n  - CommandAndControl\n  - Persistence\n') },
    { name: 'ATT&CK short tactic names', text: base('tactics:\n  - command-and-control\n') },
    { name: 'techniques as one string', text: base('relevantTechniques: T1219\n') },
    {
      name: 'techniques as a list with a sub-technique',
      text: base('relevantTechniques:\n  - T1219\n  - T1219.002\n'),
    },
    { name: 'an uppercase GUID', text: base().replace(ID, ID.toUpperCase()) },
    {
      name: 'unknown analytics fields',
      text: base(
        'severity: High\nqueryFrequency: 1h\nkind: Scheduled\nversion: 1.0.0\nentityMappings:\n  - entityType: Host\n',
      ),
    },
  ])('$name', ({ text }) => {
    const { rule, messages } = load(text);
    expect(messages).toEqual([]);
    expect(rule?.id).toBe(ID);
    expect(rule?.query).toBe('DeviceNetworkEvents\n| take 1\n');
  });

  test('CRLF does not leak into the query text', () => {
    const { rule } = load(base().replace(/\n/g, '\r\n'));
    expect(rule?.query).not.toContain('\r');
  });

  test('non-ASCII text survives unchanged', () => {
    const { rule } = load(`${base()}description: Fernwartung über AnyDesk – Größe, Ærø, 日本\n`);
    expect(rule?.description).toBe('Fernwartung über AnyDesk – Größe, Ærø, 日本');
  });

  test('lists normalise and keep order', () => {
    const { rule } = load(base('tactics: CommandAndControl\nrelevantTechniques:\n  - T1219.002\n  - T1219\n'));
    expect(rule?.tactics).toEqual(['CommandAndControl']);
    expect(rule?.relevantTechniques).toEqual(['T1219.002', 'T1219']);
  });

  test('unknown fields are kept', () => {
    const { rule } = load(base('severity: High\ncustomThing:\n  nested: 1\n'));
    expect(rule?.severity).toBe('High');
    expect(rule?.customThing).toEqual({ nested: 1 });
  });
});

describe('the dataTypes indentation defect', () => {
  const defective = `${base()}requiredDataConnectors:\n  - connectorId: MicrosoftThreatProtection\n  dataTypes:\n    - DeviceNetworkEvents\n  - connectorId: AzureSentinel\n  dataTypes:\n  - SecurityEvent\ntactics: CommandAndControl\n`;

  test('is repaired with a warning naming the file and line', () => {
    const { rule, messages } = load(defective);
    expect(rule?.requiredDataConnectors).toEqual([
      { connectorId: 'MicrosoftThreatProtection', dataTypes: ['DeviceNetworkEvents'] },
      { connectorId: 'AzureSentinel', dataTypes: ['SecurityEvent'] },
    ]);
    expect(rule?.tactics).toEqual(['CommandAndControl']);
    expect(messages).toEqual([
      'content/rules/x.yaml:8 requiredDataConnectors.dataTypes: repaired a known indentation defect: "dataTypes:" was indented to the column of "- connectorId:"; indent it two more spaces to silence this warning',
      'content/rules/x.yaml:11 requiredDataConnectors.dataTypes: repaired a known indentation defect: "dataTypes:" was indented to the column of "- connectorId:"; indent it two more spaces to silence this warning',
    ]);
  });

  test('is repaired in CRLF files too', () => {
    expect(load(defective.replace(/\n/g, '\r\n')).rule?.requiredDataConnectors).toHaveLength(2);
  });

  test('repair leaves well-indented files alone', () => {
    const good = 'requiredDataConnectors:\n  - connectorId: A\n    dataTypes:\n      - B\n';
    expect(repairDataTypesIndent(good)).toEqual({ text: good, repairedLines: [] });
  });

  test('other YAML errors are not "repaired"', () => {
    const { messages } = load(`${base()}requiredDataConnectors:\n  - connectorId: A\n   bad: [\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^content\/rules\/x\.yaml:\d+:\d+ invalid YAML: /);
  });
});

describe('errors name file, line, column and field', () => {
  test.each([
    {
      name: 'missing id',
      text: 'name: N\nquery: T\n',
      expected: ['content/rules/x.yaml id: is required (expected string)'],
    },
    {
      name: 'missing name',
      text: `id: ${ID}\nquery: T\n`,
      expected: ['content/rules/x.yaml name: is required (expected string)'],
    },
    {
      name: 'missing query',
      text: `id: ${ID}\nname: N\n`,
      expected: ['content/rules/x.yaml query: is required (expected string)'],
    },
    {
      name: 'empty query',
      text: `id: ${ID}\nname: N\nquery: "  "\n`,
      expected: ['content/rules/x.yaml:3:1 query: must not be empty (got "  ")'],
    },
    {
      name: 'id not a GUID',
      text: 'id: pdq-network\nname: N\nquery: T\n',
      expected: [
        'content/rules/x.yaml:1:1 id: is not a GUID (expected 8-4-4-4-12 hexadecimal digits) (got "pdq-network")',
      ],
    },
    {
      name: 'malformed technique id in a list',
      text: `${base()}relevantTechniques:\n  - T1219\n  - T12190\n`,
      expected: [
        'content/rules/x.yaml:8:5 relevantTechniques: "T12190" is not an ATT&CK technique id (expected T#### or T####.###)',
      ],
    },
    {
      name: 'technique not in the extract',
      text: `${base()}relevantTechniques: T9999\n`,
      expected: [
        'content/rules/x.yaml:6:21 relevantTechniques: "T9999" is not a technique in the pinned ATT&CK extract (content/attack/enterprise-attack.json)',
      ],
    },
    {
      name: 'unknown tactic',
      text: `${base()}tactics:\n  - CommandAndControl\n  - Hacking\n`,
      expected: [
        'content/rules/x.yaml:8:5 tactics: "Hacking" is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control)',
      ],
    },
    {
      name: 'YAML syntax error',
      text: `id: ${ID}\nname: [unclosed\nquery: T\n`,
      expected: ['content/rules/x.yaml:3:1 invalid YAML: missed comma between flow collection entries'],
    },
    {
      name: 'not a mapping',
      text: '- just\n- a list\n',
      expected: ['content/rules/x.yaml must be a YAML mapping (a Sentinel rule), got a list'],
    },
    {
      name: 'empty file',
      text: '',
      expected: ['content/rules/x.yaml must be a YAML mapping (a Sentinel rule), got an empty file'],
    },
  ])('$name', ({ text, expected }) => {
    const { rule, messages } = load(text);
    expect(rule).toBeUndefined();
    expect(messages).toEqual(expected);
  });

  test('a technique outside the listed tactics is a warning, not an error', () => {
    const { rule, messages } = load(`${base()}tactics: Persistence\nrelevantTechniques: T1219\n`);
    expect(rule).toBeDefined();
    expect(messages).toEqual([
      'content/rules/x.yaml:7:21 relevantTechniques: T1219 belongs to command-and-control, none of which is listed in tactics',
    ]);
  });
});

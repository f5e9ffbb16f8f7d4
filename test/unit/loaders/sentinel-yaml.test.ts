import { describe, expect, test } from 'vitest';
import { createQueryPositionMapper } from '../../../src/kql/query-position.ts';
import { parseSentinelYaml, repairDataTypesIndent } from '../../../src/loaders/sentinel-yaml.ts';
import { ruleText as base, RULE_ID as ID, loadRuleText as load } from '../../support/load-rule.ts';

describe('tolerated as found in the wild', () => {
  test.each([
    { name: 'CRLF line endings', text: base('tactics: CommandAndControl\n').replace(/\n/g, '\r\n') },
    { name: 'a UTF-8 byte-order mark', text: `\uFEFF${base()}` },
    { name: 'BOM and CRLF together', text: `\uFEFF${base()}`.replace(/\n/g, '\r\n') },
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

  test('other YAML errors are not "repaired": the key is read key by key and left out', () => {
    const { rule, messages } = load(`${base()}requiredDataConnectors:\n  - connectorId: A\n   bad: [\n`);
    expect(messages).toEqual([
      'content/rules/x.yaml:8:4 requiredDataConnectors: not valid YAML (bad indentation of a sequence entry at 8:4); read one top-level key at a time, "requiredDataConnectors" (lines 6–8) could not be read and is left out',
    ]);
    expect(rule?.requiredDataConnectors).toEqual([]);
  });
});

describe('slips of public repositories, repaired with a warning at their line', () => {
  const query = 'DeviceNetworkEvents\n| take 1\n';
  test.each([
    {
      name: 'a query block at column 0',
      text: `id: ${ID}\nname: N\nquery: |\nDeviceNetworkEvents\n| take 1\nkind: Scheduled\n`,
      messages: [
        'content/rules/x.yaml:3 query: repaired: the "query: |" block (line 3) is not indented; lines 4–5, up to the next top-level key "kind:" (line 6), were read as the query; indent them to silence this warning',
      ],
      fields: { query, kind: 'Scheduled' },
    },
    {
      name: 'entityMappings indented into the end of the query block',
      text: `${base()}  entityMappings:\n    - entityType: Host\nkind: Scheduled\n`,
      messages: [
        'content/rules/x.yaml:6 entityMappings: repaired: "entityMappings:" (line 6) was indented into the query block; lines 6–7 were taken out of the query and read as the top-level "entityMappings"; unindent them to silence this warning',
      ],
      fields: { query, entityMappings: [{ entityType: 'Host' }] },
    },
    {
      name: 'a name starting with [',
      text: base().replace('name: PDQ - Network', 'name: [Deprecated] PDQ - Network'),
      messages: [
        'content/rules/x.yaml:2 name: repaired: the value starts with "[" and is read as text: "[Deprecated] PDQ - Network"; quote it to silence this warning',
      ],
      fields: { query, name: '[Deprecated] PDQ - Network' },
    },
    {
      name: 'two slips in one file, each reported',
      text: `id: ${ID}\nname: [Old] N\nquery: |\nDeviceNetworkEvents\n| take 1\n`,
      messages: [
        'content/rules/x.yaml:3 query: repaired: the "query: |" block (line 3) is not indented; lines 4–5, up to the end of the file, were read as the query; indent them to silence this warning',
        'content/rules/x.yaml:2 name: repaired: the value starts with "[" and is read as text: "[Old] N"; quote it to silence this warning',
      ],
      fields: { query, name: '[Old] N' },
    },
    {
      name: 'a dataTypes entry indented by one space, read key by key; later fields keep their lines',
      text: `${base()}requiredDataConnectors:\n  - connectorId: A\n    dataTypes:\n      - T1\n     - T2\ntactics:\n  - NoSuchTactic\n`,
      messages: [
        'content/rules/x.yaml:10:6 requiredDataConnectors: not valid YAML (bad indentation of a mapping entry at 10:6); read one top-level key at a time, "requiredDataConnectors" (lines 6–10) could not be read and is left out',
        'content/rules/x.yaml:12:5 tactics: "NoSuchTactic" is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control): shown as a category, not counted as a tactic',
      ],
      fields: undefined,
    },
  ])('$name', ({ text, messages, fields }) => {
    const loaded = load(text);
    expect(loaded.messages).toEqual(messages);
    if (fields) expect(loaded.rule).toMatchObject(fields);
  });
});

test('query findings of a repaired file point at the file as written', () => {
  const text = `id: ${ID}\nname: N\nquery: |\nDeviceNetworkEvents\n| where (\nkind: Scheduled\n`;
  const parsed = parseSentinelYaml(text, 'x.yaml');
  expect(parsed.text).toBe(text);
  expect(createQueryPositionMapper(parsed.text)(2, 9)).toEqual({ line: 5, column: 9 });
});

describe('errors name file, line, column and field', () => {
  test.each([
    {
      name: 'YAML syntax error',
      text: `id: ${ID}\nname: [unclosed\nquery: T\n`,
      expected: ['content/rules/x.yaml:3:1 invalid YAML: missed comma between flow collection entries'],
    },
    {
      name: 'YAML syntax error in the query, which a rule cannot do without',
      text: `id: ${ID}\nname: N\nquery: [unclosed\nkind: K\n`,
      expected: ['content/rules/x.yaml:4:1 invalid YAML: missed comma between flow collection entries'],
    },
    {
      name: 'not laid out as top-level keys',
      text: 'DeviceNetworkEvents\n| extend Note = strcat("a: ", b)\n',
      expected: ['content/rules/x.yaml:2:26 invalid YAML: end of the stream or a document separator is expected'],
    },
  ])('$name', ({ text, expected }) => {
    const { rule, messages } = load(text);
    expect(rule).toBeUndefined();
    expect(messages).toEqual(expected);
  });
});

import { describe, expect, test } from 'vitest';
import { repairDataTypesIndent } from '../../../src/loaders/sentinel-yaml.ts';
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

  test('other YAML errors are not "repaired"', () => {
    const { messages } = load(`${base()}requiredDataConnectors:\n  - connectorId: A\n   bad: [\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^content\/rules\/x\.yaml:\d+:\d+ invalid YAML: /);
  });
});

describe('errors name file, line, column and field', () => {
  test.each([
    {
      name: 'YAML syntax error',
      text: `id: ${ID}\nname: [unclosed\nquery: T\n`,
      expected: ['content/rules/x.yaml:3:1 invalid YAML: missed comma between flow collection entries'],
    },
  ])('$name', ({ text, expected }) => {
    const { rule, messages } = load(text);
    expect(rule).toBeUndefined();
    expect(messages).toEqual(expected);
  });
});

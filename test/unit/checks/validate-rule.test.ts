import { describe, expect, test } from 'vitest';
import { ruleText as base, RULE_ID as ID, loadRuleText as load } from '../../support/load-rule.ts';

describe('tolerated as found in the wild', () => {
  test.each([
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
      name: 'empty id',
      text: 'id: ""\nname: N\nquery: T\n',
      expected: ['content/rules/x.yaml:1:1 id: must not be empty (got "")'],
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

describe('published with a warning', () => {
  test.each([
    {
      name: 'id not a GUID',
      text: 'id: pdq-network\nname: N\nquery: T\n',
      id: 'pdq-network',
      messages: [
        'content/rules/x.yaml:1:1 id: is not a GUID (expected 8-4-4-4-12 hexadecimal digits) (got "pdq-network"); published, with the permanent link /r/pdq-network/',
      ],
    },
    {
      name: 'a GUID with one digit too many',
      text: base().replace(ID, `${ID}0`),
      id: `${ID}0`,
      messages: [
        `content/rules/x.yaml:1:1 id: is not a GUID (expected 8-4-4-4-12 hexadecimal digits) (got "${ID}0", 37 characters where a GUID has 36); published, with the permanent link /r/${ID}0/`,
      ],
    },
    {
      name: 'an id that cannot be a folder name',
      text: 'id: "PDQ network/1"\nname: N\nquery: T\n',
      id: 'pdq network/1',
      messages: [
        'content/rules/x.yaml:1:1 id: is not a GUID (expected 8-4-4-4-12 hexadecimal digits) (got "pdq network/1"); published without a permanent link: the id cannot be a folder name',
      ],
    },
  ])('$name', ({ text, id, messages }) => {
    const loaded = load(text);
    expect(loaded.rule?.id).toBe(id);
    expect(loaded.messages).toEqual(messages);
  });

  test.each([
    {
      name: 'a connector without connectorId keeps its tables; one with nothing is left out',
      connectors:
        '  - dataTypes:\n      - DeviceNetworkEvents\n  - connectorId: B\n    dataTypes: [DeviceInfo]\n  - dataTypes: []\n',
      expected: [{ dataTypes: ['DeviceNetworkEvents'] }, { connectorId: 'B', dataTypes: ['DeviceInfo'] }],
      messages: [
        'content/rules/x.yaml:7:5 requiredDataConnectors.0: item 1 has no connectorId: its dataTypes (DeviceNetworkEvents) are kept, listed without a connector',
        'content/rules/x.yaml:11:5 requiredDataConnectors.2: item 3 has no connectorId and no dataTypes: left out',
      ],
    },
    {
      name: 'a list as connectorId is one connector each',
      connectors: '  - connectorId:\n      - A\n      - B\n    dataTypes:\n      - DeviceNetworkEvents\n',
      expected: [
        { connectorId: 'A', dataTypes: ['DeviceNetworkEvents'] },
        { connectorId: 'B', dataTypes: ['DeviceNetworkEvents'] },
      ],
      messages: [
        "content/rules/x.yaml:7:5 requiredDataConnectors.0: item 1 has a list as connectorId: read as 2 connectors, A and B, each with the item's dataTypes",
      ],
    },
    {
      name: 'a null connectorId is like none',
      connectors: '  - connectorId:\n    dataTypes: T\n',
      expected: [{ dataTypes: ['T'] }],
      messages: [
        'content/rules/x.yaml:7:5 requiredDataConnectors.0: item 1 has no connectorId: its dataTypes (T) are kept, listed without a connector',
      ],
    },
  ])('$name', ({ connectors, expected, messages }) => {
    const loaded = load(base(`requiredDataConnectors:\n${connectors}`));
    expect(loaded.rule?.requiredDataConnectors).toEqual(expected);
    expect(loaded.messages).toEqual(messages);
  });

  test('a connector item that is no mapping is still an error', () => {
    const loaded = load(base('requiredDataConnectors:\n  - A\n'));
    expect(loaded.rule).toBeUndefined();
    expect(loaded.messages).toEqual(['content/rules/x.yaml:7:5 requiredDataConnectors.0: expected object, got "A"']);
  });
});

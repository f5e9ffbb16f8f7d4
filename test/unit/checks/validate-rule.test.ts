import { describe, expect, test } from 'vitest';
import { ruleText as base, RULE_ID as ID, loadRuleText as load } from '../../support/load-rule.ts';

describe('tolerated as found in the wild', () => {
  test.each([
    { name: 'tactics as one string', text: base('tactics: CommandAndControl\n') },
    { name: 'tactics as a list', text: base('tactics:\n  - CommandAndControl\n  - Persistence\n') },
    { name: 'ATT&CK short tactic names', text: base('tactics:\n  - command-and-control\n') },
    { name: 'ATT&CK display names', text: base('tactics:\n  - Command and Control\n  - Credential Access\n') },
    {
      name: 'tactic names in other case, spaces and dashes',
      text: base(
        'tactics:\n  - Lateral movement\n  - Initial access\n  - privilege escalation\n  - Command-And-Control\n',
      ),
    },
    { name: 'a spelled-out tactic as one string', text: base('tactics: Command and Control\n') },
    {
      name: 'ICS tactics and techniques',
      text: base(
        'tactics:\n  - ImpairProcessControl\n  - InhibitResponseFunction\nrelevantTechniques:\n  - T0814\n  - T0857\n',
      ),
    },
    { name: 'a Mobile technique', text: base('tactics: CommandAndControl\nrelevantTechniques: T1663\n') },
    {
      name: "Sentinel's PreAttack",
      text: base('tactics:\n  - PreAttack\n  - Reconnaissance\nrelevantTechniques: T1595.002\n'),
    },
    { name: 'flow lists', text: base('tactics: [CommandAndControl]\nrelevantTechniques: [T1219, T1219.002]\n') },
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

describe('findings name file, line, column and field', () => {
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

  test.each([
    {
      name: 'malformed technique id in a list',
      text: `${base()}relevantTechniques:\n  - T1219\n  - T12190\n`,
      expected: [
        'content/rules/x.yaml:8:5 relevantTechniques: "T12190" is not an ATT&CK technique id (expected T#### or T####.###): not counted',
      ],
    },
    {
      name: 'technique not in the extracts',
      text: `${base()}relevantTechniques: T9999\n`,
      expected: [
        'content/rules/x.yaml:6:21 relevantTechniques: "T9999" is not a technique in the pinned ATT&CK extracts (content/attack/: Enterprise, ICS, Mobile): not counted',
      ],
    },
    {
      name: 'unknown tactic',
      text: `${base()}tactics:\n  - CommandAndControl\n  - Hacking\n`,
      expected: [
        'content/rules/x.yaml:8:5 tactics: "Hacking" is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control): shown as a category, not counted as a tactic',
      ],
    },
    {
      name: 'Defender XDR hunting categories',
      text: `${base()}tactics:\n  - Impact\n  - Ransomware\n  - Malware, component\nrelevantTechniques: T1490\n`,
      expected: [
        'content/rules/x.yaml:8:5 tactics: "Ransomware" is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control): shown as a category, not counted as a tactic',
        'content/rules/x.yaml:9:5 tactics: "Malware, component" is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control): shown as a category, not counted as a tactic',
      ],
    },
    {
      name: 'a revoked technique',
      text: `${base()}tactics: CommandAndControl\nrelevantTechniques:\n  - T1483\n`,
      expected: [
        'content/rules/x.yaml:8:5 relevantTechniques: T1483 (Domain Generation Algorithms) is revoked in ATT&CK, now T1568.002 (Domain Generation Algorithms): counted as T1568.002',
      ],
    },
    {
      name: 'a revoked technique whose replacement is outside the listed tactics',
      text: `${base()}tactics: CommandAndControl\nrelevantTechniques: T1086\n`,
      expected: [
        'content/rules/x.yaml:7:21 relevantTechniques: T1086 (PowerShell) is revoked in ATT&CK, now T1059.001 (PowerShell): counted as T1059.001',
        'content/rules/x.yaml:7:21 relevantTechniques: T1059.001 belongs to execution, none of which is listed in tactics',
      ],
    },
    {
      name: 'a deprecated ICS technique with no replacement',
      text: `${base()}relevantTechniques: T0808\n`,
      expected: [
        'content/rules/x.yaml:6:21 relevantTechniques: T0808 (Control Device Identification) is deprecated in ATT&CK for ICS, with no replacement: not counted',
      ],
    },
    {
      name: 'a tactic id among techniques',
      text: `${base()}tactics: CredentialAccess\nrelevantTechniques:\n  - T1555\n  - TA0006\n`,
      expected: [
        'content/rules/x.yaml:9:5 relevantTechniques: "TA0006" is a tactic id (Credential Access), not a technique id: not counted as a technique',
      ],
    },
    {
      name: 'a technique id in lower case',
      text: `${base()}tactics: InitialAccess\nrelevantTechniques:\n  - t1078\n`,
      expected: ['content/rules/x.yaml:8:5 relevantTechniques: "t1078" read as T1078'],
    },
    {
      name: 'a technique id with spaces',
      text: `${base()}tactics: [InitialAccess]\nrelevantTechniques: [T1133, ' T1078 ']\n`,
      // A flow list's items are placed at the line of their key.
      expected: ['content/rules/x.yaml:7:1 relevantTechniques: " T1078 " read as T1078'],
    },
    {
      name: 'a list inside the list',
      text: `${base()}tactics:\n  - [Persistence, CommandAndControl]\n`,
      expected: [
        'content/rules/x.yaml:7:5 tactics: item 1 is a list inside the list: read as Persistence, CommandAndControl',
      ],
    },
    {
      name: 'a mapping among the techniques',
      text: `${base()}relevantTechniques:\n  - T1219\n  - id: T1133\n`,
      expected: ['content/rules/x.yaml:8:5 relevantTechniques: item 2 is a mapping, not a string: left out'],
    },
    {
      name: 'a mapping as tactics',
      text: `${base()}tactics:\n  name: CommandAndControl\n`,
      expected: ['content/rules/x.yaml:6:1 tactics: is a mapping, not a string or a list of strings: left out'],
    },
  ])('$name: a warning, and the rule is published', ({ text, expected }) => {
    const { rule, messages } = load(text);
    expect(rule).toBeDefined();
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

import { describe, expect, test } from 'vitest';
import { toSentinelTacticName } from '../../../src/attack/attack.ts';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';

const attack = loadAttackIndex();

describe('tactic lookup', () => {
  test.each([
    { name: 'CommandAndControl', id: 'TA0011' },
    { name: 'command-and-control', id: 'TA0011' },
    { name: 'commandandcontrol', id: 'TA0011' },
    { name: ' Persistence ', id: 'TA0003' },
    { name: 'InitialAccess', id: 'TA0001' },
    { name: 'privilege-escalation', id: 'TA0004' },
    { name: 'ResourceDevelopment', id: 'TA0042' },
  ])('$name → $id', ({ name, id }) => {
    expect(attack.findTactic(name)?.id).toBe(id);
  });

  test.each(['C2', 'Command And Control', 'command_and_control', ''])('%j is not a tactic', (name) => {
    expect(attack.findTactic(name)).toBeUndefined();
  });

  test('tactics come in matrix order from the extract', () => {
    const names = attack.tactics.map((tactic) => tactic.shortName);
    expect(names[0]).toBe('reconnaissance');
    expect(names.at(-1)).toBe('impact');
    expect(names.indexOf('execution')).toBeLessThan(names.indexOf('persistence'));
    expect(attack.tactics.length).toBe(14);
  });

  test.each([
    { shortName: 'command-and-control', expected: 'CommandAndControl' },
    { shortName: 'defense-evasion', expected: 'DefenseEvasion' },
    { shortName: 'impact', expected: 'Impact' },
  ])('Sentinel spelling of $shortName', ({ shortName, expected }) => {
    expect(toSentinelTacticName(shortName)).toBe(expected);
  });
});

describe('technique lookup', () => {
  test.each([
    { id: 'T1219', name: 'Remote Access Tools', parent: undefined, url: 'https://attack.mitre.org/techniques/T1219' },
    {
      id: 'T1219.002',
      name: 'Remote Desktop Software',
      parent: 'T1219',
      url: 'https://attack.mitre.org/techniques/T1219/002',
    },
    { id: 't1219.001', name: 'IDE Tunneling', parent: 'T1219', url: 'https://attack.mitre.org/techniques/T1219/001' },
    {
      id: 'T1133',
      name: 'External Remote Services',
      parent: undefined,
      url: 'https://attack.mitre.org/techniques/T1133',
    },
  ])('$id is $name', ({ id, name, parent, url }) => {
    const technique = attack.findTechnique(id);
    expect(technique?.name).toBe(name);
    expect(technique?.parentId).toBe(parent);
    expect(technique?.url).toBe(url);
  });

  test('a parent lists its sub-techniques in order', () => {
    expect(attack.findTechnique('T1219')?.subtechniqueIds).toEqual(['T1219.001', 'T1219.002', 'T1219.003']);
  });

  test.each(['T9999', 'T1219.999', 'T12190', ''])('%j is not in the extract', (id) => {
    expect(attack.findTechnique(id)).toBeUndefined();
  });

  test('T1219 belongs to command and control', () => {
    expect(attack.findTechnique('T1219')?.tactics).toEqual(['command-and-control']);
  });

  test('data components resolve by id', () => {
    expect(attack.findDataComponent('DC0082')?.name).toBe('Network Connection Creation');
  });
});

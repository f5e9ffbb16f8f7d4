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
    // Case, spaces and dashes do not tell tactics apart: ATT&CK display names and slips read too.
    { name: 'Command And Control', id: 'TA0011' },
    { name: 'Command and control', id: 'TA0011' },
    { name: 'Lateral movement', id: 'TA0008' },
    { name: 'Initial access', id: 'TA0001' },
    { name: 'Credential Access', id: 'TA0006' },
    { name: 'Privilege Escalation', id: 'TA0004' },
    { name: 'command and-control', id: 'TA0011' },
    { name: 'DEFENSE-EVASION', id: 'TA0005' },
    // ICS tactics that Enterprise does not have, in Sentinel's spelling and ATT&CK's.
    { name: 'ImpairProcessControl', id: 'TA0106' },
    { name: 'InhibitResponseFunction', id: 'TA0107' },
    { name: 'inhibit-response-function', id: 'TA0107' },
    { name: 'Evasion', id: 'TA0103' },
  ])('$name → $id', ({ name, id }) => {
    expect(attack.findTactic(name)?.id).toBe(id);
  });

  test.each([
    { name: 'Execution', prefer: undefined, id: 'TA0002', domain: 'enterprise-attack' },
    { name: 'Execution', prefer: ['ics-attack'] as const, id: 'TA0104', domain: 'ics-attack' },
    { name: 'CommandAndControl', prefer: ['mobile-attack'] as const, id: 'TA0037', domain: 'mobile-attack' },
    { name: 'ImpairProcessControl', prefer: ['mobile-attack'] as const, id: 'TA0106', domain: 'ics-attack' },
  ])('$name in $prefer → $id', ({ name, prefer, id, domain }) => {
    const tactic = attack.findTactic(name, prefer);
    expect(tactic?.id).toBe(id);
    expect(tactic?.domain).toBe(domain);
  });

  test.each(['C2', 'command_and_control', 'PreAttack', 'Ransomware', '', ' '])('%j is not a tactic', (name) => {
    expect(attack.findTactic(name)).toBeUndefined();
  });

  test('tactics come in matrix order from the extract', () => {
    const names = attack.tactics.map((tactic) => tactic.shortName);
    expect(names[0]).toBe('reconnaissance');
    expect(names.at(-1)).toBe('impact');
    expect(names.indexOf('execution')).toBeLessThan(names.indexOf('persistence'));
    expect(attack.tactics.length).toBe(14);
    expect(attack.tacticsOf('ics-attack').map((tactic) => tactic.shortName)).toContain('impair-process-control');
    expect(attack.tacticsOf('mobile-attack')).toHaveLength(12);
  });

  test.each([
    { id: 'TA0006', name: 'Credential Access' },
    { id: 'ta0011', name: 'Command and Control' },
    { id: 'TA0106', name: 'Impair Process Control' },
  ])('tactic id $id is $name', ({ id, name }) => {
    expect(attack.findTacticById(id)?.name).toBe(name);
  });

  test('every domain with an extract is loaded', () => {
    expect(attack.domains).toEqual(['enterprise-attack', 'ics-attack', 'mobile-attack']);
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

  test.each([
    { id: 'T1219', domain: 'enterprise-attack', url: 'https://attack.mitre.org/techniques/T1219' },
    { id: 'T0814', domain: 'ics-attack', url: 'https://attack.mitre.org/techniques/T0814' },
    { id: 'T0857', domain: 'ics-attack', url: 'https://attack.mitre.org/techniques/T0857' },
    { id: 'T1663', domain: 'mobile-attack', url: 'https://attack.mitre.org/techniques/T1663' },
  ])('$id is in $domain', ({ id, domain, url }) => {
    expect(attack.findTechnique(id)?.domain).toBe(domain);
    expect(attack.findTechnique(id)?.url).toBe(url);
  });

  test.each([
    { id: 'T1483', status: 'revoked', replacedBy: ['T1568.002'], domain: 'enterprise-attack' },
    { id: 'T1086', status: 'revoked', replacedBy: ['T1059.001'], domain: 'enterprise-attack' },
    { id: 't1086', status: 'revoked', replacedBy: ['T1059.001'], domain: 'enterprise-attack' },
    { id: 'T0808', status: 'deprecated', replacedBy: [], domain: 'ics-attack' },
    { id: 'T1400', status: 'revoked', replacedBy: ['T1625.001'], domain: 'mobile-attack' },
  ])('$id is $status, replaced by $replacedBy', ({ id, status, replacedBy, domain }) => {
    expect(attack.findTechnique(id)).toBeUndefined();
    expect(attack.findRetiredTechnique(id)).toMatchObject({ status, replacedBy, domain });
  });

  test('T1219 belongs to command and control', () => {
    expect(attack.findTechnique('T1219')?.tactics).toEqual(['command-and-control']);
  });

  test('data components resolve by id', () => {
    expect(attack.findDataComponent('DC0082')?.name).toBe('Network Connection Creation');
  });
});

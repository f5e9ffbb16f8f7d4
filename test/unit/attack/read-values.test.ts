import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { countTechniques, readTactics, readTacticValue, readTechniqueValue } from '../../../src/attack/read-values.ts';

const attack = loadAttackIndex();

/** A value read as a short string, so each table row states its outcome in one word and an id. */
function describeTactic(value: string, prefer?: Parameters<typeof readTacticValue>[2]): string {
  const read = readTacticValue(value, attack, prefer);
  if (read.kind === 'tactic') return `tactic ${read.tactic.id}`;
  if (read.kind === 'sentinel-only') return `sentinel-only ${read.name}`;
  return `category ${read.label}`;
}

describe('readTacticValue', () => {
  test.each([
    { value: 'CommandAndControl', expected: 'tactic TA0011' },
    { value: 'command-and-control', expected: 'tactic TA0011' },
    { value: 'Command and control', expected: 'tactic TA0011' },
    { value: 'Lateral movement', expected: 'tactic TA0008' },
    { value: 'Initial access', expected: 'tactic TA0001' },
    { value: 'Credential Access', expected: 'tactic TA0006' },
    { value: 'Privilege Escalation', expected: 'tactic TA0004' },
    { value: ' Persistence ', expected: 'tactic TA0003' },
    { value: 'ImpairProcessControl', expected: 'tactic TA0106' },
    { value: 'InhibitResponseFunction', expected: 'tactic TA0107' },
    { value: 'PreAttack', expected: 'sentinel-only PreAttack' },
    { value: 'preattack', expected: 'sentinel-only preattack' },
    { value: 'Ransomware', expected: 'category Ransomware' },
    { value: 'Vulnerability', expected: 'category Vulnerability' },
    { value: 'Malware, component', expected: 'category Malware, component' },
  ])('$value → $expected', ({ value, expected }) => {
    expect(describeTactic(value)).toBe(expected);
  });

  test.each([
    { value: 'Execution', prefer: ['ics-attack'] as const, expected: 'tactic TA0104' },
    { value: 'Execution', prefer: ['mobile-attack'] as const, expected: 'tactic TA0041' },
    { value: 'Execution', prefer: [] as const, expected: 'tactic TA0002' },
  ])('$value with $prefer first → $expected', ({ value, prefer, expected }) => {
    expect(describeTactic(value, prefer)).toBe(expected);
  });
});

function describeTechnique(value: string): string {
  const read = readTechniqueValue(value, attack);
  switch (read.kind) {
    case 'technique':
      return `technique ${read.id}${read.respelled ? ' respelled' : ''} (${read.technique.domain})`;
    case 'retired':
      return `${read.retired.status} ${read.id} → ${read.replacements.map((t) => t.id).join(', ') || 'nothing'}`;
    case 'tactic-id':
      return `tactic-id ${read.id} ${read.tactic?.name ?? '?'}`;
    case 'unknown':
      return `unknown ${read.id}`;
    case 'malformed':
      return 'malformed';
  }
}

describe('readTechniqueValue', () => {
  test.each([
    { value: 'T1078', expected: 'technique T1078 (enterprise-attack)' },
    { value: 't1078', expected: 'technique T1078 respelled (enterprise-attack)' },
    { value: ' T1078 ', expected: 'technique T1078 respelled (enterprise-attack)' },
    { value: 't1219.002', expected: 'technique T1219.002 respelled (enterprise-attack)' },
    { value: 'T0814', expected: 'technique T0814 (ics-attack)' },
    { value: 'T0857', expected: 'technique T0857 (ics-attack)' },
    { value: 'T1663', expected: 'technique T1663 (mobile-attack)' },
    { value: 'T1483', expected: 'revoked T1483 → T1568.002' },
    { value: 'T1086', expected: 'revoked T1086 → T1059.001' },
    { value: 'T0808', expected: 'deprecated T0808 → nothing' },
    { value: 'TA0006', expected: 'tactic-id TA0006 Credential Access' },
    { value: 'ta0011', expected: 'tactic-id TA0011 Command and Control' },
    { value: 'TA9999', expected: 'tactic-id TA9999 ?' },
    { value: 'T9999', expected: 'unknown T9999' },
    { value: 'T12190', expected: 'malformed' },
    { value: 'Remote Access', expected: 'malformed' },
    { value: '', expected: 'malformed' },
  ])('$value → $expected', ({ value, expected }) => {
    expect(describeTechnique(value)).toBe(expected);
  });
});

describe('countTechniques', () => {
  test.each([
    { values: ['T1219', 'T1219.002'], ids: ['T1219', 'T1219.002'], retired: [] },
    { values: ['T1483', 'T1219'], ids: ['T1568.002', 'T1219'], retired: ['T1483'] },
    { values: ['T1086', 'T1059.001'], ids: ['T1059.001'], retired: ['T1086'] },
    { values: ['T1555', 'TA0006', 't1078'], ids: ['T1555', 'T1078'], retired: [] },
    { values: ['T1133', ' T1078 ', 'T1078'], ids: ['T1133', 'T1078'], retired: [] },
    { values: ['T0808', 'T9999', 'T12190'], ids: [], retired: ['T0808'] },
    { values: ['T0814', 'T1663'], ids: ['T0814', 'T1663'], retired: [] },
  ])('$values → $ids', ({ values, ids, retired }) => {
    const counted = countTechniques(values, attack);
    expect(counted.ids).toEqual(ids);
    expect(counted.retired.map((entry) => entry.retired.id)).toEqual(retired);
  });
});

describe('readTactics', () => {
  const techniques = (ids: string[]) => ids.flatMap((id) => attack.findTechnique(id) ?? []);

  test.each([
    {
      name: 'spellings, deduplicated, in matrix order',
      values: ['Command and control', 'Initial access', 'CommandAndControl'],
      techniqueIds: [],
      expected: { tactics: ['TA0001', 'TA0011'], sentinelOnly: [], categories: [] },
    },
    {
      name: 'Defender XDR categories kept apart',
      values: ['Execution', 'Impact', 'Ransomware', 'Vulnerability', 'Malware, component'],
      techniqueIds: ['T1490'],
      expected: {
        tactics: ['TA0002', 'TA0040'],
        sentinelOnly: [],
        categories: ['Ransomware', 'Vulnerability', 'Malware, component'],
      },
    },
    {
      name: 'ICS tactics, looked up in the domain of the techniques',
      values: ['ImpairProcessControl', 'InhibitResponseFunction', 'Persistence'],
      techniqueIds: ['T0814', 'T0857'],
      expected: { tactics: ['TA0110', 'TA0107', 'TA0106'], sentinelOnly: [], categories: [] },
    },
    {
      name: 'PreAttack as written',
      values: ['PreAttack', 'Reconnaissance'],
      techniqueIds: ['T1595.002'],
      expected: { tactics: ['TA0043'], sentinelOnly: ['PreAttack'], categories: [] },
    },
  ])('$name', ({ values, techniqueIds, expected }) => {
    const read = readTactics(values, techniques(techniqueIds), attack);
    expect({ ...read, tactics: read.tactics.map((tactic) => tactic.id) }).toEqual(expected);
  });
});

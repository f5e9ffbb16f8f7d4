import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { readSigmaTags, toFalsePositives } from '../../../src/checks/sigma-tags.ts';

const attack = loadAttackIndex();
const context = { file: 'sigma/a.yml', locate: (path: readonly PropertyKey[]) => ({ line: 10 + Number(path[1]) }) };

describe('readSigmaTags', () => {
  test.each([
    { tags: ['attack.t1219.002'], expected: { techniques: ['T1219.002'], tactics: [], labels: [] } },
    { tags: ['attack.T1219'], expected: { techniques: ['T1219'], tactics: [], labels: [] } },
    {
      tags: ['attack.command-and-control'],
      expected: { techniques: [], tactics: ['command-and-control'], labels: [] },
    },
    {
      tags: ['attack.command_and_control'],
      expected: { techniques: [], tactics: ['command-and-control'], labels: [] },
    },
    { tags: ['attack.Lateral_Movement'], expected: { techniques: [], tactics: ['lateral-movement'], labels: [] } },
    {
      tags: ['detection.threat-hunting', 'cve.2024-1234', 'attack.g0032', 'attack.s0029'],
      expected: {
        techniques: [],
        tactics: [],
        labels: ['detection.threat-hunting', 'cve.2024-1234', 'attack.g0032', 'attack.s0029'],
      },
    },
  ])('$tags', ({ tags, expected }) => {
    const read = readSigmaTags(tags, attack, context);
    expect(read.tags).toEqual(expected);
    expect(read.findings).toEqual([]);
  });

  test('an unknown technique is warned about at its tag and not dropped from the list', () => {
    const read = readSigmaTags(['attack.t1219.002', 'attack.t9999'], attack, context);
    expect(read.findings).toEqual([
      expect.objectContaining({ severity: 'warning', line: 11, field: 'tags', code: 'technique-unknown' }),
    ]);
    expect(read.findings[0]?.message).toContain('"attack.t9999"');
  });

  test('a retired technique gets the warning Sentinel rules get', () => {
    const read = readSigmaTags(['attack.t1483'], attack, context);
    expect(read.findings[0]).toMatchObject({ code: 'technique-retired', line: 10 });
    expect(read.findings[0]?.message).toMatch(/now T1568\.002/);
  });

  test('an attack tag that is no tactic is a label, with a warning', () => {
    const read = readSigmaTags(['attack.remote-things'], attack, context);
    expect(read.tags.labels).toEqual(['attack.remote-things']);
    expect(read.findings[0]).toMatchObject({ code: 'tactic-not-attack', field: 'tags' });
  });
});

describe('toFalsePositives', () => {
  test.each([
    { values: ['Unknown'], expected: [] },
    { values: ['none'], expected: [] },
    { values: [], expected: [] },
    { values: ['Admins using AnyDesk'], expected: ['Admins using AnyDesk'] },
    { values: ['Legitimate use', 'Unknown'], expected: ['Legitimate use', 'Unknown'] },
  ])('$values', ({ values, expected }) => {
    expect(toFalsePositives(values)).toEqual(expected);
  });
});

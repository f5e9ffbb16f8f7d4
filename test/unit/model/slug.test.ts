import { describe, expect, test } from 'vitest';
import { assignRuleSlugs, toSlug } from '../../../src/model/slug.ts';

describe('toSlug', () => {
  test.each([
    {
      input: 'Remote Management and Monitoring tool - PDQ - Network Connection',
      expected: 'remote-management-and-monitoring-tool-pdq-network-connection',
    },
    { input: 'Fernwartung über AnyDesk – Prozessstart', expected: 'fernwartung-uber-anydesk-prozessstart' },
    { input: 'Straße & Größe', expected: 'strasse-grosse' },
    { input: '  <script>alert(1)</script>  ', expected: 'script-alert-1-script' },
    { input: 'T1219.002 / RMM', expected: 't1219-002-rmm' },
    { input: '日本語', expected: '' },
    { input: 'a'.repeat(200), expected: 'a'.repeat(100) },
    { input: `${'word '.repeat(30)}end`, expected: `${'word-'.repeat(19)}word` },
  ])('$input → $expected', ({ input, expected }) => {
    expect(toSlug(input)).toBe(expected);
  });
});

describe('assignRuleSlugs', () => {
  const a = { id: '58cbbe97-f835-4677-9bee-203b1df29600', name: 'Same Name' };
  const b = { id: '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900', name: 'same name!' };
  const c = { id: '0b0c5e8e-1111-4a2b-9c3d-222233334444', name: 'Other' };

  test('unique names keep the plain slug', () => {
    const { slugByKey, sharedSlugs } = assignRuleSlugs([a, c]);
    expect(slugByKey.get(a.id)).toBe('same-name');
    expect(slugByKey.get(c.id)).toBe('other');
    expect(sharedSlugs.size).toBe(0);
  });

  test('colliding names each get an id suffix and share a listing slug', () => {
    const { slugByKey, sharedSlugs } = assignRuleSlugs([b, a, c]);
    expect(slugByKey.get(a.id)).toBe('same-name-58cbbe97');
    expect(slugByKey.get(b.id)).toBe('same-name-9d6ce6ba');
    expect(sharedSlugs.get('same-name')).toEqual([a.id, b.id]);
  });

  test('slugs do not depend on input order', () => {
    const forward = assignRuleSlugs([a, b, c]).slugByKey;
    const backward = assignRuleSlugs([c, b, a]).slugByKey;
    expect([...forward].sort()).toEqual([...backward].sort());
  });

  test('a name without letters or digits still gets a unique slug', () => {
    const { slugByKey } = assignRuleSlugs([{ id: c.id, name: '日本語' }]);
    expect(slugByKey.get(c.id)).toBe('rule-0b0c5e8e');
  });

  test('two files with one id get distinct slugs, whether or not their names collide', () => {
    const first = { ...a, key: a.id };
    const second = { ...a, key: `${a.id}-1c2d3e4f` };
    const { slugByKey, sharedSlugs } = assignRuleSlugs([second, first]);
    expect(slugByKey.get(first.key)).toBe('same-name-58cbbe97');
    expect(slugByKey.get(second.key)).toBe('same-name-58cbbe97-1c2d3e4f');
    expect(sharedSlugs.get('same-name')).toEqual([first.key, second.key]);
    const renamed = assignRuleSlugs([first, { ...second, name: 'Same Name in Solutions' }]).slugByKey;
    expect([...renamed.values()]).toEqual(['same-name', 'same-name-in-solutions']);
  });
});

import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { readToolFile } from '../../../src/loaders/read-tools.ts';
import { parseRunbook } from '../../../src/loaders/runbook-markdown.ts';
import { parseSentinelYaml } from '../../../src/loaders/sentinel-yaml.ts';
import { readYamlByKey } from '../../../src/loaders/yaml-by-key.ts';
import {
  createAliasListener,
  createYamlBudget,
  MAX_YAML_ALIASES,
  MAX_YAML_EXPANSION,
  measureExpandedSize,
} from '../../../src/loaders/yaml-limits.ts';
import { loadYaml } from '../../../src/loaders/yaml-text.ts';

/** Nine lists of nine aliases of the list before: 9^9 "lol"s from 72 aliases in a few hundred bytes. */
function billionLaughs(): string {
  const names = 'abcdefghi';
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level < names.length; level++) {
    const name = names[level] as string;
    lines.push(
      `${name}: &${name} [${Array(9)
        .fill(`*${names[level - 1]}`)
        .join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A mapping with `count` aliases of one short list, one a line after the anchor's line. */
function manyAliases(count: number): string {
  return `base: &base [x]\n${Array.from({ length: count }, (_, index) => `k${index}: *base`).join('\n')}\n`;
}

describe('measureExpandedSize', () => {
  const shared = ['xxxxxxxxxx'];
  const cycle: unknown[] = [];
  cycle.push(cycle);
  test.each([
    { name: 'a string is its length', value: 'abc', size: 3 },
    { name: 'numbers, booleans and null count one each', value: [1, true, null], size: 3 },
    { name: 'keys count', value: { ab: 'cd' }, size: 4 },
    { name: 'a shared list counts once per reference', value: { b: [shared, shared, shared] }, size: 31 },
    { name: 'a value that contains itself is endless', value: cycle, size: Number.POSITIVE_INFINITY },
  ])('$name', ({ value, size }) => {
    expect(measureExpandedSize(value)).toBe(size);
  });

  test('measures the billion laughs without expanding them', () => {
    expect(measureExpandedSize(yaml.load(billionLaughs()))).toBeGreaterThan(9 ** 9 * 3);
  });
});

describe('createAliasListener', () => {
  test.each([
    {
      name: 'aliases in block, flow and merge positions',
      text: 'a: &a [x]\nb: *a\nc: [*a, *a]\nm: &m {k: v}\nd: {<<: *m}\n',
      aliases: 4,
    },
    {
      name: 'a star in a comment or a quoted string is no alias',
      text: 'a: "*b" # *c\nb: \'*d\'\nc: x*y\n',
      aliases: 0,
    },
    { name: 'an alias after a comment line', text: 'a: &a 1\nb:\n  # note\n  *a\n', aliases: 1 },
  ])('$name', ({ text, aliases }) => {
    const budget = createYamlBudget();
    yaml.load(text, { listener: createAliasListener(text, budget) });
    expect(budget.aliases).toBe(aliases);
  });
});

describe('loadYaml within the limits', () => {
  test(`${MAX_YAML_ALIASES} aliases load`, () => {
    expect(loadYaml(manyAliases(MAX_YAML_ALIASES), 'rules/a.yaml').ok).toBe(true);
  });

  test('the alias past the limit is an error at its own line and column', () => {
    const loaded = loadYaml(manyAliases(MAX_YAML_ALIASES + 1), 'rules/a.yaml', 1);
    expect(loaded).toEqual({
      ok: false,
      finding: {
        severity: 'error',
        file: 'rules/a.yaml',
        // The 101st alias is on the file's line 102; the offset moves it one more.
        line: 103,
        column: 7,
        code: 'yaml-alias-limit',
        message: `too many YAML aliases: this is alias 101, past the limit of 100 a file may use (each alias repeats its anchor's text, and aliases of aliases can grow a small file into gigabytes)`,
      },
    });
  });

  test('the billion laughs is an expansion error at the document start, with the sizes', () => {
    const text = `# a comment\n\n${billionLaughs()}`;
    const loaded = loadYaml(text, 'tools/lol.yaml');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.finding).toMatchObject({
      severity: 'error',
      file: 'tools/lol.yaml',
      line: 1,
      code: 'yaml-expansion-limit',
    });
    expect(loaded.finding.message).toMatchInlineSnapshot(
      `"YAML aliases expand this document to 1,307,544,156 characters: more than its own 409 plus the 4,194,304 that aliases may add (every alias is written out in full on pages and exports)"`,
    );
  });

  test('a large file without aliases is within the limits: they bound what aliases add', () => {
    const text = `query: "${'x'.repeat(MAX_YAML_EXPANSION + 10)}"\n`;
    expect(loadYaml(text, 'rules/big.yaml').ok).toBe(true);
  });

  test('aliases that add just under the limit load', () => {
    const text = `a: &a "${'x'.repeat(MAX_YAML_EXPANSION / 4 - 1)}"\nb: [*a, *a, *a, *a]\n`;
    expect(loadYaml(text, 'rules/a.yaml').ok).toBe(true);
  });
});

describe('every YAML reader stops at the limits', () => {
  test('read one key at a time, the keys share one budget', () => {
    const half = Math.ceil((MAX_YAML_ALIASES + 1) / 2);
    const key = (name: string) =>
      `${name}:\n  base: &base [x]\n${Array.from({ length: half }, (_, index) => `  k${index}: *base`).join('\n')}\n`;
    const read = readYamlByKey(`${key('one')}${key('two')}`, 'rules/a.yaml');
    // 51 aliases in the first key (lines 3–53); the 50th of the second key's, on line 105, is the 101st.
    expect(read?.limit).toMatchObject({ code: 'yaml-alias-limit', line: 105 });
  });

  test('a rule past the limits is an error even when it also needs a repair', () => {
    // The unclosed `[` makes the file invalid as a whole, so it is read again, key by key.
    const text = `id: x\nname: [N\nquery: Q\ndescription:\n${billionLaughs().replace(/^/gm, '  ')}`;
    const parsed = parseSentinelYaml(text, 'rules/a.yaml');
    expect(parsed.data).toBeUndefined();
    expect(parsed.findings).toMatchObject([{ severity: 'error', code: 'yaml-expansion-limit', line: 4 }]);
  });

  test('runbook front matter: the line is the file line', () => {
    const parsed = parseRunbook(`---\n${manyAliases(MAX_YAML_ALIASES + 1)}---\nBody\n`, 'runbooks/a.md');
    expect(parsed.findings).toMatchObject([{ severity: 'error', code: 'yaml-alias-limit', line: 103 }]);
  });

  test('a tool file', () => {
    const read = readToolFile(
      `id: lol\nname: Lol\n${billionLaughs().replace(/^a:/, 'processNames:')}`,
      'tools/lol.yaml',
    );
    expect(read.tool).toBeUndefined();
    expect(read.findings).toMatchObject([{ severity: 'error', code: 'yaml-expansion-limit', file: 'tools/lol.yaml' }]);
  });
});

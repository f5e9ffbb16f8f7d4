import { describe, expect, test } from 'vitest';
import { type BuildOptions, buildSite } from '../support/build-site.ts';

/**
 * Strict mode is what a detection repository runs on pull requests: the bundled content and
 * the fixture sites without deliberate problems build clean in it; a fixture that carries a
 * warning on purpose fails on exactly that warning.
 */
const STRICT = { HUNTBOOK_STRICT: '1' };

const CLEAN: { name: string; site: Omit<BuildOptions, 'name'> }[] = [
  { name: 'bundled content', site: { rules: 'content/rules', runbooks: 'content/runbooks', tools: 'content/tools' } },
  {
    name: 'hostile fixture',
    site: {
      rules: 'test/fixtures/hostile/rules',
      runbooks: 'test/fixtures/hostile/runbooks',
      tools: 'test/fixtures/hostile/tools',
    },
  },
];

describe.concurrent('strict mode', () => {
  test.each(CLEAN)('the $name builds clean', async ({ name, site }) => {
    const build = await buildSite({ name: `strict-${name.replace(/\W+/g, '-')}`, ...site, env: STRICT });
    expect(build.code, build.output).toBe(0);
    expect(build.output).toMatch(/Published \d+ rules? from \d+ files?: no warnings/);
  });

  test('fails the valid fixture on its one deliberate warning, and says strict mode did it', async () => {
    const build = await buildSite({
      name: 'strict-valid',
      rules: 'test/fixtures/valid/rules',
      runbooks: 'test/fixtures/valid/runbooks',
      tools: 'test/fixtures/valid/tools',
      config: 'test/fixtures/valid/huntbook.config.yaml',
      env: STRICT,
    });
    expect(build.code).not.toBe(0);
    const lines = build.output.split('\n').map((line) => line.trim());
    expect(lines).toContain('Huntbook found 1 content error:');
    expect(
      lines.some((line) => line.startsWith('test/fixtures/valid/rules/nested/rustdesk.yml:6 requiredDataConnectors')),
    ).toBe(true);
    expect(build.output).toContain(
      'Nothing published: 4 rules of 4 rule files could be read, 1 warning in 1 file, and strict mode fails on warnings',
    );
    expect(build.output).toContain('Strict mode is on');
  });
});

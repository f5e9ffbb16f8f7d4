import { describe, expect, test } from 'vitest';
import { type BuildOptions, buildSite } from '../support/build-site.ts';

/**
 * Strict mode is what a detection repository runs on pull requests: the bundled content and
 * every valid fixture site build clean in it. The corpus of problems fails in it
 * (messy-sentinel.test.ts).
 */
const STRICT = { HUNTBOOK_STRICT: '1' };

const CLEAN: { name: string; site: Omit<BuildOptions, 'name'> }[] = [
  {
    name: 'bundled content',
    site: { rules: 'example/rules', sigma: 'example/sigma', runbooks: 'example/runbooks', tools: 'content/tools' },
  },
  {
    name: 'valid fixture',
    site: {
      rules: 'test/fixtures/valid/rules',
      runbooks: 'test/fixtures/valid/runbooks',
      tools: 'test/fixtures/valid/tools',
      config: 'test/fixtures/valid/huntbook.config.yaml',
    },
  },
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
});

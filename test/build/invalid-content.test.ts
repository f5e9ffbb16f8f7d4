import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildSite, PROJECT_ROOT } from '../support/build-site.ts';

/**
 * The bad-input corpus: each folder under test/fixtures/invalid holds content that must fail
 * the build, and expected.txt holds the exact error lines the build must print. A folder with a
 * huntbook.config.yaml is built with it: `strict: true` there holds content whose warnings only
 * strict mode turns into errors.
 */
const INVALID_DIR = join(PROJECT_ROOT, 'test/fixtures/invalid');
const cases = readdirSync(INVALID_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.concurrent('invalid content fails the build with the exact error', () => {
  test.each(cases)('%s', async (name) => {
    const dir = join(INVALID_DIR, name);
    const sub = (kind: string) => (existsSync(join(dir, kind)) ? join(dir, kind) : undefined);
    const result = await buildSite({
      name: `invalid-${name}`,
      rules: join(dir, 'rules'),
      runbooks: sub('runbooks'),
      tools: sub('tools'),
      config: existsSync(join(dir, 'huntbook.config.yaml')) ? join(dir, 'huntbook.config.yaml') : undefined,
    });
    const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').trim().split('\n');

    expect(result.code, result.output).not.toBe(0);
    expect(result.output).not.toContain('Complete!');
    const errorLines = result.output.split('\n').map((line) => line.trim());
    for (const line of expected) expect(errorLines, result.output).toContain(line);
    expect(result.output).toMatch(new RegExp(`Huntbook found ${expected.length} content errors?:`));
    // The problem is in the content: the log shows the findings and what to do, not Huntbook's code.
    expect(result.output).not.toContain('Stack trace');
    expect(result.output).toContain('To publish anyway, fix the files listed above');
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { toCheckSarif } from '../../src/cli/check-output.ts';
import { loadSiteConfig } from '../../src/loaders/site-config.ts';
import { readBuildReport } from '../../src/site/build-report-fs.ts';
import { type ContentCheck, checkContent } from '../../src/site/check-content.ts';
import { type BuildResult, buildFixture, PROJECT_ROOT } from '../support/build-site.ts';
import { MESSY_FIXTURE } from '../support/messy-corpus.ts';

/**
 * `huntbook check` must report exactly what a build reports: built once, the messy corpus's
 * build log report (build-report.json) and /api/problems.sarif are compared with a check of the
 * same content, cold (its own cache) and warm (the build's cache, which it must not disturb).
 */
const env = {
  HUNTBOOK_CONFIG: join(PROJECT_ROOT, MESSY_FIXTURE, 'huntbook.config.yaml'),
  HUNTBOOK_RULES: join(PROJECT_ROOT, MESSY_FIXTURE, 'rules'),
  HUNTBOOK_RUNBOOKS: join(PROJECT_ROOT, MESSY_FIXTURE, 'runbooks'),
  HUNTBOOK_TOOLS: join(PROJECT_ROOT, MESSY_FIXTURE, 'tools'),
  HUNTBOOK_BUNDLED_TOOLS: '0',
};

let built: BuildResult;
let cacheDir: string;
let cold: ContentCheck;
let warm: ContentCheck;
let cacheBefore: Map<string, number>;

/** Every file of the build cache with its modification time. */
function listCache(dir: string): Map<string, number> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    entries.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [path, statSync(path).mtimeMs];
    }),
  );
}

beforeAll(async () => {
  built = await buildFixture(MESSY_FIXTURE, 'check-messy');
  expect(built.code, built.output).toBe(0);
  cacheDir = `${built.outDir}-cache`;
  cold = await checkContent(loadSiteConfig({ ...env, HUNTBOOK_CACHE_DIR: `${built.outDir}-check-cache` }));
  cacheBefore = listCache(cacheDir);
  warm = await checkContent(loadSiteConfig({ ...env, HUNTBOOK_CACHE_DIR: cacheDir }));
});

describe.each([
  { name: 'a check with its own cache', check: () => cold },
  { name: 'a check with the build cache', check: () => warm },
])('$name', ({ check }) => {
  test('lists the findings and folder counts of the build log, line for line', () => {
    const report = readBuildReport(cacheDir);
    expect(report?.lines.length).toBeGreaterThan(20);
    expect(check().report).toEqual(report);
  });

  test('writes the SARIF log the build publishes', () => {
    const published = JSON.parse(readFileSync(join(built.outDir, 'api/problems.sarif'), 'utf8'));
    const sarif = toCheckSarif({
      findings: check().loggedFindings,
      folders: [],
      tally: check().tally,
      strict: false,
      failed: check().failed,
      toPublishedPath: check().toPublishedPath,
    });
    expect(sarif).toEqual(published);
  });
});

test('a check after a build changes nothing in the build cache', () => {
  expect(listCache(cacheDir)).toEqual(cacheBefore);
});

test('in strict mode, a check lists the findings a failing build lists, with its closing line', async () => {
  const failed = await buildFixture(MESSY_FIXTURE, 'check-messy-strict', { env: { HUNTBOOK_STRICT: '1' } });
  expect(failed.code).not.toBe(0);
  const strict = await checkContent(
    loadSiteConfig({ ...env, HUNTBOOK_STRICT: '1', HUNTBOOK_CACHE_DIR: `${built.outDir}-check-cache` }),
  );
  expect(strict.failed).toBe(true);
  const logLines = failed.output.split('\n').map((line) => line.trim());
  const [, errors] = /Huntbook found (\d+) content errors:/.exec(failed.output) ?? [];
  expect(Number(errors)).toBe(strict.findings.length);
  for (const line of [...strict.report.lines, strict.report.summary]) expect(logLines, failed.output).toContain(line);
});

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite, PROJECT_ROOT } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

/**
 * A repository checkout in a temporary folder (its settings file names sourceRoot `.` and a
 * sourceRepositoryUrl), and rules kept outside it, in `mysoc/RMM`, as the user had
 * them. Nothing the site publishes may name the build machine's folders.
 */
const scratch = mkdtempSync(join(tmpdir(), 'huntbook-paths-'));
const repo = join(scratch, 'repo');
const outsideRules = join(scratch, 'mysoc', 'RMM');
const REPOSITORY_URL = 'https://git.example.org/soc/detections/blob/main';

/** Text files as written, and the search index's compressed fragments unpacked. */
function readPublishedFiles(outDir: string): { path: string; text: string }[] {
  const files = readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return files.map((entry) => {
    const path = join(entry.parentPath, entry.name);
    const bytes = readFileSync(path);
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    return { path: relative(outDir, path), text: (gzipped ? gunzipSync(bytes) : bytes).toString('utf8') };
  });
}

function findPageShowing(outDir: string, text: string): string | undefined {
  return readPublishedFiles(outDir).find((file) => file.path.startsWith('rules/') && file.text.includes(text))?.path;
}

const build = (config: string, keepOutput = false) =>
  buildSite({
    name: 'published-paths',
    rules: [join(repo, 'rules'), outsideRules],
    runbooks: join(repo, 'runbooks'),
    tools: join(repo, 'tools'),
    config,
    keepOutput,
  });

let first: BuildResult;
beforeAll(async () => {
  cpSync(join(PROJECT_ROOT, 'test/fixtures/valid'), repo, { recursive: true });
  mkdirSync(outsideRules, { recursive: true });
  // A second file with the pdq rule's id, under another name: the duplicate-id warning names the other file in its message.
  const pdq = readFileSync(join(repo, 'rules/pdq.yaml'), 'utf8');
  writeFileSync(join(outsideRules, 'pdq-copy.yaml'), pdq.replace(/^name: .*$/m, 'name: PDQ Connect copy'));
  first = await build(join(repo, 'huntbook.config.yaml'));
  expect(first.code, first.output).toBe(0);
}, 240_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('paths on a built site', () => {
  test('no published file names the build machine’s folders', () => {
    const files = readPublishedFiles(first.outDir);
    expect(files.some((file) => extname(file.path) === '.sarif')).toBe(true);
    expect(files.some((file) => file.path.startsWith('pagefind/'))).toBe(true);
    const leaks = files.filter((file) => file.text.includes(scratch) || file.text.includes(PROJECT_ROOT));
    expect(leaks.map((file) => file.path)).toEqual([]);
  });

  test('a rule inside sourceRoot shows its path from there, with a link into the repository', () => {
    const page = findPageShowing(first.outDir, '>rules/pdq.yaml<');
    expect(page).toBeDefined();
    const $ = readPage(first.outDir, (page as string).replace(/\/index\.html$/, ''));
    expect($('a:contains("View source")').attr('href')).toBe(`${REPOSITORY_URL}/rules/pdq.yaml`);
  });

  test('a rule from outside sourceRoot shows its path from its content folder, with no link', () => {
    const page = findPageShowing(first.outDir, '>RMM/pdq-copy.yaml<');
    expect(page).toBeDefined();
    const $ = readPage(first.outDir, (page as string).replace(/\/index\.html$/, ''));
    expect($('a:contains("View source")').length).toBe(0);
  });

  test('exports name files the same way', () => {
    const sarif = readFileSync(join(first.outDir, 'api/problems.sarif'), 'utf8');
    expect(sarif).toContain('"uri": "rules/pdq.yaml"');
    const problems = readFileSync(join(first.outDir, 'api/problems.json'), 'utf8');
    expect(problems).toContain('is also the id of RMM/pdq-copy.yaml');
  });

  test('the log warns once that sourceRepositoryUrl links no file outside sourceRoot', () => {
    const warnings = first.output.split('\n').filter((line) => line.includes('sourceRepositoryUrl:'));
    expect(warnings).toEqual([
      expect.stringContaining(
        'huntbook.config.yaml sourceRepositoryUrl: 1 rule file lies outside sourceRoot, so its page has no link into the repository (RMM/pdq-copy.yaml)',
      ),
    ]);
  });
});

test('a rebuild with another sourceRoot shows the new paths, never the last build’s', async () => {
  const parentRoot = join(repo, 'parent-root.config.yaml');
  writeFileSync(
    parentRoot,
    `${readFileSync(join(repo, 'huntbook.config.yaml'), 'utf8').replace('sourceRoot: .', 'sourceRoot: ..')}`,
  );
  const second = await build(parentRoot, true);
  expect(second.code, second.output).toBe(0);
  expect(findPageShowing(second.outDir, '>repo/rules/pdq.yaml<')).toBeDefined();
  expect(findPageShowing(second.outDir, '>mysoc/RMM/pdq-copy.yaml<')).toBeDefined();
  expect(findPageShowing(second.outDir, '>rules/pdq.yaml<')).toBeUndefined();
  expect(second.output).not.toContain('sourceRepositoryUrl:');
}, 240_000);

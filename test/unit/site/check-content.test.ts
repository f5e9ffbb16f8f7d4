import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadSiteConfig } from '../../../src/loaders/site-config.ts';
import { checkContent } from '../../../src/site/check-content.ts';

let root: string;
beforeEach(() => {
  // Inside the project (in its ignored .huntbook/), so paths in findings are relative, as in a repository.
  mkdirSync('.huntbook', { recursive: true });
  root = mkdtempSync(join(process.cwd(), '.huntbook', 'check-test-'));
  cpSync('test/fixtures/valid', join(root, 'site'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const configOf = () =>
  loadSiteConfig({ HUNTBOOK_CONFIG: join(root, 'site/huntbook.config.yaml'), HUNTBOOK_CACHE_DIR: join(root, 'cache') });

function listCache(): Map<string, number> {
  const dir = join(root, 'cache');
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [entry.name, statSync(join(entry.parentPath, entry.name)).mtimeMs]),
  );
}

describe('checkContent', () => {
  test('reads every collection and keeps parses and analyses in the build cache, highlighting nothing', async () => {
    const check = await checkContent(configOf());
    expect(check.model.findings).toEqual([]);
    expect(check.failed).toBe(false);
    expect(check.tally).toEqual({ ruleFiles: 4, rules: 4 });
    expect(check.model.rules.some((rule) => rule.runbook !== undefined)).toBe(true);
    expect(check.model.rules.every((rule) => rule.analysis !== undefined)).toBe(true);
    expect(check.model.tools.length).toBeGreaterThan(0);
    const cached = [...listCache().keys()];
    expect(cached).toEqual(expect.arrayContaining(['rule-parse.json', 'kql-analysis.json']));
    expect(existsSync(join(root, 'cache', 'kql-highlight'))).toBe(false);
  });

  test('a second check of unchanged content writes nothing to the cache', async () => {
    await checkContent(configOf());
    const before = listCache();
    await checkContent(configOf());
    expect(listCache()).toEqual(before);
  });

  test('a second check sees an edit: the cache never answers for changed content', async () => {
    await checkContent(configOf());
    const file = join(root, 'site/rules/pdq.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace("has_any ('app.pdq.com',", "has_any (('app.pdq.com',"));
    const check = await checkContent(configOf());
    // The log names the file from the working directory; pages from sourceRoot (the settings file's folder).
    const logged = relative(process.cwd(), file);
    const syntax = check.loggedFindings.filter((finding) => finding.file === logged && finding.code === 'kql-syntax');
    expect(syntax.length, JSON.stringify(check.loggedFindings, null, 2)).toBeGreaterThan(0);
    const published = check.model.findings.filter((finding) => finding.code === 'kql-syntax');
    expect(published.map((finding) => finding.file)).toEqual(syntax.map(() => 'rules/pdq.yaml'));
  });

  test('strict mode fails on warnings, as the build does', async () => {
    // A rule whose id is not a GUID: published, with a warning.
    cpSync('test/fixtures/warnings/bad-guid/rules/rule.yaml', join(root, 'site/rules/bad-guid.yaml'));
    const lenient = await checkContent(configOf());
    expect(lenient.failed).toBe(false);
    expect(lenient.model.findings.length).toBeGreaterThan(0);
    const strict = await checkContent({ ...configOf(), strict: true });
    expect(strict.failed).toBe(true);
    expect(strict.findings.every((finding) => finding.severity === 'error')).toBe(true);
  });
});

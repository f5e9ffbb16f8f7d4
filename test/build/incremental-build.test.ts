import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite, listBuiltPages as listPages, PROJECT_ROOT } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

const FIXTURE = 'test/fixtures/valid';
const PDQ_SLUG = 'remote-management-and-monitoring-tool-pdq-network-connection';
const RUSTDESK_SLUG = 'remote-management-and-monitoring-tool-rustdesk-network-connection';
const ESCAPING_ID = '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b';
const ESCAPING_SLUG = 'escaping-b-check-b-quotes-ampersands';
let first: BuildResult;
let second: BuildResult;
let third: BuildResult;
/** What the second build's folder held before the third build ran over it. */
let beforeThird: { rules: string[]; permalink: boolean };

beforeAll(async () => {
  // The fixture is copied so one rule can be edited between the builds; both share a fresh cache.
  const work = mkdtempSync(join(PROJECT_ROOT, '.huntbook', 'test-builds', 'incremental-'));
  const content = join(work, 'content');
  const cacheDir = join(work, 'cache');
  cpSync(FIXTURE, content, { recursive: true });
  const build = (name: string, keepOutput = false) =>
    buildSite({
      keepOutput,
      name,
      rules: join(content, 'rules'),
      runbooks: join(content, 'runbooks'),
      tools: join(content, 'tools'),
      config: join(content, 'huntbook.config.yaml'),
      env: { HUNTBOOK_CACHE_DIR: cacheDir },
    });
  first = await build('incremental-first');
  const pdqFile = join(content, 'rules', 'pdq.yaml');
  const pdq = readFileSync(pdqFile, 'utf8');
  writeFileSync(pdqFile, pdq.replace('Finds PDQ agents talking to PDQ cloud hosts.', 'Finds PDQ agents calling home.'));
  second = await build('incremental-second');
  // Then a rule is deleted and the site rebuilt over the second build's output.
  beforeThird = {
    rules: readdirSync(join(second.outDir, 'rules')),
    permalink: existsSync(join(second.outDir, 'r', ESCAPING_ID, 'index.html')),
  };
  rmSync(join(content, 'rules', 'escaping.yaml'));
  rmSync(join(content, 'runbooks', 'escaping.md'));
  third = await build('incremental-second', true);
  expect(first.code, first.output).toBe(0);
  expect(second.code, second.output).toBe(0);
  expect(third.code, third.output).toBe(0);
  rmSync(work, { recursive: true, force: true });
});

describe('incremental build', () => {
  test('a cold build renders every page', () => {
    const { reused, rendered } = listPages(first.output);
    expect(reused).toEqual([]);
    expect(rendered).toContain(`/rules/${PDQ_SLUG}/index.html`);
  });

  test('a rebuild renders the edited rule again and shows the edit', () => {
    const { rendered } = listPages(second.output);
    expect(rendered).toContain(`/rules/${PDQ_SLUG}/index.html`);
    const $ = readPage(second.outDir, `rules/${PDQ_SLUG}`);
    expect($('section:has(#description) p').text()).toContain('Finds PDQ agents calling home.');
  });

  test('a rebuild copies unchanged rule pages from the last build, byte for byte', () => {
    const { reused, rendered } = listPages(second.output);
    expect(reused).toContain(`/rules/${RUSTDESK_SLUG}/index.html`);
    expect(rendered).not.toContain(`/rules/${RUSTDESK_SLUG}/index.html`);
    const page = `rules/${RUSTDESK_SLUG}/index.html`;
    expect(readFileSync(join(second.outDir, page), 'utf8')).toBe(readFileSync(join(first.outDir, page), 'utf8'));
  });

  test('pages that list the edited rule are rendered again: its tool and technique pages', () => {
    const { rendered } = listPages(second.output);
    expect(rendered).toEqual(expect.arrayContaining(['/tools/pdq/index.html', '/techniques/T1219/index.html']));
  });

  test('a rebuild over the last output removes a deleted rule’s page and permalink, and reuses the rest in place', () => {
    expect(beforeThird).toEqual({ rules: expect.arrayContaining([ESCAPING_SLUG]), permalink: true });
    expect(readdirSync(join(third.outDir, 'rules'))).not.toContain(ESCAPING_SLUG);
    expect(existsSync(join(third.outDir, 'r', ESCAPING_ID))).toBe(false);
    expect(third.output).toMatch(/1 of deleted rules removed/);
    expect(listPages(third.output).reused).toContain(`/rules/${RUSTDESK_SLUG}/index.html`);
    expect(existsSync(join(third.outDir, 'rules', RUSTDESK_SLUG, 'index.html'))).toBe(true);
  });
});

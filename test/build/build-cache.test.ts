import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ATTACK_EXTRACT_PATHS } from '../../src/attack/attack-fs.ts';

/** The Enterprise extract: the one every fixture's rules map to. */
const ATTACK_EXTRACT_PATH = ATTACK_EXTRACT_PATHS[0] ?? '';

import { type BuildResult, buildSite, listBuiltPages, PROJECT_ROOT } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';
import { findBundleOf, readBundlePages } from '../support/search-bundles.ts';

/**
 * Each kind of input is edited in turn, and the site rebuilt with the cache kept: exactly the
 * pages that show the edited input are rendered again, they show the edit, and every other
 * cached page is copied from the last build.
 */
const FIXTURE = 'test/fixtures/valid';
const PDQ_SLUG = 'remote-management-and-monitoring-tool-pdq-network-connection';
/** Pages Astro's incremental build may copy from the last build (those with a cacheKey). */
const CACHED_FOLDERS = ['rules', 'tools', 'techniques'];

interface Step {
  kind: string;
  /** Edits the copied content (or the project's ATT&CK extract) before the rebuild. */
  edit: (content: string) => void;
  result?: BuildResult;
}

let work: string;
let cold: BuildResult;
const attackExtract = readFileSync(ATTACK_EXTRACT_PATH);

const replaceIn = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not hold ${from}`);
  writeFileSync(file, text.replace(from, to));
};

const STEPS: Record<string, Step> = {
  ruleYaml: {
    kind: 'rule YAML',
    edit: (content) =>
      replaceIn(
        join(content, 'rules/pdq.yaml'),
        'Finds PDQ agents talking to PDQ cloud hosts.',
        'Finds PDQ agents calling home.',
      ),
  },
  runbookFrontMatter: {
    kind: 'runbook front matter',
    edit: (content) =>
      replaceIn(join(content, 'runbooks/pdq.md'), 'as a command-and-control channel.', 'as a covert remote shell.'),
  },
  runbookBody: {
    kind: 'runbook body',
    edit: (content) =>
      replaceIn(join(content, 'runbooks/pdq.md'), 'with the change calendar.', 'with the maintenance window.'),
  },
  tool: {
    kind: 'tool file',
    edit: (content) => replaceIn(join(content, 'tools/pdq.yaml'), 'name: PDQ\n', 'name: PDQ Connect Suite\n'),
  },
  settings: {
    kind: 'settings',
    edit: (content) =>
      replaceIn(join(content, 'huntbook.config.yaml'), 'title: Fixture SOC', 'title: Fixture SOC Wiki'),
  },
  attack: {
    kind: 'ATT&CK file',
    // Same data, other bytes: other build tests may read the extract meanwhile, and must see the same techniques.
    edit: () => writeFileSync(ATTACK_EXTRACT_PATH, Buffer.concat([attackExtract, Buffer.from('\n')])),
  },
};

/** The built pages a cacheKey covers, as the build log names them. */
function listCachedPages(outDir: string): string[] {
  return CACHED_FOLDERS.flatMap((folder) =>
    readdirSync(join(outDir, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('index.html') && name !== 'index.html')
      .map((name) => `/${folder}/${name.split('\\').join('/')}`),
  ).sort();
}

/** The cached pages whose HTML holds `text`. */
function listHolding(outDir: string, text: string): string[] {
  return listCachedPages(outDir).filter((page) => readFileSync(join(outDir, page), 'utf8').includes(text));
}

/** A page and every cached page that links to it: the pages that show its data. */
function listShowing(outDir: string, path: string): string[] {
  const href = `href="${path}"`;
  return listCachedPages(outDir)
    .filter((page) => page === `${path}index.html` || readFileSync(join(outDir, page), 'utf8').includes(href))
    .sort();
}

function expectRenderedExactly(result: BuildResult | undefined, expected: readonly string[]): void {
  expect(result?.code, result?.output).toBe(0);
  const { rendered, reused } = listBuiltPages(result?.output ?? '');
  const all = listCachedPages(result?.outDir ?? '');
  expect(rendered.filter((page) => all.includes(page)).sort()).toEqual([...expected].sort());
  expect(reused.sort()).toEqual(all.filter((page) => !expected.includes(page)));
}

beforeAll(async () => {
  work = mkdtempSync(join(PROJECT_ROOT, '.huntbook', 'test-builds', 'build-cache-'));
  const content = join(work, 'content');
  cpSync(FIXTURE, content, { recursive: true });
  const build = () =>
    buildSite({
      keepOutput: true,
      name: 'build-cache',
      rules: join(content, 'rules'),
      runbooks: join(content, 'runbooks'),
      tools: join(content, 'tools'),
      config: join(content, 'huntbook.config.yaml'),
      env: { HUNTBOOK_CACHE_DIR: join(work, 'cache') },
    });
  cold = await build();
  expect(cold.code, cold.output).toBe(0);
  try {
    for (const step of Object.values(STEPS)) {
      step.edit(content);
      step.result = await build();
      // Each rebuild's log is checked against the output it left, so keep a copy of each page in question.
      step.result = { ...step.result, outDir: cpOut(step.result.outDir, step.kind) };
    }
  } finally {
    writeFileSync(ATTACK_EXTRACT_PATH, attackExtract);
  }
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the output as this rebuild left it, before the next one runs over it. */
function cpOut(outDir: string, kind: string): string {
  const copy = join(work, `out-${kind.replace(/\W+/g, '-')}`);
  cpSync(outDir, copy, { recursive: true });
  return copy;
}

describe('the build cache serves nothing stale', () => {
  test('a cold build renders every cached page', () => {
    expect(listBuiltPages(cold.output).reused).toEqual([]);
  });

  test('rule YAML: the rule page and the pages listing the rule', () => {
    const { result } = STEPS.ruleYaml as Step;
    expectRenderedExactly(result, listShowing(result?.outDir ?? '', `/rules/${PDQ_SLUG}/`));
    expect(readPage(result?.outDir ?? '', `rules/${PDQ_SLUG}`)('section:has(#description)').text()).toContain(
      'Finds PDQ agents calling home.',
    );
  });

  test('runbook front matter: the rule page and the pages listing the rule', () => {
    const { result } = STEPS.runbookFrontMatter as Step;
    expectRenderedExactly(result, listShowing(result?.outDir ?? '', `/rules/${PDQ_SLUG}/`));
    expect(readPage(result?.outDir ?? '', `rules/${PDQ_SLUG}`)('section:has(#hypothesis)').text()).toContain(
      'as a covert remote shell.',
    );
  });

  test('runbook body: the rule page shows the new triage notes, in the page and in search', () => {
    const { result } = STEPS.runbookBody as Step;
    const outDir = result?.outDir ?? '';
    expectRenderedExactly(result, listShowing(outDir, `/rules/${PDQ_SLUG}/`));
    const notes = readPage(outDir, `rules/${PDQ_SLUG}`)('section:has(#triage)').text();
    expect(notes).toContain('with the maintenance window.');
    expect(notes).not.toContain('with the change calendar.');
    const url = `/rules/${PDQ_SLUG}/`;
    const indexed = readBundlePages(outDir, findBundleOf(outDir, url) ?? '').find((page) => page.url === url);
    expect(indexed?.content).toContain('with the maintenance window.');
  });

  test('tool file: the pages that show the tool, list a rule that covers it, or count it under its technique', () => {
    const { result } = STEPS.tool as Step;
    const outDir = result?.outDir ?? '';
    // Rule views carry their tools, and a technique page counts the catalog tools filed under it (PDQ: T1219.002).
    const dependent = new Set([
      ...listHolding(outDir, 'PDQ Connect Suite'),
      ...listShowing(outDir, `/rules/${PDQ_SLUG}/`),
      '/techniques/T1219.002/index.html',
    ]);
    expect([...dependent]).toEqual(expect.arrayContaining(listShowing(outDir, '/tools/pdq/')));
    expectRenderedExactly(result, [...dependent]);
    expect(readPage(result?.outDir ?? '', 'tools/pdq')('h1').text()).toContain('PDQ Connect Suite');
    expect(readPage(result?.outDir ?? '', `rules/${PDQ_SLUG}`)('.facts').text()).toContain('PDQ Connect Suite');
  });

  test.each(['settings', 'attack'])('%s: every cached page', (name) => {
    const { result } = STEPS[name] as Step;
    expectRenderedExactly(result, listCachedPages(result?.outDir ?? ''));
    if (name === 'settings')
      expect(readPage(result?.outDir ?? '', 'tools/pdq')('title').text()).toContain('Fixture SOC Wiki');
  });

  test('the ATT&CK extract is back as it was', () => {
    expect(readFileSync(ATTACK_EXTRACT_PATH).equals(attackExtract)).toBe(true);
  });
});

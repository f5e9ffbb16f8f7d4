import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateCorpus } from '../../bench/corpus/index.ts';
import { extractEvidenceLiterals } from '../../src/model/tool-matching.ts';
import { launchBrowser, listProblems, openWatchedPage } from '../support/browser.ts';
import { buildSite, PROJECT_ROOT } from '../support/build-site.ts';
import { listBundles, readBundlePages } from '../support/search-bundles.ts';
import { type StaticServer, serveStatic } from '../support/static-server.ts';

/** Search is what an analyst with an alert uses first: these tests type what alerts carry. */
const BASE = '/soc/wiki/';
const PDQ = {
  id: '58cbbe97-f835-4677-9bee-203b1df29600',
  name: 'Remote Management and Monitoring tool - PDQ - Network Connection',
};
const RUSTDESK = {
  id: '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900',
  name: 'Remote Management and Monitoring tool - RustDesk - Network Connection',
};
/** The example's Sigma rule (example/sigma/). */
const SIGMA_RULE = { id: '282bbf1b-aa00-40ab-a89f-470f7ae497f6', name: 'AnyDesk Installed Silently As A Service' };

/** A rule page's text names its id after this label. */
const RULE_ID_TEXT_RE = /Rule id ([0-9a-f-]{36})/;
const DOMAIN_LITERAL_RE = /'[\w-]+\.[\w.-]+'/;
/** A table many generated rules query. */
const COUNTED_TABLE = 'DeviceNetworkEvents';

/** A generated rule, or undefined for the corpus's deliberately malformed files. */
function readRule(text: string): { id: string; name: string; query: string } | undefined {
  try {
    return yaml.load(text) as { id: string; name: string; query: string };
  } catch {
    return undefined;
  }
}

let browser: Browser;
const servers: StaticServer[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
});

async function buildAndServe(
  name: string,
  content: { rules: string; sigma?: string; runbooks: string; tools: string },
): Promise<{ url: string; outDir: string }> {
  const build = await buildSite({ name, ...content, base: BASE });
  expect(build.code, build.output).toBe(0);
  const server = await serveStatic(build.outDir, BASE);
  servers.push(server);
  return { url: server.url, outDir: build.outDir };
}

/** Types a query into the search page's box and returns the result titles once they settle. */
async function searchFor(page: Page, siteUrl: string, query: string): Promise<string[]> {
  await page.goto(`${siteUrl}search/`);
  const input = page.locator('pagefind-input input');
  await input.fill(query);
  await waitForResults(page);
  return page.locator('pagefind-results .pf-result-title a').allTextContents();
}

/** Waits until the summary reports a finished search ("3 results for …" or "No results …"). */
async function waitForResults(page: Page, scope = 'pagefind-summary'): Promise<void> {
  await page
    .locator(scope)
    .filter({ hasText: /^(\d+ results? for|No results)/i })
    .waitFor();
  // Result cards render right after the summary updates, once they are in view: Pagefind loads
  // a result's text only when its card is on screen, and the lookup's results may sit above them.
  await page.waitForFunction(() => {
    document.querySelector('pagefind-results')?.scrollIntoView();
    const summary = document.querySelector('pagefind-summary')?.textContent ?? '';
    const expected = Number(/^(\d+)/.exec(summary.trim())?.[1] ?? 0);
    return document.querySelectorAll('pagefind-results .pf-result-title a').length >= Math.min(expected, 5);
  });
}

async function openFirstResult(page: Page): Promise<string> {
  await page.locator('pagefind-results .pf-result-title a').first().click();
  await page.waitForLoadState('load');
  return (await page.locator('h1').textContent()) ?? '';
}

describe('search on the bundled content, served under a sub-path', () => {
  let siteUrl: string;
  beforeAll(async () => {
    ({ url: siteUrl } = await buildAndServe('search-bundled', {
      rules: 'example/rules',
      sigma: 'example/sigma',
      runbooks: 'example/runbooks',
      tools: 'content/tools',
    }));
  });

  test.each([
    { what: 'a pasted rule id', query: PDQ.id, rule: PDQ },
    { what: 'a rule id in capitals', query: RUSTDESK.id.toUpperCase(), rule: RUSTDESK },
    { what: 'a domain from the query', query: 'app.pdq.com', rule: PDQ },
    { what: 'a product name', query: 'PDQConnectAgent', rule: PDQ },
    { what: 'a lower-case product name', query: 'rustdesk', rule: RUSTDESK },
    { what: 'a Sigma rule id', query: SIGMA_RULE.id, rule: SIGMA_RULE },
    { what: 'words of a Sigma rule title', query: 'AnyDesk installed silently', rule: SIGMA_RULE },
    { what: 'a value a Sigma detection tests', query: 'IntuneManagementExtension.exe', rule: SIGMA_RULE },
  ])('$what ($query) reaches the runbook', async ({ query, rule }) => {
    const context = await browser.newContext();
    const { page, problems } = await openWatchedPage(context);
    const titles = await searchFor(page, siteUrl, query);
    expect(titles).toContain(rule.name);
    if (query.includes('-')) expect(titles[0]).toBe(rule.name);
    await page.locator('pagefind-results .pf-result-title a', { hasText: rule.name }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe(rule.name);
    expect(page.url()).toContain(`${BASE}rules/`);
    expect(listProblems(problems)).toEqual([]);
    await context.close();
  });

  test('a domain the rule matches lists its runbook above the tool page', async () => {
    const page = await browser.newPage();
    await searchFor(page, siteUrl, 'app.pdq.com');
    await page.locator('[data-lookup-group="rules"] li > a').first().waitFor();
    // Every result link in reading order: the lookup's groups, then Pagefind's.
    const titles = await page.locator('.search-main a').allTextContents();
    expect(titles[0]).toBe(PDQ.name);
    expect(titles.indexOf('PDQ')).toBeGreaterThan(0);
    await page.close();
  });

  test('tables and words from scenarios and hypotheses are found', async () => {
    const page = await browser.newPage();
    expect(await searchFor(page, siteUrl, 'DeviceNetworkEvents')).toEqual(
      expect.arrayContaining([PDQ.name, RUSTDESK.name]),
    );
    expect(await searchFor(page, siteUrl, 'inventory reporting')).toContain(PDQ.name);
    expect(await searchFor(page, siteUrl, 'covert network connection')).toContain(RUSTDESK.name);
    await page.close();
  });

  test('results show tool, techniques and a highlighted excerpt', async () => {
    const page = await browser.newPage();
    // The PDQ tool page, which lists the product name too, is a result beside the rule.
    expect(await searchFor(page, siteUrl, 'PDQConnectAgent')).toEqual(expect.arrayContaining(['PDQ', PDQ.name]));
    const rule = page.locator('pagefind-results .pf-result', { hasText: PDQ.name });
    expect(await rule.locator('.search-result-meta').textContent()).toBe('Rule · PDQ · T1219');
    expect(await rule.locator('.pf-result-excerpt mark').count()).toBeGreaterThan(0);
    const tool = page.locator('pagefind-results .pf-result').filter({ hasText: /^\s*PDQ\s*Tool/ });
    expect(await tool.locator('.search-result-meta').textContent()).toBe('Tool · T1219.002');
    await page.close();
  });

  test('a facet narrows the results and the count follows', async () => {
    const page = await browser.newPage();
    const before = await searchFor(page, siteUrl, 'rustdesk');
    expect(before.length).toBeGreaterThan(1);
    await page.locator('pagefind-filter-pane details[data-filter-name="type"] summary').click();
    await page.locator('pagefind-filter-pane input[name="type"][value="rule"]').check();
    await page
      .locator('pagefind-summary')
      .filter({ hasText: /^1 result for/ })
      .waitFor();
    await expect
      .poll(() => page.locator('pagefind-results .pf-result-title a').allTextContents())
      .toEqual([RUSTDESK.name]);
    await page.close();
  });

  test.each([
    { key: '/', label: 'slash' },
    { key: 'Control+k', label: 'Ctrl+K' },
  ])('$label opens the search dialog from any page, and it finds runbooks', async ({ key }) => {
    const context = await browser.newContext();
    const { page, problems } = await openWatchedPage(context);
    await page.goto(`${siteUrl}coverage/`);
    // Nothing of Pagefind is loaded until the reader asks for search.
    expect(await page.locator('script[src*="pagefind"]').count()).toBe(0);
    await page.keyboard.press(key);
    const dialog = page.locator('pagefind-modal dialog[open]');
    await dialog.waitFor();
    await page.keyboard.type('PDQConnectAgent');
    await dialog.locator('a', { hasText: PDQ.name }).first().click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe(PDQ.name);
    expect(listProblems(problems)).toEqual([]);
    await context.close();
  });

  test('/search/?q= starts a search', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}search/?q=${PDQ.id}`);
    await waitForResults(page);
    expect(await page.locator('pagefind-results .pf-result-title a').first().textContent()).toBe(PDQ.name);
    await page.close();
  });

  test('rule pages load nothing of search until asked', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${siteUrl}rules/remote-management-and-monitoring-tool-pdq-network-connection/`);
    await page.waitForLoadState('networkidle');
    // Neither Pagefind's script nor the shard list.
    expect(requests.filter((url) => url.includes('pagefind'))).toEqual([]);
    await page.close();
  });
});

describe('search on a generated corpus of 1,000 rules, in several index shards', () => {
  let siteUrl: string;
  let outDir: string;
  /** A rule indexed in a shard other than the primary, with a domain from its query. */
  let sample: { id: string; name: string; domain?: string; bundle: string };

  beforeAll(async () => {
    const corpus = generateCorpus({
      rules: 1000,
      seed: 7,
      dir: join(PROJECT_ROOT, '.huntbook', 'corpora', 'search-1000'),
    });
    // Default settings: a thousand rule pages are more than one shard holds.
    ({ url: siteUrl, outDir } = await buildAndServe('search-corpus-1000', {
      rules: corpus.rulesDir,
      runbooks: corpus.runbooksDir,
      tools: corpus.toolsDir,
    }));
    const bundleOfRule = new Map<string, string>();
    for (const bundle of listBundles(outDir)) {
      for (const page of readBundlePages(outDir, bundle)) {
        const id = RULE_ID_TEXT_RE.exec(page.content)?.[1];
        if (id) bundleOfRule.set(id, bundle);
      }
    }
    // A rule from the middle of the corpus, in a merged shard, with string literals to search for.
    const rule = corpus.ruleFiles
      .slice(500)
      .map((file) => readFileSync(file, 'utf8'))
      .filter((text) => DOMAIN_LITERAL_RE.test(text))
      .map(readRule)
      .find((candidate) => candidate && bundleOfRule.get(candidate.id));
    if (!rule) throw new Error('no rule with a domain in a merged shard');
    const literals = extractEvidenceLiterals(rule.query);
    sample = {
      id: rule.id,
      name: rule.name,
      bundle: bundleOfRule.get(rule.id) as string,
      domain: literals.find((value) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(value) && !value.endsWith('.exe')),
    };
  }, 300_000);

  test('the index is split into shards, and the sample rule is not in the primary one', () => {
    expect(listBundles(outDir).length).toBeGreaterThanOrEqual(2);
    expect(sample.bundle).toMatch(/^shards\/\d+(-\d+)?\/$/);
  });

  test('a pasted rule id finds its rule first', async () => {
    const page = await browser.newPage();
    const titles = await searchFor(page, siteUrl, sample.id);
    expect(titles[0]).toBe(sample.name);
    expect(await openFirstResult(page)).toBe(sample.name);
    await page.close();
  });

  test('the search dialog finds it too', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openWatchedPage(context);
    await page.goto(`${siteUrl}coverage/`);
    await page.keyboard.press('/');
    const dialog = page.locator('pagefind-modal dialog[open]');
    await dialog.waitFor();
    await page.keyboard.type(sample.id);
    await dialog.locator('a', { hasText: sample.name }).first().click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe(sample.name);
    expect(page.url()).toContain(`${BASE}rules/`);
    expect(listProblems(problems)).toEqual([]);
    await context.close();
  });

  test('a domain from the query finds rules that use it', async () => {
    expect(sample.domain).toBeDefined();
    const page = await browser.newPage();
    const titles = await searchFor(page, siteUrl, sample.domain as string);
    expect(titles.length).toBeGreaterThan(0);
    await openFirstResult(page);
    expect(await page.locator('article').textContent()).toContain(sample.domain);
    await page.close();
  });

  test('the rule name finds the rule first', async () => {
    const page = await browser.newPage();
    const titles = await searchFor(page, siteUrl, sample.name);
    expect(titles[0]).toBe(sample.name);
    await page.close();
  });

  test('facet counts add up the matches of every shard', async () => {
    // Rule pages that mention the table, and the shards they are in.
    const matches = listBundles(outDir).flatMap((bundle) =>
      readBundlePages(outDir, bundle)
        .filter((page) => page.url.startsWith('/rules/') && page.content.includes(COUNTED_TABLE))
        .map(() => bundle),
    );
    expect(new Set(matches).size).toBeGreaterThan(1);
    const context = await browser.newContext();
    const { page, problems } = await openWatchedPage(context);
    await searchFor(page, siteUrl, COUNTED_TABLE);
    await page.locator('pagefind-filter-pane details[data-filter-name="type"] summary').click();
    const ruleOption = page.locator('pagefind-filter-pane label', {
      has: page.locator('input[name="type"][value="rule"]'),
    });
    expect(await ruleOption.locator('.pf-filter-checkbox-count').textContent()).toBe(String(matches.length));
    expect(listProblems(problems)).toEqual([]);
    await context.close();
  });
});

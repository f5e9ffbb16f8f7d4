import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { buildSite } from '../support/build-site.ts';
import { listBundles, readBundlePages } from '../support/search-bundles.ts';
import { type StaticServer, serveStatic } from '../support/static-server.ts';

/** A phone held upright: the search page is where an analyst pastes from an alert on call. */
const PHONE = { width: 390, height: 844 };
/** A table every bundled rule reads: many results, each with an excerpt from a facts list. */
const QUERY = 'DeviceNetworkEvents';
/**
 * Labels of the facts lists on rule and tool pages. In an excerpt each must be followed by a
 * space: `Tables readDeviceNetworkEvents` is a term and its value run together.
 */
const FACT_LABELS = ['Tables read', 'Time window', 'Output columns', 'Rule id', 'Telemetry', 'Techniques', 'Tactics'];

let browser: Browser;
let server: StaticServer;
let siteUrl: string;
let outDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const build = await buildSite({
    name: 'search-layout',
    rules: 'example/rules',
    sigma: 'example/sigma',
    runbooks: 'example/runbooks',
    tools: 'content/tools',
  });
  expect(build.code, build.output).toBe(0);
  outDir = build.outDir;
  server = await serveStatic(outDir);
  siteUrl = server.url;
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function searchOnPhone(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto(`${siteUrl}search/?q=${encodeURIComponent(query)}`);
  await page
    .locator('pagefind-summary')
    .filter({ hasText: /^\d+ results? for/i })
    .waitFor();
  await page.locator('pagefind-results .pf-result-excerpt').first().waitFor();
  return page;
}

describe('the search page at 390 px wide', () => {
  test('nothing is wider than the screen while results are shown', async () => {
    const page = await searchOnPhone(QUERY);
    expect(await page.locator('pagefind-results .pf-result').count()).toBeGreaterThan(1);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      results: document.querySelector('pagefind-results')?.getBoundingClientRect().right ?? 0,
    }));
    expect(widths.document).toBeLessThanOrEqual(PHONE.width);
    expect(widths.results).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });

  test('the filters come after the results, folded until opened', async () => {
    const page = await searchOnPhone(QUERY);
    const layout = await page.evaluate(() => {
      const top = (selector: string) => document.querySelector(selector)?.getBoundingClientRect().top ?? Number.NaN;
      return {
        input: top('pagefind-input'),
        results: top('pagefind-results'),
        filters: top('.search-filters'),
        open: document.querySelector<HTMLDetailsElement>('details.search-filters')?.open,
      };
    });
    expect(layout.filters).toBeGreaterThan(layout.results);
    expect(layout.results).toBeGreaterThan(layout.input);
    expect(layout.open).toBe(false);
    await page.locator('details.search-filters > summary').click();
    await page.locator('pagefind-filter-pane details[data-filter-name="type"]').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.close();
  });
});

describe('search excerpts', () => {
  test('a facts label and its value keep a space between them', async () => {
    const page = await searchOnPhone(QUERY);
    const excerpts = (await page.locator('pagefind-results .pf-result-excerpt').allTextContents()).join('\n');
    const labels = FACT_LABELS.filter((label) => excerpts.includes(label));
    // The query's table is in the rules' facts lists, so their labels are in the excerpts.
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(excerpts).not.toMatch(new RegExp(`${label}[^\\s]`));
    await page.close();
  });

  test('neighbouring terms, values and table headings of every indexed page stay apart', () => {
    const gluedPairs: string[] = [];
    const pages = listBundles(outDir).flatMap((bundle) => readBundlePages(outDir, bundle));
    expect(pages.length).toBeGreaterThan(10);
    for (const { url, content } of pages) {
      const $ = load(readFileSync(join(outDir, url, 'index.html'), 'utf8'));
      const neighbours = [
        ...$('dl.facts')
          .toArray()
          .map((list) => $(list).children('dt, dd').toArray()),
        ...$('tr')
          .toArray()
          .map((row) => $(row).children('th').toArray()),
      ];
      for (const parts of neighbours) {
        const texts = parts.map((part) => $(part).text().trim());
        for (let index = 1; index < texts.length; index++) {
          const glued = `${texts[index - 1]}${texts[index]?.slice(0, 12)}`;
          if (texts[index - 1] && texts[index] && content.includes(glued)) gluedPairs.push(`${url}: ${glued}`);
        }
      }
    }
    expect(gluedPairs).toEqual([]);
  });
});

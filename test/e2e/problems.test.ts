import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, listProblems, openWatchedPage } from '../support/browser.ts';
import { type BuildResult, buildFixture } from '../support/build-site.ts';
import { MESSY_FINDINGS, MESSY_FIXTURE } from '../support/messy-corpus.ts';
import { type StaticServer, serveStatic } from '../support/static-server.ts';

/** The content health page and a rule page's marked query line, in Chromium, over the messy corpus. */
const FIRST_SEEN_SLUG = 'remote-access-tool-seen-for-the-first-time-on-a-device';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
const ACTION_TIMEOUT_MS = 10_000;

let build: BuildResult;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  build = await buildFixture(MESSY_FIXTURE, 'e2e-problems');
  expect(build.code, build.output).toBe(0);
  [server, browser] = await Promise.all([serveStatic(build.outDir), launchBrowser()]);
  context = await browser.newContext();
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const addressOf = (path: string) => new URL(path.replace(/^\//, ''), server.url).href;

async function blockingViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
}

describe('the problems page', () => {
  test('is linked from the home page, lists each finding and leads to the rule page’s Problems box', async () => {
    const { page, problems } = await openWatchedPage(context);
    await page.goto(addressOf('/'), { waitUntil: 'load' });
    await page.locator('.problems-link a').click();
    await page.waitForURL(addressOf('/problems/'));
    for (const row of MESSY_FINDINGS) {
      const line = page
        .locator(`section:has(h2#${row.code}) tbody tr`, { hasText: row.message })
        .filter({ hasText: `${row.file}:${row.line}` });
      expect(await line.count(), `${row.code} ${row.file}:${row.line}`).toBeGreaterThan(0);
    }
    expect(await blockingViolations(page)).toEqual([]);
    const kql = MESSY_FINDINGS.find((row) => row.code === 'kql-syntax');
    await page.locator('section:has(h2#kql-syntax) tbody tr', { hasText: kql?.message }).locator('td a').click();
    await page.waitForURL(addressOf(`/rules/${FIRST_SEEN_SLUG}/#problems`));
    const top = await page.locator('#problems').evaluate((heading) => heading.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(-1);
    expect(top).toBeLessThan(await page.evaluate(() => window.innerHeight));
    expect(listProblems(problems)).toEqual([]);
  });
});

describe('a rule page with a KQL syntax error', () => {
  test('marks the line in the query block, visibly and in words', async () => {
    const { page, problems } = await openWatchedPage(context);
    await page.goto(addressOf(`/rules/${FIRST_SEEN_SLUG}/`), { waitUntil: 'load' });
    const lines = page.locator('pre.kql code > .line');
    const marked = page.locator('pre.kql .kql-error-line');
    expect(await marked.count()).toBe(1);
    const note = marked.locator('.kql-error-note');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toBe('⚠ Syntax error at column 27: KS005 Expected: )');
    // The marked line is the 11th of the query: the number the gutter shows beside it.
    expect(await lines.nth(10).getAttribute('class')).toContain('kql-error-line');
    // A bar beside the line and its number in the error colour: the tokens keep their contrast.
    const [markedBar, plainBar] = await Promise.all([
      lines.nth(10).evaluate((line) => getComputedStyle(line).boxShadow),
      lines.nth(9).evaluate((line) => getComputedStyle(line).boxShadow),
    ]);
    expect(markedBar).not.toBe(plainBar);
    expect(await blockingViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await blockingViolations(page)).toEqual([]);
    expect(listProblems(problems)).toEqual([]);
  });
});

describe('the rules index', () => {
  test('shows only rules with problems when the checkbox is ticked, without scripts', async () => {
    const { page } = await openWatchedPage(context);
    await page.goto(addressOf('/rules/'), { waitUntil: 'load' });
    const rows = page.locator('tbody tr');
    const total = await rows.count();
    const withProblems = await page.locator('tbody tr[data-problems]').count();
    expect(withProblems).toBeGreaterThan(0);
    expect(withProblems).toBeLessThan(total);
    await page.getByLabel(/Show only the \d+ rules? with problems/).check();
    expect(await page.locator('tbody tr:visible').count()).toBe(withProblems);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { AxeResults } from 'axe-core';
import { load } from 'js-yaml';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdMetaRefresh, launchBrowser, listProblems, openWatchedPage, type WatchedPage } from '../support/browser.ts';
import { type BuildResult, buildFixture, PROJECT_ROOT } from '../support/build-site.ts';
import {
  listPages,
  pickOnePerType,
  readRefreshTarget,
  type StaticServer,
  serveStatic,
} from '../support/static-server.ts';

const FIXTURE = 'test/fixtures/valid';
const PDQ_ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const PDQ_SLUG = 'remote-management-and-monitoring-tool-pdq-network-connection';
const PDQ_NAME = 'Remote Management and Monitoring tool - PDQ - Network Connection';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
/** Enough presses to get past the skip link, the navigation and the rule page's header links. */
const MAX_TAB_PRESSES = 40;
const BOM_RE = /^\uFEFF/;
const LEADING_SLASH_RE = /^\//;
/** Fails a stuck navigation or click fast with Playwright's message instead of at the test timeout. */
const ACTION_TIMEOUT_MS = 10_000;

let build: BuildResult;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let pages: string[];

beforeAll(async () => {
  build = await buildFixture(FIXTURE, 'e2e-site');
  expect(build.code, build.output).toBe(0);
  pages = listPages(build.outDir);
  [server, browser] = await Promise.all([serveStatic(build.outDir), launchBrowser()]);
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Absolute address of a site path on the test server. */
function addressOf(path: string): string {
  return new URL(path.replace(LEADING_SLASH_RE, ''), server.url).href;
}

/** Opens a site path and waits until it has loaded, following the page's meta refresh if it has one. */
async function visit(path: string): Promise<WatchedPage> {
  const watched = await openWatchedPage(context);
  const target = readRefreshPath(path);
  // Listen before navigating: a zero-second refresh can fire before goto returns.
  const landed = target === undefined ? undefined : watched.page.waitForURL(addressOf(target), { waitUntil: 'load' });
  await watched.page.goto(addressOf(path), { waitUntil: 'load' });
  await landed;
  return watched;
}

/** The site path a page's meta refresh leads to, resolved against the page. */
function readRefreshPath(path: string): string | undefined {
  const target = readRefreshTarget(build.outDir, path);
  return target === undefined ? undefined : new URL(target, addressOf(path)).pathname;
}

/**
 * Opens a page for inspection; a redirect page is served without its meta refresh so its own
 * markup stays on screen long enough to be checked.
 */
async function openStill(path: string): Promise<Page> {
  const page = await context.newPage();
  if (readRefreshTarget(build.outDir, path) !== undefined) await holdMetaRefresh(page, addressOf(path));
  await page.goto(addressOf(path), { waitUntil: 'load' });
  return page;
}

/** One line per serious or critical violation: where, rule id, impact, targets and help text. */
function formatViolations(where: string, results: AxeResults): string[] {
  return results.violations
    .filter((violation) => BLOCKING_IMPACTS.has(violation.impact ?? ''))
    .map((violation) => {
      const targets = violation.nodes.map((node) => node.target.join(' ')).join(' | ');
      return `${where}: ${violation.id} [${violation.impact}] ${targets}: ${violation.help}`;
    });
}

/**
 * Fetches the icon a browser would ask for: the page's `<link rel="icon">`, else `/favicon.ico`
 * at the origin. Chromium fetches it after load and logs a 404 as a console error, too late to
 * be caught reliably from events, so it is checked directly. Returns the problem, if any.
 */
async function checkIcon(page: Page): Promise<string | undefined> {
  const href = await page.evaluate(
    () =>
      document.querySelector<HTMLLinkElement>('link[rel~="icon" i]')?.href ??
      new URL('/favicon.ico', location.origin).href,
  );
  const response = await context.request.get(href);
  return response.ok() ? undefined : `icon ${href}: HTTP ${response.status()} (declare one with <link rel="icon">)`;
}

/** Runs axe's contrast rule again in a page AxeBuilder has already injected axe into, saving a re-injection. */
function rerunContrast(page: Page): Promise<AxeResults> {
  return page.evaluate(() => {
    const { axe } = window as unknown as { axe: typeof import('axe-core') };
    return axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } });
  });
}

/** Reads a rule's query straight from its fixture YAML, as authors wrote it. */
function readFixtureQuery(file: string): string {
  const text = readFileSync(join(PROJECT_ROOT, FIXTURE, 'rules', file), 'utf8').replace(BOM_RE, '');
  return (load(text) as { query: string }).query;
}

/** Computed token colour and block background of the first `where` keyword in the query block. */
async function readCodeColours(page: Page): Promise<{ token: string; background: string }> {
  return page.evaluate(() => {
    const pre = document.querySelector('pre.kql');
    const token = [...(pre?.querySelectorAll('span') ?? [])].find((span) => span.textContent === 'where');
    if (!pre || !token) throw new Error('no pre.kql with a "where" token on the page');
    return { token: getComputedStyle(token).color, background: getComputedStyle(pre).backgroundColor };
  });
}

describe('every page in the browser', () => {
  test('loads with no console errors, page errors, failed requests or dialogs', async () => {
    const report: string[] = [];
    for (const path of pages) {
      const { page, problems } = await visit(path);
      report.push(...listProblems(problems).map((line) => `${path}: ${line}`));
      const icon = await checkIcon(page);
      if (icon !== undefined) report.push(`${path}: ${icon}`);
      await page.close();
    }
    expect(pages.length).toBeGreaterThan(0);
    expect(report, report.join('\n')).toEqual([]);
  });
});

describe('rule page', () => {
  test('the copy button puts the exact query on the clipboard', async () => {
    const { page, problems } = await visit(`/rules/${PDQ_SLUG}/`);
    const button = page.locator('button[data-copy]');
    const expected = await button.getAttribute('data-copy');
    await button.click();
    await expect.poll(() => button.textContent()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(expected);
    expect(copied).toBe(readFixtureQuery('pdq.yaml'));
    expect(listProblems(problems)).toEqual([]);
    await page.close();
  });

  test('the code theme follows the light or dark colour scheme', async () => {
    const { page } = await visit(`/rules/${PDQ_SLUG}/`);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await readCodeColours(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await readCodeColours(page);
    expect(dark.token, 'token colour').not.toBe(light.token);
    expect(dark.background, 'block background').not.toBe(light.background);
    await page.close();
  });

  test('the query block is reachable with the Tab key', async () => {
    const { page } = await visit(`/rules/${PDQ_SLUG}/`);
    let reached = false;
    for (let press = 0; press < MAX_TAB_PRESSES && !reached; press++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.matches('pre.kql') ?? false);
    }
    expect(reached, `pre.kql never took focus in ${MAX_TAB_PRESSES} Tab presses`).toBe(true);
    await page.close();
  });
});

describe('permanent link', () => {
  test('/r/<guid>/ lands on the runbook page', async () => {
    const { page, problems } = await visit(`/r/${PDQ_ID}/`);
    expect(page.url()).toBe(addressOf(`/rules/${PDQ_SLUG}/`));
    expect((await page.locator('h1').textContent())?.trim()).toBe(PDQ_NAME);
    expect(listProblems(problems)).toEqual([]);
    await page.close();
  });
});

describe('accessibility', () => {
  test('one page of each type has no serious or critical axe violations', async () => {
    const report: string[] = [];
    for (const [type, path] of pickOnePerType(build.outDir, pages)) {
      const page = await openStill(path);
      await page.emulateMedia({ colorScheme: 'light' });
      report.push(...formatViolations(`${type} ${path}`, await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()));
      // Only colours change with the scheme, so the dark pass checks contrast alone.
      await page.emulateMedia({ colorScheme: 'dark' });
      report.push(...formatViolations(`${type} ${path} (dark)`, await rerunContrast(page)));
      await page.close();
    }
    expect(report, report.join('\n')).toEqual([]);
  });
});

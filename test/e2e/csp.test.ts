import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { buildFixture } from '../support/build-site.ts';
import { type StaticServer, serveStatic } from '../support/static-server.ts';

/**
 * Every feature with client script, used under the site's Content-Security-Policy: each test
 * checks that the feature worked and that the browser reported no violation of the policy.
 */
const BASE = '/soc/wiki/';
const PDQ = {
  id: '58cbbe97-f835-4677-9bee-203b1df29600',
  slug: 'remote-management-and-monitoring-tool-pdq-network-connection',
  name: 'Remote Management and Monitoring tool - PDQ - Network Connection',
};
const CSP_CONSOLE_RE = /Content[- ]Security[- ]Policy/i;
const ACTION_TIMEOUT_MS = 10_000;

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
/** Violations reported by every page of the context, in order. */
const violations: string[] = [];

beforeAll(async () => {
  const build = await buildFixture('test/fixtures/valid', 'e2e-csp', { base: BASE });
  expect(build.code, build.output).toBe(0);
  [server, browser] = await Promise.all([serveStatic(build.outDir, BASE), launchBrowser()]);
  context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await context.exposeBinding('reportCspViolation', ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      void report(
        `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Opens a site path with the console watched for the browser's own CSP messages. */
async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (message) => {
    if (CSP_CONSOLE_RE.test(message.text())) violations.push(`${page.url()}: console: ${message.text()}`);
  });
  await page.goto(`${server.url}${path}`);
  return page;
}

/** Runs a feature and expects no violation while it ran, nor in the moment after. */
async function withoutViolations(use: () => Promise<void>): Promise<void> {
  violations.length = 0;
  await use();
  // Reports are queued as tasks: give the last ones time to arrive.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(violations).toEqual([]);
}

describe('under the Content-Security-Policy', () => {
  test('the header dialog opens and finds a rule', async () => {
    await withoutViolations(async () => {
      const page = await open('coverage/');
      await page.locator('[data-search-launcher]').click();
      const dialog = page.locator('pagefind-modal dialog[open]');
      await dialog.waitFor();
      await page.keyboard.type('PDQConnectAgent');
      await dialog.locator('a', { hasText: PDQ.name }).first().waitFor();
      await page.close();
    });
  });

  test('the search page searches, a filter narrows it, and the lookup answers a domain', async () => {
    await withoutViolations(async () => {
      const page = await open('search/');
      await page.locator('pagefind-input input').fill('app.pdq.com');
      await page.locator('[data-lookup-group="rules"] li > a', { hasText: PDQ.name }).waitFor();
      await page.locator('pagefind-input input').fill('rustdesk');
      await page
        .locator('pagefind-summary')
        .filter({ hasText: /^\d+ results? for/ })
        .waitFor();
      await page.locator('pagefind-filter-pane details[data-filter-name="type"] summary').click();
      await page.locator('pagefind-filter-pane input[name="type"][value="rule"]').check();
      await page
        .locator('pagefind-summary')
        .filter({ hasText: /^1 result for/ })
        .waitFor();
      await page.close();
    });
  });

  test('the copy button copies the query, byte for byte', async () => {
    await withoutViolations(async () => {
      const page = await open(`rules/${PDQ.slug}/`);
      const button = page.locator('button[data-copy]');
      await button.click();
      await expect.poll(() => button.textContent()).toBe('Copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await button.getAttribute('data-copy'));
      expect(copied).toContain('app.pdq.com');
      await page.close();
    });
  });

  test('the highlighted query is coloured from the stylesheet', async () => {
    await withoutViolations(async () => {
      const page = await open(`rules/${PDQ.slug}/`);
      const colours = await page
        .locator('pre.kql .line span')
        .evaluateAll((spans) => [...new Set(spans.map((span) => getComputedStyle(span).color))]);
      // Several token kinds, each in its theme colour: a missing stylesheet leaves one colour.
      expect(colours.length).toBeGreaterThan(2);
      await page.close();
    });
  });

  test('the coverage page filters its matrix', async () => {
    await withoutViolations(async () => {
      const page = await open('coverage/');
      // The controls are hidden until the page's script runs.
      await page.locator('[data-matrix-controls]').waitFor();
      await page.locator('select[name="show"]').selectOption('covered');
      const shown = await page
        .locator('tr[data-name]')
        .evaluateAll((rows) => rows.filter((row) => !(row as HTMLElement).hidden).map((row) => row.dataset.rules));
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.filter((rules) => rules === '0')).toEqual([]);
      await page.close();
    });
  });

  test.each([
    { how: '/r/?id=', path: `r/?id=${PDQ.id.toUpperCase()}` },
    { how: '/r/<id>/', path: `r/${PDQ.id}/` },
  ])('$how leads to the rule page', async ({ path }) => {
    await withoutViolations(async () => {
      const page = await open(path);
      await page.waitForURL(`${server.url}rules/${PDQ.slug}/`);
      expect(await page.locator('h1').textContent()).toBe(PDQ.name);
      await page.close();
    });
  });

  test('what the policy forbids is blocked and reported', async () => {
    violations.length = 0;
    const page = await open(`rules/${PDQ.slug}/`);
    await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<img src="x.png" onerror="window.handlerRan = 1">');
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = 1';
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThanOrEqual(2);
    expect(await page.evaluate(() => Object.hasOwn(window, 'handlerRan') || Object.hasOwn(window, 'inlineRan'))).toBe(
      false,
    );
    await page.close();
  });
});

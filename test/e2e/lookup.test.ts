import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, listProblems, openWatchedPage } from '../support/browser.ts';
import { buildFixture } from '../support/build-site.ts';
import { type StaticServer, serveStatic } from '../support/static-server.ts';

/** What an analyst pastes from an alert lands on the rule that matches it, before anything else. */
const BASE = '/soc/';
const RULES = {
  anydeskNetwork: 'Remote Management and Monitoring tool - AnyDesk - Network Connection',
  anydeskProcess: 'Remote Management and Monitoring tool - AnyDesk - Process Creation',
  anydeskSigner: 'Remote Management and Monitoring tool - AnyDesk - Signed Binary',
  pdq: 'Remote Management and Monitoring tool - PDQ - Network Connection',
};
const HOSTILE_NAME = 'Escaping <img src=x onerror="window.lookupInjected=1"> check';

let browser: Browser;
let server: StaticServer;
let siteUrl: string;

beforeAll(async () => {
  const build = await buildFixture('test/fixtures/lookup', 'lookup-e2e', { base: BASE });
  expect(build.code, build.output).toBe(0);
  server = await serveStatic(build.outDir, BASE);
  siteUrl = server.url;
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Types into the search page's box; returns the lookup's rule and tool titles once they show. */
async function lookUp(page: Page, pasted: string): Promise<{ rules: string[]; tools: string[]; how: string[] }> {
  await page.goto(`${siteUrl}search/`);
  await page.locator('pagefind-input input').fill(pasted);
  await page.locator('[data-lookup-group="rules"] li').first().waitFor();
  return {
    rules: await page.locator('[data-lookup-group="rules"] li > a').allTextContents(),
    tools: await page.locator('[data-lookup-group="tools"] li > a').allTextContents(),
    how: await page.locator('[data-lookup-group="rules"] .lookup-how').allTextContents(),
  };
}

describe('the indicator lookup on the search page', () => {
  test.each([
    {
      what: 'a relay host under the catalog’s *.anydesk.com',
      pasted: 'relay-3e5a6b8c.net.anydesk.com',
      rule: RULES.anydeskNetwork,
      how: 'RemoteUrl · parent domain · anydesk.com',
      tool: 'AnyDesk',
    },
    {
      what: 'a URL',
      pasted: 'https://app.pdq.com/login',
      rule: RULES.pdq,
      how: 'RemoteUrl · host · app.pdq.com',
      tool: 'PDQ',
    },
    {
      what: 'a Windows path',
      pasted: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
      rule: RULES.anydeskProcess,
      how: 'FileName · file name · anydesk.exe; FolderPath · folder · anydesk',
      tool: 'AnyDesk',
    },
    {
      what: 'a signer name in other spacing and case',
      pasted: 'Philandro  Software GmbH',
      rule: RULES.anydeskSigner,
      how: 'Signer · exact · philandro software gmbh',
      tool: undefined,
    },
  ])('$what ($pasted) lands on its rule first', async ({ pasted, rule, how, tool }) => {
    const context = await browser.newContext();
    const { page, problems } = await openWatchedPage(context);
    const found = await lookUp(page, pasted);
    expect(found.rules[0]).toBe(rule);
    expect(found.how[0]).toBe(how);
    if (tool) expect(found.tools).toContain(tool);
    await page.locator('[data-lookup-group="rules"] li > a').first().click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe(rule);
    expect(listProblems(problems)).toEqual([]);
    await context.close();
  });

  test('app.pdq.com puts the rule’s runbook before the tool page, and full-text results follow', async () => {
    const page = await browser.newPage();
    await lookUp(page, 'app.pdq.com');
    await page
      .locator('pagefind-summary')
      .filter({ hasText: /^\d+ results? for/i })
      .waitFor();
    await page.locator('pagefind-results .pf-result-title a').first().waitFor();
    // Every result link in reading order: the lookup's groups, then Pagefind's.
    const titles = await page.locator('.search-main a').allTextContents();
    expect(titles.indexOf(RULES.pdq)).toBe(0);
    expect(titles.indexOf('PDQ')).toBeGreaterThan(0);
    expect(titles.slice(titles.indexOf('PDQ') + 1)).toContain(RULES.pdq);
    await page.close();
  });

  test('/search/?q= looks the value up too', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}search/?q=${encodeURIComponent('relay-3e5a6b8c.net.anydesk.com')}`);
    await expect
      .poll(() => page.locator('[data-lookup-group="rules"] li > a').first().textContent())
      .toBe(RULES.anydeskNetwork);
    await page.close();
  });

  test('a name from content shows as text and runs nothing', async () => {
    const page = await browser.newPage();
    const found = await lookUp(page, 'escape-check.example.org');
    expect(found.rules).toEqual([HOSTILE_NAME]);
    expect(await page.locator('.lookup-results img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { lookupInjected?: number }).lookupInjected)).toBeUndefined();
    await page.close();
  });

  test('clearing the box clears the lookup', async () => {
    const page = await browser.newPage();
    await lookUp(page, 'app.pdq.com');
    await page.locator('pagefind-input input').fill('');
    await page.locator('.lookup-results').waitFor({ state: 'hidden' });
    await page.close();
  });
});

describe('the indicator lookup in the header dialog', () => {
  test('rule pages load nothing of the lookup until search opens; then the dialog lands on the rule', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openWatchedPage(context);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${siteUrl}rules/remote-management-and-monitoring-tool-pdq-network-connection/`);
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => /lookup/i.test(url))).toEqual([]);
    const scripts = await page.evaluate(() =>
      [...document.scripts].map((script) => script.src || script.textContent || '').join('\n'),
    );
    expect(scripts).not.toMatch(/lookup-client|manifest\.json/);

    await page.keyboard.press('/');
    const dialog = page.locator('pagefind-modal dialog[open]');
    await dialog.waitFor();
    await page.keyboard.type('relay-3e5a6b8c.net.anydesk.com');
    const first = dialog.locator('[data-lookup-group="rules"] li > a').first();
    await expect.poll(() => first.textContent()).toBe(RULES.anydeskNetwork);
    expect(requests.some((url) => url.endsWith(`${BASE}lookup/manifest.json`))).toBe(true);
    await first.click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toBe(RULES.anydeskNetwork);
    expect(listProblems(problems)).toEqual([]);
    await context.close();
  });
});

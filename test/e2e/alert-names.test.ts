import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, openWatchedPage } from '../support/browser.ts';
import { buildFixture } from '../support/build-site.ts';
import { type StaticServer, serveStatic } from '../support/static-server.ts';

/** What a Sentinel automation rule or playbook links to: `/r/?name=<the alert's name>`. */
const BASE = '/soc/wiki/';
const DWSERVICE = {
  id: '3f6b2a1c-8d4e-4b7a-9c2d-5e8f1a3b6c90',
  name: 'Remote Management and Monitoring tool - DWService - Network Connection',
};
const ANYDESK_NAME = 'AnyDesk started on a server';
const ATERA_NAME = 'Atera agent [beta] - File Creation';
const RULE_PAGE_RE = /\/soc\/wiki\/rules\/[^/]+\/$/;
const SEARCH_PAGE_RE = /\/soc\/wiki\/search\/\?q=/;

let browser: Browser;
let server: StaticServer;

beforeAll(async () => {
  const build = await buildFixture('test/fixtures/alert-names', 'e2e-alert-names', { base: BASE });
  expect(build.code, build.output).toBe(0);
  server = await serveStatic(build.outDir, BASE);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `/r/` with a query and returns the page it ends on, once it has left `/r/`. */
async function follow(query: string, landing: RegExp): Promise<Page> {
  const context = await browser.newContext();
  const { page, problems } = await openWatchedPage(context);
  await page.goto(`${server.url}r/?${query}`);
  await page.waitForURL(landing);
  expect(problems.pageErrors).toEqual([]);
  return page;
}

describe('/r/?name= and ?id= in the browser', () => {
  test.each([
    { case: 'the exact name', query: `name=${encodeURIComponent(DWSERVICE.name)}`, title: DWSERVICE.name },
    {
      case: 'another case and spacing, an en dash',
      query: `name=${encodeURIComponent('  remote management and monitoring TOOL – dwservice -  network connection ')}`,
      title: DWSERVICE.name,
    },
    {
      case: 'a filled display-name format with two placeholders and brackets',
      query: `name=${encodeURIComponent('AnyDesk (x86) on WS-0042.contoso.local by CONTOSO\\alice')}`,
      title: ANYDESK_NAME,
    },
    {
      case: 'a name with brackets, as the rule is called',
      query: `name=${encodeURIComponent(ATERA_NAME)}`,
      title: ATERA_NAME,
    },
    {
      case: 'an uppercase id in braces',
      query: `id=${encodeURIComponent(`{${DWSERVICE.id.toUpperCase()}}`)}`,
      title: DWSERVICE.name,
    },
  ])('$case lands on the rule page', async ({ query, title }) => {
    const page = await follow(query, RULE_PAGE_RE);
    await expect.poll(() => page.locator('h1').first().textContent()).toBe(title);
    await page.context().close();
  });

  test('an unknown name lands on search with the name in the box, as text', async () => {
    const name = 'Unknown alert <img src=x onerror=alert(1)> & more';
    const page = await follow(`name=${encodeURIComponent(name)}`, SEARCH_PAGE_RE);
    const input = page.locator('pagefind-input input');
    await expect.poll(() => input.inputValue()).toBe(name);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.context().close();
  });

  test('without JavaScript the page offers search', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}r/?name=${encodeURIComponent(DWSERVICE.name)}`);
    const link = page.locator('main a', { hasText: 'Search' });
    expect(await link.getAttribute('href')).toBe(`${BASE}search/`);
    await context.close();
  });
});

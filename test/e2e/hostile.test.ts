import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { holdMetaRefresh, launchBrowser, listProblems, openWatchedPage } from '../support/browser.ts';
import { type BuildResult, buildSite, PROJECT_ROOT } from '../support/build-site.ts';
import { listPages, readRefreshTarget, type StaticServer, serveStatic } from '../support/static-server.ts';

/**
 * Content that tries to run script from every text field a rule, runbook or tool has. The
 * 10,000-line query is written at test time rather than kept as a 400 kB fixture.
 */
const FIXTURE = 'test/fixtures/hostile';
const GENERATED_RULES = join(PROJECT_ROOT, '.huntbook', 'test-builds', 'hostile-generated-rules');
const LONG_QUERY_ID = '8d3a2e4c-9f5b-4a7c-9dae-3c4d5e6f7081';
const LONG_QUERY_LINES = 10_000;
/** One line far wider than a phone, with no space to wrap at. */
const WIDE_LINE = `| where RemoteUrl in~ ("${Array.from({ length: 120 }, (_, i) => `relay-${i}.payload.example`).join('","')}")`;
const PHONE_VIEWPORT = { width: 390, height: 844 };
const LEADING_SLASH_RE = /^\//;
const ACTION_TIMEOUT_MS = 15_000;
/** The missing site icon is a site-wide finding reported by site.test.ts, not a payload effect. */
const FAVICON_RE = /\/favicon\.ico\b/;

const PAYLOAD_SLUG =
  'payload-script-alert-1-script-img-src-x-onerror-alert-1-script-alert-1-script-onmouseover-alert-1';
const LONG_NAME_SLUG =
  'suspicious-remote-access-session-opened-from-an-unmanaged-device-suspicious-remote-access-session';

/** Text each page must show exactly as written in the fixture. */
const LITERAL_TEXT: Record<string, string[]> = {
  [`/rules/${PAYLOAD_SLUG}/`]: [
    `Payload <script>alert(1)</script> <img src=x onerror=alert(1)> "><script>alert(1)</script> ' onmouseover='alert(1)`,
    'An <svg onload=alert(1)> in a description stays text.',
    `So does a javascript:alert(1) address and a breakout: "><script>alert(1)</script> and ' onmouseover='alert(1)`,
    'A link with markup after it: https://example.org/notes"><img src=x onerror=alert(1)>',
    'An adversary names things <script>alert(1)</script> and <svg onload=alert(1)>.',
    '<img src=x onerror=alert(1)> scenario',
    '"><script>alert(1)</script> description with javascript:alert(1)',
    `' onmouseover='alert(1) exclusion`,
    '| extend Closer = "</script><script>alert(1)</script>"',
    '| extend Comment = "<!--"',
    '| extend Image = "<img src=x onerror=alert(1)>"',
    '<svg onload=alert(1)>',
    `' onmouseover='alert(1)`,
  ],
  '/tools/payload-tool/': [
    'Payload Tool <script>alert(1)</script>',
    '<img src=x onerror=alert(1)> Vendor',
    'A tool whose catalog entry carries <svg onload=alert(1)> and javascript:alert(1) and "><script>alert(1)</script>.',
    '<img src=x onerror=alert(1)>.example',
    `"><script>alert(1)</script>, ' onmouseover='alert(1)`,
  ],
  '/tools/': ['Payload Tool <script>alert(1)</script>'],
};

let build: BuildResult;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let pages: string[];

beforeAll(async () => {
  writeLongQueryRule(GENERATED_RULES);
  build = await buildSite({
    name: 'e2e-hostile',
    rules: [`${FIXTURE}/rules`, GENERATED_RULES],
    runbooks: `${FIXTURE}/runbooks`,
    tools: `${FIXTURE}/tools`,
  });
  expect(build.code, build.output).toBe(0);
  pages = listPages(build.outDir);
  [server, browser] = await Promise.all([serveStatic(build.outDir), launchBrowser()]);
  context = await browser.newContext({ viewport: PHONE_VIEWPORT });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  rmSync(GENERATED_RULES, { recursive: true, force: true });
});

/** Writes a rule whose query has 10,000 lines, one of them thousands of characters wide. */
function writeLongQueryRule(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const lines = ['DeviceNetworkEvents', WIDE_LINE];
  while (lines.length < LONG_QUERY_LINES)
    lines.push(`| where DeviceName != "host-${String(lines.length).padStart(5, '0')}"`);
  const query = lines.map((line) => `  ${line}`).join('\n');
  writeFileSync(
    join(dir, 'long-query.yaml'),
    `id: ${LONG_QUERY_ID}\nname: Long query\ntactics: CommandAndControl\nrelevantTechniques: T1219\nquery: |\n${query}\n`,
  );
}

/** Absolute address of a site path on the test server. */
function addressOf(path: string): string {
  return new URL(path.replace(LEADING_SLASH_RE, ''), server.url).href;
}

/**
 * Lists what the payloads would have created had any been parsed as markup: elements with
 * event-handler attributes, injected images and SVG, scripts that call alert, and script URLs.
 */
function findInjectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (element: Element) => element.outerHTML.slice(0, 120);
    for (const element of document.querySelectorAll('*')) {
      const handlers = element.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on'));
      if (handlers.length > 0) found.push(`event handler ${handlers.join(', ')}: ${describe(element)}`);
    }
    for (const element of document.querySelectorAll('img[src="x"], svg[onload], iframe, object, embed')) {
      found.push(`injected element: ${describe(element)}`);
    }
    for (const script of document.querySelectorAll('script')) {
      if (script.textContent?.includes('alert')) found.push(`script calling alert: ${describe(script)}`);
    }
    for (const element of document.querySelectorAll('[href], [src], [action], [formaction]')) {
      for (const name of ['href', 'src', 'action', 'formaction']) {
        const value = element.getAttribute(name)?.trim().toLowerCase() ?? '';
        if (value.startsWith('javascript:')) found.push(`script URL in ${name}: ${describe(element)}`);
      }
    }
    return found;
  });
}

/** Whether the document scrolls sideways: long names must wrap and long code scroll in its own box. */
function measureOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

describe('hostile content', () => {
  test('the build succeeds and every page is generated', () => {
    expect(pages).toContain(`/rules/${PAYLOAD_SLUG}/`);
    expect(pages).toContain(`/rules/${LONG_NAME_SLUG}/`);
    expect(pages).toContain('/rules/long-query/');
    expect(pages).toContain('/tools/payload-tool/');
  });

  test('no page runs a payload, gains markup from one, or scrolls sideways on a phone', async () => {
    const report: string[] = [];
    for (const path of pages) {
      const { page, problems } = await openWatchedPage(context);
      // Redirect pages are held in place so their own markup, which names the rule, is checked too.
      if (readRefreshTarget(build.outDir, path) !== undefined) await holdMetaRefresh(page, addressOf(path));
      await page.goto(addressOf(path), { waitUntil: 'load' });
      const consoleErrors = problems.consoleErrors.filter((line) => !FAVICON_RE.test(line));
      report.push(...listProblems({ ...problems, consoleErrors }).map((line) => `${path}: ${line}`));
      report.push(...(await findInjectedMarkup(page)).map((line) => `${path}: ${line}`));
      const { scrollWidth, innerWidth } = await measureOverflow(page);
      if (scrollWidth > innerWidth)
        report.push(`${path}: document is ${scrollWidth}px wide in a ${innerWidth}px window`);
      await page.close();
    }
    expect(report, report.join('\n')).toEqual([]);
  });

  test('payloads are shown as literal text', async () => {
    const report: string[] = [];
    for (const [path, expected] of Object.entries(LITERAL_TEXT)) {
      const page = await context.newPage();
      await page.goto(addressOf(path), { waitUntil: 'load' });
      // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees is the point, so rendered text it is.
      const shown = await page.locator('body').innerText();
      for (const text of expected.filter((line) => !shown.includes(line)))
        report.push(`${path}: missing ${JSON.stringify(text)}`);
      await page.close();
    }
    expect(report, report.join('\n')).toEqual([]);
  });

  test('the page title and copy button carry the payloads verbatim', async () => {
    const page = await context.newPage();
    await page.goto(addressOf(`/rules/${PAYLOAD_SLUG}/`), { waitUntil: 'load' });
    expect(await page.title()).toMatch(
      /^Payload <script>alert\(1\)<\/script> <img src=x onerror=alert\(1\)> "><script>alert\(1\)<\/script> ' onmouseover='alert\(1\) · /,
    );
    expect(await page.locator('button[data-copy]').getAttribute('data-copy')).toContain(
      '| extend Closer = "</script><script>alert(1)</script>"\n| extend Comment = "<!--"\n',
    );
    await page.close();
  });

  test('the 10,000-line query is on its page in full and scrolls inside its own box', async () => {
    const page = await context.newPage();
    await page.goto(addressOf('/rules/long-query/'), { waitUntil: 'load' });
    const block = await page.locator('pre.kql').evaluate((pre) => ({
      lines: pre.querySelectorAll('.line').length,
      scrolls: pre.scrollWidth > pre.clientWidth,
    }));
    expect(block).toEqual({ lines: LONG_QUERY_LINES, scrolls: true });
    await page.close();
  });

  test('the 2,000-character name is shown in full', async () => {
    const page = await context.newPage();
    await page.goto(addressOf(`/rules/${LONG_NAME_SLUG}/`), { waitUntil: 'load' });
    expect((await page.locator('h1').textContent())?.trim().length).toBe(2000);
    await page.close();
  });
});

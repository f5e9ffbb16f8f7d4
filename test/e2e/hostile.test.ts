import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runImport } from '../../src/import/import-seeds-fs.ts';
import {
  holdMetaRefresh,
  launchBrowser,
  listProblems,
  openWatchedPage,
  type PageProblems,
} from '../support/browser.ts';
import { type BuildResult, buildSite, PROJECT_ROOT } from '../support/build-site.ts';
import { listPages, readRefreshTarget, type StaticServer, serveStatic } from '../support/static-server.ts';

/**
 * Content that tries to run script from every text field a rule, runbook or tool has, from a
 * runbook's Markdown body and from a hunting document run through the importer. The 10,000-line
 * query and the imported rule are written at test time rather than kept as fixtures.
 */
const FIXTURE = 'test/fixtures/hostile';
const GENERATED_RULES = join(PROJECT_ROOT, '.huntbook', 'test-builds', 'hostile-generated-rules');
const IMPORTED_CONTENT = join(PROJECT_ROOT, '.huntbook', 'test-builds', 'hostile-imported-content');
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
const IMPORTED_SLUG = 'imported-img-src-x-onerror-alert-1-hunt';
const PAYLOAD_RULE_ID = '6b1e0c2a-7d3f-4e5a-9b8c-1a2b3c4d5e6f';
const IMPORTED_RULE_ID = '2f7e6d5c-4b3a-4291-8877-665544332211';
/**
 * Images the runbook body names that no server has: the sanitised `<img src=x>` must fail to
 * load for its removed onerror to be tested, and a relative image is kept though it is missing.
 */
const MISSING_IMAGE_RE = /\/rules\/[^/]+\/(?:x|diagram\.png)\b/;
/** Pages the site links to on other origins are answered by the test, never the network. */
const OTHER_ORIGIN_PAGE = '<!doctype html><title>Elsewhere</title><p>Elsewhere</p>';

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
    // The runbook body: text around removed markup, link texts, code and the sanitised survivors.
    'An image with a handler:  (the image stays, the handler goes).',
    'Script links: plain, mixed case, leading spaces, tab inside, vbscript, data link.',
    'Toggle these notes',
    'Object fallback',
    'math text',
    'Written as code: <script>alert(1)</script>, <img src=x onerror=alert(1)>, [x](javascript:alert(1)).',
    'Aligned table',
    'DeviceNetworkEvents | where RemoteUrl has "payload.example"',
    'Vendor docs, mail the SOC, the tool, back to the checks.',
  ],
  [`/rules/${IMPORTED_SLUG}/`]: [
    'Imported <img src=x onerror=alert(1)> hunt',
    'Shared as a *bold* [x](javascript:alert(1)) document.',
    'An adversary hides <img src=x onerror=alert(1)> and [x](javascript:alert(1)) in a hunting write-up.',
    'DeviceNetworkEvents (from the MicrosoftThreatProtection connector): Check <img src=x onerror=alert(1)> and [x](javascript:alert(1)) and *bold* and `tick`.',
    'DeviceEvents: <details ontoggle=alert(1) open><summary>toggle</summary></details> <script>alert(1)</script>.',
    'Admin runs <svg onload=alert(1)> from a [link](JaVaScRiPt:alert(1))',
    '| where InitiatingProcessAccountName != "<img src=x onerror=alert(1)>"',
  ],
  '/tools/payload-tool/': [
    'Payload Tool <script>alert(1)</script>',
    '<img src=x onerror=alert(1)> Vendor',
    'A tool whose catalog entry carries <svg onload=alert(1)> and javascript:alert(1) and "><script>alert(1)</script>.',
    '<img src=x onerror=alert(1)>.example',
    `"><script>alert(1)</script>, ' onmouseover='alert(1)`,
    '<svg onload=alert(1)>.exe',
    '<img src=x onerror=alert(1)> Signing Ltd',
    '[x](javascript:alert(1)) Corp',
    'C:\\<script>alert(1)</script>\\payload.exe',
  ],
  '/tools/': ['Payload Tool <script>alert(1)</script>'],
};

let build: BuildResult;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let pages: string[];

/** Every alert, confirm and prompt a page called, across navigations, since the last takeScriptCalls. */
const scriptCalls: string[] = [];

/** The calls recorded so far, which each test reports as its own. */
function takeScriptCalls(): string[] {
  return scriptCalls.splice(0);
}

beforeAll(async () => {
  writeLongQueryRule(GENERATED_RULES);
  await importHostileDocument(IMPORTED_CONTENT);
  build = await buildSite({
    name: 'e2e-hostile',
    rules: [`${FIXTURE}/rules`, GENERATED_RULES, join(IMPORTED_CONTENT, 'rules')],
    runbooks: [`${FIXTURE}/runbooks`, join(IMPORTED_CONTENT, 'runbooks')],
    tools: `${FIXTURE}/tools`,
  });
  expect(build.code, build.output).toBe(0);
  pages = listPages(build.outDir);
  [server, browser] = await Promise.all([serveStatic(build.outDir), launchBrowser()]);
  context = await browser.newContext({ viewport: PHONE_VIEWPORT });
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await recordScriptCalls(context);
  await context.route(
    (url) => url.origin !== new URL(server.url).origin,
    (route) =>
      route.request().resourceType() === 'document'
        ? route.fulfill({ contentType: 'text/html', body: OTHER_ORIGIN_PAGE })
        : route.fulfill({ status: 204 }),
  );
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  rmSync(GENERATED_RULES, { recursive: true, force: true });
  rmSync(IMPORTED_CONTENT, { recursive: true, force: true });
});

/** Imports the hostile hunting document as `huntbook import` does, into `out`'s rules/ and runbooks/. */
async function importHostileDocument(out: string): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  const lines: string[] = [];
  const io = {
    cwd: PROJECT_ROOT,
    stdout: (line: string) => lines.push(line),
    stderr: (line: string) => lines.push(line),
  };
  const summary = await runImport({ inputs: [`${FIXTURE}/import`], out, force: true }, io);
  expect(summary, lines.join('\n')).toMatchObject({ exitCode: 0, imported: 1, warnings: 0 });
}

/**
 * Replaces alert, confirm and prompt in every page and frame with functions that report each
 * call to the test, so a payload that runs is caught even where no dialog would show.
 */
async function recordScriptCalls(target: BrowserContext): Promise<void> {
  await target.exposeFunction('recordScriptCall', (call: string) => scriptCalls.push(call));
  await target.addInitScript(() => {
    const record = (window as unknown as { recordScriptCall: (call: string) => void }).recordScriptCall;
    for (const name of ['alert', 'confirm', 'prompt'] as const) {
      Object.defineProperty(window, name, {
        value: (...args: unknown[]) => {
          record(`${name}(${args.map(String).join(', ')}) in ${location.href}`);
          return name === 'confirm' ? false : null;
        },
      });
    }
  });
}

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
 * event-handler attributes, injected images and SVG, frames, scripts that call alert, and
 * script, data or VBScript URLs in any attribute that loads or navigates. The runbook body may
 * hold images (a sanitised `<img src=x>` among them), so only images elsewhere count as injected.
 */
function findInjectedMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const describe = (element: Element) => element.outerHTML.slice(0, 120);
    for (const element of document.querySelectorAll('*')) {
      const handlers = element.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on'));
      if (handlers.length > 0) found.push(`event handler ${handlers.join(', ')}: ${describe(element)}`);
    }
    const injected = 'img[src="x"]:not(.runbook-notes img), svg[onload], iframe, frame, object, embed, form, [srcdoc]';
    for (const element of document.querySelectorAll(injected)) found.push(`injected element: ${describe(element)}`);
    for (const element of document.querySelectorAll('.runbook-notes svg, .runbook-notes math, .runbook-notes style')) {
      found.push(`unsanitised runbook element: ${describe(element)}`);
    }
    for (const script of document.querySelectorAll('script')) {
      if (script.textContent?.includes('alert')) found.push(`script calling alert: ${describe(script)}`);
    }
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'srcdoc', 'data', 'poster', 'xlink:href'];
    for (const element of document.querySelectorAll('*')) {
      for (const name of urlAttributes) {
        // Browsers ignore case and drop leading spaces and control characters, tabs and line breaks inside.
        const value = (element.getAttribute(name) ?? '').replace(/[\s\p{Cc}]/gu, '').toLowerCase();
        if (/^(?:javascript|vbscript|data):/.test(value)) found.push(`script URL in ${name}: ${describe(element)}`);
      }
    }
    return found;
  });
}

/** What went wrong on an open page and what payload markup it holds, one `label: problem` line each. */
async function inspectPage(label: string, page: Page, problems: PageProblems): Promise<string[]> {
  const found = [...listProblems(withoutMissingImages(problems)), ...(await findInjectedMarkup(page))];
  return found.map((line) => `${label}: ${line}`);
}

/** Drops what a page that loaded fine reports about the runbook's deliberately missing images. */
function withoutMissingImages(problems: PageProblems): PageProblems {
  return {
    ...problems,
    consoleErrors: problems.consoleErrors.filter((line) => !FAVICON_RE.test(line) && !MISSING_IMAGE_RE.test(line)),
    failedRequests: problems.failedRequests.filter((line) => !MISSING_IMAGE_RE.test(line)),
  };
}

/**
 * Clicks the page's link at `index` as a script would (hidden links too), in the same tab, and
 * waits for what the click starts: another document or a download. A link within the page,
 * without an address, or whose click the page's own script takes (the search launcher) only
 * gets its queued tasks run.
 */
async function clickLink(page: Page, index: number): Promise<void> {
  const href = await page.evaluate((at) => {
    const link = document.querySelectorAll('a')[at] as HTMLAnchorElement;
    link.removeAttribute('target');
    return link.getAttribute('href') === null ? '' : link.href;
  }, index);
  const here = new URL(page.url());
  const target = href === '' ? undefined : new URL(href);
  const leaves =
    target !== undefined &&
    target.protocol !== 'mailto:' &&
    (target.origin !== here.origin || target.pathname !== here.pathname || target.search !== here.search);
  // Listening before the click, as a fast load could finish before the click's answer arrives.
  const left = leaves ? Promise.race([page.waitForEvent('load'), page.waitForEvent('download')]) : undefined;
  left?.catch(() => {
    // Awaited below when the click navigates; otherwise it ends with the page.
  });
  const taken = await page.evaluate((at) => {
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, view: window });
    return !(document.querySelectorAll('a')[at] as HTMLAnchorElement).dispatchEvent(click);
  }, index);
  if (left === undefined || taken) {
    await settle(page);
    return;
  }
  await left.catch((error: Error) => {
    throw new Error(`clicking ${href} on ${here.href}: ${error.message}`);
  });
}

/** Lets the tasks a click or toggle queued (a `javascript:` navigation, a toggle event) run. */
function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 100)));
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
    expect(pages).toContain(`/rules/${IMPORTED_SLUG}/`);
  });

  test('no page runs a payload, gains markup from one, or scrolls sideways on a phone', async () => {
    const report: string[] = [];
    for (const path of pages) {
      const { page, problems } = await openWatchedPage(context);
      // Redirect pages are held in place so their own markup, which names the rule, is checked too.
      if (readRefreshTarget(build.outDir, path) !== undefined) await holdMetaRefresh(page, addressOf(path));
      await page.goto(addressOf(path), { waitUntil: 'load' });
      report.push(...(await inspectPage(path, page, problems)));
      const { scrollWidth, innerWidth } = await measureOverflow(page);
      if (scrollWidth > innerWidth)
        report.push(`${path}: document is ${scrollWidth}px wide in a ${innerWidth}px window`);
      await page.close();
    }
    expect([...report, ...takeScriptCalls()], report.join('\n')).toEqual([]);
  });

  test('the runbook keeps its Markdown, loses the markup that could run, and names no script URL', async () => {
    const page = await context.newPage();
    await page.goto(addressOf(`/rules/${PAYLOAD_SLUG}/`), { waitUntil: 'load' });
    const notes = await page.locator('.runbook-notes').evaluate((root) => ({
      tableAlign: [...root.querySelectorAll('th')].map((cell) => cell.getAttribute('align')),
      summary: root.querySelector('details > summary')?.textContent,
      code: root.querySelector('pre.astro-code')?.getAttribute('data-language'),
      images: [...root.querySelectorAll('img')].map((image) => image.getAttribute('src')),
      linksWithoutAddress: [...root.querySelectorAll('a:not([href])')].map((link) => link.textContent),
      links: [...root.querySelectorAll('a[href]')].map((link) => link.getAttribute('href')),
      checksHeading: root.querySelector('#notes-checks')?.textContent,
      text: root.textContent ?? '',
    }));
    expect(notes).toMatchObject({
      tableAlign: ['left', 'right'],
      summary: 'Toggle these notes',
      code: 'kql',
      // The `<img src=x>` stays without its handler, the data: image without its address.
      images: ['x', null, 'https://images.payload.example/flow.png', 'diagram.png'],
      linksWithoutAddress: ['plain', 'mixed case', 'leading spaces', 'tab inside', 'vbscript', 'data link'],
      links: [
        'https://payload.example/docs',
        'mailto:soc@payload.example',
        '../../tools/payload-tool/',
        '#notes-checks',
      ],
      checksHeading: 'Checks',
    });
    // Script and style elements go with their content; nothing of the removed payloads is left.
    for (const removed of ['runbook script', 'display: none', 'parent.alert', 'msgbox'])
      expect(notes.text, removed).not.toContain(removed);
    await page.close();
  });

  test('clicking every link and toggling every details element on the runbook pages runs nothing', async () => {
    const report: string[] = [];
    for (const path of [`/rules/${PAYLOAD_SLUG}/`, `/rules/${IMPORTED_SLUG}/`]) {
      const { page, problems } = await openWatchedPage(context);
      await page.goto(addressOf(path), { waitUntil: 'load' });
      const linkCount = await page.locator('a').count();
      expect(linkCount, path).toBeGreaterThan(10);
      for (let index = 0; index < linkCount; index++) {
        if (page.url() !== addressOf(path)) await page.goto(addressOf(path), { waitUntil: 'load' });
        await clickLink(page, index);
      }
      await page.goto(addressOf(path), { waitUntil: 'load' });
      const toggled = await page.evaluate(() => {
        const summaries = [...document.querySelectorAll('details > summary')] as HTMLElement[];
        for (const summary of summaries) summary.click();
        return summaries.length;
      });
      // The runbook's details element, and the page's own (the search filters, say).
      if (path === `/rules/${PAYLOAD_SLUG}/`) expect(toggled, path).toBeGreaterThan(0);
      await settle(page);
      report.push(...(await inspectPage(path, page, problems)));
      await page.close();
    }
    expect([...report, ...takeScriptCalls()], report.join('\n')).toEqual([]);
  });

  test('the permanent links of the payload rules land on their pages and run nothing', async () => {
    const report: string[] = [];
    const landings = [
      { from: `/r/${PAYLOAD_RULE_ID}/`, to: `/rules/${PAYLOAD_SLUG}/` },
      { from: `/r/${IMPORTED_RULE_ID}/`, to: `/rules/${IMPORTED_SLUG}/` },
      {
        from: `/r/?name=${encodeURIComponent('Imported <img src=x onerror=alert(1)> hunt')}`,
        to: `/rules/${IMPORTED_SLUG}/`,
      },
    ];
    for (const { from, to } of landings) {
      const { page, problems } = await openWatchedPage(context);
      await page.goto(addressOf(from));
      await page.waitForURL(addressOf(to), { waitUntil: 'load' });
      report.push(...(await inspectPage(from, page, problems)));
      await page.close();
    }
    expect([...report, ...takeScriptCalls()], report.join('\n')).toEqual([]);
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

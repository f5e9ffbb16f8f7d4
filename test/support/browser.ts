import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless flags for a machine without network access: the background-networking switches keep
 * Chromium from retrying update, sync and component downloads against a closed network.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Debian's Chromium headless; never downloads a browser. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's package with "apt-get install chromium"`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** What went wrong while a page was open, collected from the browser's own events. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
  dialogs: string[];
}

export interface WatchedPage {
  page: Page;
  problems: PageProblems;
}

/** Opens a new page that records console errors, uncaught errors, failed requests and dialogs. */
export async function openWatchedPage(context: BrowserContext): Promise<WatchedPage> {
  const page = await context.newPage();
  return { page, problems: watchPage(page) };
}

/** Starts recording a page's problems; dialogs are recorded and dismissed so nothing blocks. */
export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], failedRequests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error')
      problems.consoleErrors.push(`${message.text()} (${describeLocation(message.location())})`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.stack ?? error.message));
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    const line = `${request.method()} ${request.url()}: ${reason}`;
    problems.failedRequests.push(line);
    // A navigation cancels the loads of the document it replaces (a redirect page's icon, say);
    // those are not failures, so they are taken back if their frame navigates next.
    if (reason === ABORTED) cancelOnNavigation(page, request.frame(), () => removeItem(problems.failedRequests, line));
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.failedRequests.push(`${response.request().method()} ${response.url()}: HTTP ${response.status()}`);
    }
  });
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {
      // The page may already be closing; the dialog was recorded either way.
    });
  });
  return problems;
}

const ABORTED = 'net::ERR_ABORTED';

function cancelOnNavigation(page: Page, frame: Frame, undo: () => void): void {
  const onNavigated = (navigated: Frame) => {
    if (navigated !== frame) return;
    page.off('framenavigated', onNavigated);
    undo();
  };
  page.on('framenavigated', onNavigated);
}

function removeItem(items: string[], item: string): void {
  const index = items.indexOf(item);
  if (index !== -1) items.splice(index, 1);
}

/** Lists every recorded problem as one line each, prefixed with its kind; empty when clean. */
export function listProblems(problems: PageProblems): string[] {
  return [
    ...problems.consoleErrors.map((line) => `console error: ${line}`),
    ...problems.pageErrors.map((line) => `page error: ${line}`),
    ...problems.failedRequests.map((line) => `failed request: ${line}`),
    ...problems.dialogs.map((line) => `dialog: ${line}`),
  ];
}

const REFRESH_META_RE = /<meta http-equiv="?refresh"?[^>]*>/gi;

/**
 * Serves one address to a page without its meta refresh, so a redirect page's own markup stays
 * on screen long enough to be inspected. Everything else in the response is left as it is.
 */
export async function holdMetaRefresh(page: Page, url: string): Promise<void> {
  await page.route(url, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace(REFRESH_META_RE, '') });
  });
}

function describeLocation(location: { url: string; lineNumber: number; columnNumber: number }): string {
  return location.url ? `${location.url}:${location.lineNumber}:${location.columnNumber}` : 'no location';
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildFixture, listBuiltPages } from '../support/build-site.ts';
import { listFiles } from '../support/static-server.ts';

const FIXTURE = 'test/fixtures/valid';
const CSP_SELECTOR = 'meta[http-equiv="content-security-policy" i]';
/** Elements that load or run something the policy governs: none may come before it. */
const GOVERNED_SELECTOR = 'script, style, link[rel~="stylesheet"], img, base, iframe, object, embed';
/** Script types the browser runs; a `text/pagefind-template` script is data, never run. */
const RUN_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);
const SPACE_RE = /\s+/;
const REDIRECT_PAGE_RE = /^r\/[^/]+\/index\.html$/;

let first: BuildResult;
let rebuild: BuildResult;

beforeAll(async () => {
  first = await buildFixture(FIXTURE, 'csp');
  expect(first.code, first.output).toBe(0);
  // Over the first build's output: unchanged pages are copied from the build cache, not rendered.
  rebuild = await buildFixture(FIXTURE, 'csp', { keepOutput: true });
  expect(rebuild.code, rebuild.output).toBe(0);
});

/** The policy's directives by name, each with its sources. */
function parsePolicy(content: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of content.split(';')) {
    const [name, ...sources] = part.trim().split(SPACE_RE);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** What is wrong with one page's policy, one line each. */
function checkPage(html: string): string[] {
  const $ = load(html);
  const metas = $(CSP_SELECTOR);
  if (metas.length !== 1) return [`${metas.length} CSP meta tags`];
  const problems: string[] = [];
  const policy = parsePolicy(metas.attr('content') ?? '');
  const scriptSrc = policy.get('script-src') ?? [];
  const styleSrc = policy.get('style-src') ?? [];
  if (policy.get('object-src')?.join(' ') !== "'none'") problems.push("object-src is not 'none'");
  if (policy.get('base-uri')?.join(' ') !== "'self'") problems.push("base-uri is not 'self'");
  if (policy.get('default-src')?.join(' ') !== "'self'") problems.push("default-src is not 'self'");
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"]) {
    if (scriptSrc.includes(unsafe)) problems.push(`script-src allows ${unsafe}`);
    if (styleSrc.includes(unsafe)) problems.push(`style-src allows ${unsafe}`);
  }
  const all = $('*').toArray();
  const metaAt = all.indexOf(metas[0] as (typeof all)[number]);
  const before = $(GOVERNED_SELECTOR)
    .toArray()
    .filter((element) => all.indexOf(element) < metaAt);
  if (before.length > 0) problems.push(`<${before[0]?.tagName}> before the policy`);
  for (const element of $('script:not([src])').toArray()) {
    const type = ($(element).attr('type') ?? '').toLowerCase();
    const text = $(element).html() ?? '';
    if (RUN_TYPES.has(type) && !scriptSrc.includes(sha256(text)))
      problems.push(`inline script without its hash: ${text.slice(0, 60)}`);
  }
  for (const element of $('style').toArray()) {
    const text = $(element).html() ?? '';
    if (!styleSrc.includes(sha256(text))) problems.push(`inline style without its hash: ${text.slice(0, 60)}`);
  }
  for (const element of $('*').toArray()) {
    if (!('attribs' in element)) continue;
    const attributes = Object.keys(element.attribs);
    if (attributes.includes('style'))
      problems.push(`style attribute on <${element.tagName}> (blocked without 'unsafe-inline')`);
    const handler = attributes.find((name) => name.startsWith('on'));
    if (handler) problems.push(`${handler} attribute on <${element.tagName}>`);
  }
  return problems;
}

function checkSite(outDir: string): string[] {
  const pages = listFiles(outDir).filter((file) => file.endsWith('.html'));
  expect(pages.length).toBeGreaterThan(10);
  return pages.flatMap((page) =>
    checkPage(readFileSync(join(outDir, page), 'utf8')).map((problem) => `${page} — ${problem}`),
  );
}

describe('the Content-Security-Policy of every page', () => {
  test('each HTML file has one policy, first in the head, naming every inline script and style', () => {
    expect(checkSite(first.outDir)).toEqual([]);
  });

  test('the redirect pages, written without Astro, carry it too', () => {
    const pages = listFiles(first.outDir).filter((file) => REDIRECT_PAGE_RE.test(file));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages)
      expect(readFileSync(join(first.outDir, page), 'utf8')).toMatch(
        /<head><meta charset="utf-8"><meta http-equiv="content-security-policy"/,
      );
  });

  test('pages a rebuild copies from the build cache carry it too', () => {
    expect(listBuiltPages(rebuild.output).reused.length).toBeGreaterThan(0);
    expect(checkSite(rebuild.outDir)).toEqual([]);
  });

  test('the checks would catch an inline handler, a style attribute and an unhashed script', () => {
    const html = readFileSync(join(first.outDir, 'index.html'), 'utf8').replace(
      '<main',
      '<script>alert(1)</script><p style="color:red" onclick="x()"></p><main',
    );
    expect(checkPage(html)).toEqual([
      'inline script without its hash: alert(1)',
      "style attribute on <p> (blocked without 'unsafe-inline')",
      'onclick attribute on <p>',
    ]);
  });
});

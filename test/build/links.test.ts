import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type CheerioAPI, load } from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildFixture, buildSite } from '../support/build-site.ts';
import { listFiles, listPages } from '../support/static-server.ts';

const FIXTURE = 'test/fixtures/valid';
const SUB_PATH = '/soc/wiki/';
/** A host no link can point to: every URL is resolved against it, so any other host is external. */
const SITE_ORIGIN = 'http://huntbook.invalid';
const LINK_ATTRIBUTES = ['href', 'src', 'action'] as const;
const REFRESH_URL_RE = /^\s*\d+\s*;\s*url\s*=\s*(.+)$/i;
const CSS_URL_RE = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
const SCHEME_RE = /^[a-z][a-z\d+.-]*:/i;
const INDEX_HTML_RE = /(^|\/)index\.html$/;

interface Link {
  /** The file the link is in, relative to the site root. */
  from: string;
  url: string;
}

const valid = (name: string, base?: string) => buildFixture(FIXTURE, name, { base });

const builds: Record<string, { build: BuildResult; base: string }> = {};

beforeAll(async () => {
  const [atRoot, atSubPath, bundled] = await Promise.all([
    valid('links-root'),
    valid('links-sub-path', SUB_PATH),
    buildSite({
      name: 'links-bundled',
      rules: 'example/rules',
      sigma: 'example/sigma',
      runbooks: 'example/runbooks',
      tools: 'content/tools',
      base: SUB_PATH,
    }),
  ]);
  for (const build of [atRoot, atSubPath, bundled]) expect(build.code, build.output).toBe(0);
  builds.root = { build: atRoot, base: '/' };
  builds.subPath = { build: atSubPath, base: SUB_PATH };
  builds.bundled = { build: bundled, base: SUB_PATH };
});

/** Every URL a page points at: link and resource attributes, and the meta refresh target. */
function collectPageLinks($: CheerioAPI, from: string): Link[] {
  const links: Link[] = [];
  for (const attribute of LINK_ATTRIBUTES) {
    $(`[${attribute}]`).each((_, element) => {
      links.push({ from, url: $(element).attr(attribute) ?? '' });
    });
  }
  $('meta[http-equiv="refresh" i]').each((_, element) => {
    const target = REFRESH_URL_RE.exec($(element).attr('content') ?? '')?.[1];
    links.push({ from, url: target ?? '' });
  });
  return links;
}

/** Every `url(…)` in a stylesheet, except inline data. */
function collectCssLinks(css: string, from: string): Link[] {
  return [...css.matchAll(CSS_URL_RE)]
    .map((match) => ({ from, url: (match[2] ?? '').trim() }))
    .filter((link) => !link.url.startsWith('data:'));
}

/** Maps an internal URL path to the built file that serves it; undefined when it is outside the base. */
function toFile(outDir: string, base: string, pathname: string): string | undefined {
  if (!pathname.startsWith(base)) return undefined;
  const inside = decodeURIComponent(pathname.slice(base.length));
  const file = join(outDir, inside);
  if (inside === '' || inside.endsWith('/')) return join(file, 'index.html');
  return file;
}

/** Ids (and legacy anchor names) on a built page, read once per page. */
function createIdReader(): (file: string) => Set<string> {
  const cache = new Map<string, Set<string>>();
  return (file) => {
    let ids = cache.get(file);
    if (ids === undefined) {
      const $ = load(readFileSync(file, 'utf8'));
      ids = new Set([
        ...$('[id]').map((_, el) => $(el).attr('id')),
        ...$('a[name]').map((_, el) => $(el).attr('name')),
      ]);
      cache.set(file, ids);
    }
    return ids;
  };
}

/** Checks one link; returns why it is broken, or undefined when it resolves. */
function checkLink(
  outDir: string,
  base: string,
  link: Link,
  readIds: (file: string) => Set<string>,
): string | undefined {
  if (link.url.trim() === '') return 'empty URL';
  const fromUrl = new URL(link.from.replace(INDEX_HTML_RE, '$1'), `${SITE_ORIGIN}${base}`);
  const resolved = new URL(link.url, fromUrl);
  if (resolved.origin !== SITE_ORIGIN || link.url.startsWith('//')) {
    const absolute = SCHEME_RE.test(link.url) && ['http:', 'https:'].includes(resolved.protocol);
    return absolute ? undefined : 'not an absolute http(s) address';
  }
  const file = toFile(outDir, base, resolved.pathname);
  if (file === undefined) return `outside the site's base ${base}`;
  if (!existsSync(file) || !statSync(file).isFile()) return `no file ${file.slice(outDir.length)}`;
  const fragment = decodeURIComponent(resolved.hash.slice(1));
  if (fragment !== '' && file.endsWith('.html') && !readIds(file).has(fragment))
    return `no element with id "${fragment}"`;
  return undefined;
}

/** Crawls a built site and lists every broken internal link or non-http(s) external one. */
function findBrokenLinks(outDir: string, base: string): string[] {
  const links: Link[] = [];
  for (const file of listFiles(outDir)) {
    if (file.endsWith('.html')) links.push(...collectPageLinks(load(readFileSync(join(outDir, file), 'utf8')), file));
    if (file.endsWith('.css')) links.push(...collectCssLinks(readFileSync(join(outDir, file), 'utf8'), file));
  }
  const readIds = createIdReader();
  return links.flatMap((link) => {
    const problem = checkLink(outDir, base, link, readIds);
    return problem === undefined ? [] : [`${link.from}: ${link.url} → ${problem}`];
  });
}

describe('links', () => {
  test.each([
    ['the fixture site at /', 'root'],
    [`the fixture site at ${SUB_PATH}`, 'subPath'],
    [`the bundled content site at ${SUB_PATH}`, 'bundled'],
  ])('every internal link in %s resolves', (_, key) => {
    const { build, base } = builds[key] as { build: BuildResult; base: string };
    expect(listPages(build.outDir).length).toBeGreaterThan(0);
    const broken = findBrokenLinks(build.outDir, base);
    expect(broken, broken.join('\n')).toEqual([]);
  });
});

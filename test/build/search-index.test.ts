import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { listCachedBundles } from '../../src/search/index-fs.ts';
import { indexSite } from '../../src/search/index-site.ts';
import { type BuildResult, buildFixture, PROJECT_ROOT } from '../support/build-site.ts';
import { findBundleOf, hashFolder, listBundles, readBundlePages } from '../support/search-bundles.ts';

/** Small enough that the fixture's dozen searchable pages make several shards. */
const SHARD_PAGES = 2;
const BUILDS_DIR = join(PROJECT_ROOT, '.huntbook', 'test-builds');
const EDITED_URL = '/rules/remote-management-and-monitoring-tool-pdq-network-connection/';

let build: BuildResult;
const pagefindDir = () => join(build.outDir, 'pagefind');
const reindex = () => indexSite({ outDir: build.outDir, cacheDir: `${build.outDir}-cache`, shardPages: SHARD_PAGES });

beforeAll(async () => {
  // The cache outlives test runs; without its shards the first build indexes every one.
  rmSync(join(BUILDS_DIR, 'search-index-cache', 'search'), { recursive: true, force: true });
  build = await buildFixture('test/fixtures/valid', 'search-index', {
    env: { HUNTBOOK_SEARCH_SHARD_PAGES: String(SHARD_PAGES) },
  });
  expect(build.code, build.output).toBe(0);
});

/** URLs of the pages that mark their content for search, straight from the built HTML. */
function listSearchableUrls(outDir: string): string[] {
  return ['rules', 'tools', 'techniques']
    .flatMap((folder) =>
      readdirSync(join(outDir, folder), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('index.html'))
        .filter((name) => readFileSync(join(outDir, folder, name), 'utf8').includes('data-pagefind-body'))
        .map((name) => `/${folder}/${name.replace(/index\.html$/, '')}`),
    )
    .sort();
}

describe('sharded search index', () => {
  test('splits the searchable pages over several bundles, each within the limit', () => {
    const bundles = listBundles(build.outDir);
    expect(bundles.length).toBeGreaterThan(2);
    const urls = bundles.flatMap((bundle) => readBundlePages(build.outDir, bundle).map((page) => page.url));
    expect(urls.sort()).toEqual(listSearchableUrls(build.outDir));
    for (const bundle of bundles) {
      expect(readBundlePages(build.outDir, bundle).length, bundle).toBeLessThanOrEqual(SHARD_PAGES);
    }
    expect(build.output).toMatch(
      new RegExp(
        `\\[search\\] Indexed ${urls.length} pages in [\\d.]+s \\(${bundles.length} shards: ${bundles.length} indexed, 0 reused from the cache\\)`,
      ),
    );
  });

  test('only the primary bundle carries the scripts that run search', () => {
    const [primary, merged] = listBundles(build.outDir);
    const files = (bundle: string | undefined) => readdirSync(join(pagefindDir(), bundle ?? ''));
    expect(files(primary)).toEqual(
      expect.arrayContaining(['pagefind.js', 'pagefind-component-ui.js', 'wasm.en.pagefind']),
    );
    expect(files(merged).sort()).toEqual(
      expect.arrayContaining(['filter', 'fragment', 'index', 'pagefind-entry.json']),
    );
    expect(files(merged).filter((name) => name.endsWith('.js') || name.endsWith('.pagefind'))).toEqual([]);
  });

  test('a second run with nothing changed reuses every shard and writes the same bytes', async () => {
    const before = hashFolder(pagefindDir());
    const report = await reindex();
    expect(report.shards.filter((shard) => !shard.reused)).toEqual([]);
    expect(hashFolder(pagefindDir())).toEqual(before);
  });

  test('changing one page re-indexes only its shard', async () => {
    const editedBundle = findBundleOf(build.outDir, EDITED_URL) as string;
    expect(editedBundle).toBeDefined();
    const before = hashFolder(pagefindDir());
    const file = join(build.outDir, EDITED_URL, 'index.html');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        '<article data-pagefind-body>',
        '<article data-pagefind-body><p>Zanzibarquux</p>',
      ),
    );

    const report = await reindex();
    expect(report.shards.filter((shard) => !shard.reused).map((shard) => shard.bundle)).toEqual([editedBundle]);
    const after = hashFolder(pagefindDir());
    const changed = [...after.keys()].filter((path) => after.get(path) !== before.get(path));
    const editedPrefix = editedBundle === '' ? /^(?!shards\/)/ : new RegExp(`^${editedBundle}`);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((path) => !editedPrefix.test(path))).toEqual([]);
    const edited = readBundlePages(build.outDir, editedBundle).find((page) => page.url === EDITED_URL);
    expect(edited?.content).toContain('Zanzibarquux');
    // The re-indexed bundle lost the old fragment of the page.
    expect(readdirSync(join(pagefindDir(), editedBundle, 'fragment'))).toHaveLength(
      readBundlePages(build.outDir, editedBundle).length,
    );
    // The cache keeps just this build's bundles.
    expect(listCachedBundles(join(`${build.outDir}-cache`, 'search'))).toHaveLength(report.shards.length);
  });

  test('another shard size replaces every bundle and leaves none of the old ones', async () => {
    const report = await indexSite({ outDir: build.outDir, cacheDir: `${build.outDir}-cache`, shardPages: 5 });
    const bundles = listBundles(build.outDir);
    expect(bundles).toEqual(report.shards.map((shard) => shard.bundle));
    expect(
      readdirSync(join(pagefindDir(), 'shards'))
        .map((name) => `shards/${name}/`)
        .sort(),
    ).toEqual(bundles.slice(1).sort());
    const urls = bundles.flatMap((bundle) => readBundlePages(build.outDir, bundle).map((page) => page.url));
    expect(urls.sort()).toEqual(listSearchableUrls(build.outDir));
    expect(listCachedBundles(join(`${build.outDir}-cache`, 'search'))).toHaveLength(bundles.length);
  });

  test('pages whose paths hold glob characters are indexed like any other', async () => {
    const odd = join(build.outDir, 'rules', 'odd{1},[x]', 'index.html');
    mkdirSync(dirname(odd), { recursive: true });
    copyFileSync(join(build.outDir, EDITED_URL, 'index.html'), odd);
    await reindex();
    // Pagefind's URL for it, with the braces percent-encoded.
    expect(findBundleOf(build.outDir, '/rules/odd%7B1%7D,[x]/')).toBeDefined();
  });

  test('a failure in a lane process fails the index step and names the shard', async () => {
    const bad = join(build.outDir, 'rules', 'back\\slash', 'index.html');
    mkdirSync(dirname(bad), { recursive: true });
    copyFileSync(join(build.outDir, EDITED_URL, 'index.html'), bad);
    try {
      await expect(reindex()).rejects.toThrow(
        /^search index: shard [\d-]+ \(\d+ pages?\): cannot index rules\/back\\slash\/index\.html: Pagefind globs cannot match a backslash$/,
      );
    } finally {
      rmSync(dirname(bad), { recursive: true, force: true });
    }
  });
});

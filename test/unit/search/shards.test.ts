import { describe, expect, test } from 'vitest';
import {
  chooseShardPages,
  countBuckets,
  type DigestedShard,
  digestSearchShard,
  hasPagefindBody,
  isPrimaryOnlyFile,
  planSearchShards,
  planShardWork,
  type SearchPage,
  type SearchShard,
  toPagefindGlob,
  toSearchManifest,
} from '../../../src/search/shards.ts';

/** `rules` rule pages and `reference` tool and technique pages, in an order unlike the sorted one. */
function makePages(rules: number, reference = 0): SearchPage[] {
  const pages: SearchPage[] = [];
  for (let index = rules - 1; index >= 0; index--)
    pages.push({ path: `rules/rule-${index}/index.html`, hash: `r${index}` });
  for (let index = 0; index < reference; index++) {
    const folder = index % 2 === 0 ? 'tools' : 'techniques';
    pages.push({ path: `${folder}/page-${index}/index.html`, hash: `t${index}` });
  }
  return pages;
}

/** Shard name of each page path. */
function assignment(shards: readonly SearchShard[]): Map<string, string> {
  return new Map(shards.flatMap((shard) => shard.pages.map((page) => [page.path, shard.name] as const)));
}

/** Names of the shards whose pages or page bytes differ between two plans. */
function changedShards(before: readonly SearchShard[], after: readonly SearchShard[]): string[] {
  const key = (shard: SearchShard) => digestSearchShard(shard, '');
  const old = new Set(before.map(key));
  return after.filter((shard) => !old.has(key(shard))).map((shard) => shard.name);
}

describe('countBuckets', () => {
  test.each([
    { pages: 0, shardPages: 1000, buckets: 1 },
    { pages: 900, shardPages: 1000, buckets: 1 },
    { pages: 901, shardPages: 1000, buckets: 2 },
    { pages: 2000, shardPages: 1000, buckets: 3 },
    { pages: 5000, shardPages: 1000, buckets: 6 },
    { pages: 20_000, shardPages: 1000, buckets: 23 },
    { pages: 10, shardPages: 3, buckets: 4 },
  ])('$pages pages, at most $shardPages a shard → $buckets buckets', ({ pages, shardPages, buckets }) => {
    expect(countBuckets(pages, shardPages)).toBe(buckets);
  });
});

describe('chooseShardPages', () => {
  test.each([
    { pages: 0, shardPages: 500, shards: 1 },
    { pages: 1_100, shardPages: 500, shards: 3 },
    { pages: 5_184, shardPages: 500, shards: 12 },
    { pages: 10_800, shardPages: 500, shards: 24 },
    { pages: 20_700, shardPages: 959, shards: 24 },
    { pages: 100_000, shardPages: 4_630, shards: 24 },
  ])('$pages pages → shards of at most $shardPages, $shards of them', ({ pages, shardPages, shards }) => {
    expect(chooseShardPages(pages)).toBe(shardPages);
    expect(countBuckets(pages, chooseShardPages(pages))).toBe(shards);
  });
});

describe('planSearchShards', () => {
  test.each([
    { rules: 1, reference: 0, shardPages: 1000 },
    { rules: 10, reference: 6, shardPages: 2 },
    { rules: 10, reference: 6, shardPages: 3 },
    { rules: 40, reference: 0, shardPages: 1 },
    { rules: 2500, reference: 700, shardPages: 1000 },
    { rules: 5000, reference: 300, shardPages: 1000 },
  ])('$rules rules and $reference reference pages, at most $shardPages a shard', ({ rules, reference, shardPages }) => {
    const pages = makePages(rules, reference);
    const shards = planSearchShards(pages, shardPages);
    // Every page in exactly one shard, no shard over the limit or empty.
    expect(shards.flatMap((shard) => shard.pages).length).toBe(pages.length);
    expect(assignment(shards).size).toBe(pages.length);
    for (const shard of shards) {
      expect(shard.pages.length, shard.name).toBeGreaterThan(0);
      expect(shard.pages.length, shard.name).toBeLessThanOrEqual(shardPages);
      expect(shard.pages.map((page) => page.path)).toEqual(shard.pages.map((page) => page.path).sort());
    }
    // The first shard is the primary bundle; the others sit under it, one folder each.
    expect(shards.map((shard) => shard.bundle)).toEqual(
      shards.map((shard, index) => (index === 0 ? '' : `shards/${shard.name}/`)),
    );
    expect(new Set(shards.map((shard) => shard.name)).size).toBe(shards.length);
    // Not many more shards than the pages need.
    if (shardPages >= 1000) expect(shards.length).toBe(countBuckets(pages.length, shardPages));
  });

  test('every small site and limit gives full shards within the limit', () => {
    for (let count = 1; count <= 40; count++) {
      for (let shardPages = 1; shardPages <= 6; shardPages++) {
        const shards = planSearchShards(makePages(count), shardPages);
        const sizes = shards.map((shard) => shard.pages.length);
        expect(
          sizes.every((size) => size >= 1 && size <= shardPages),
          `${count} pages, ${shardPages} a shard: ${sizes}`,
        ).toBe(true);
        expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(count);
      }
    }
  });

  test('every kind of page is spread over the shards, so each ranks matches alike', () => {
    const shards = planSearchShards(makePages(2500, 300), 1000);
    expect(shards.map((shard) => shard.name)).toEqual(['0', '1', '2', '3']);
    for (const shard of shards) {
      const tools = shard.pages.filter((page) => !page.path.startsWith('rules/')).length;
      // About 300 / 4 each.
      expect(tools, shard.name).toBeGreaterThan(40);
      expect(tools, shard.name).toBeLessThan(110);
    }
  });

  test('the order pages arrive in does not matter', () => {
    const pages = makePages(300, 40);
    expect(planSearchShards([...pages].reverse(), 50)).toEqual(planSearchShards(pages, 50));
  });

  test('editing a page changes its shard only', () => {
    const pages = makePages(2500, 300);
    const before = planSearchShards(pages, 1000);
    const edited = pages.map((page) =>
      page.path === 'rules/rule-1234/index.html' ? { ...page, hash: 'edited' } : page,
    );
    const after = planSearchShards(edited, 1000);
    expect(assignment(after)).toEqual(assignment(before));
    expect(changedShards(before, after)).toEqual([assignment(before).get('rules/rule-1234/index.html')]);
  });

  test.each([
    { change: 'adding a rule', edit: (pages: SearchPage[]) => [...pages, { path: 'rules/new/index.html', hash: 'n' }] },
    {
      change: 'removing a rule',
      edit: (pages: SearchPage[]) => pages.filter((page) => page.path !== 'rules/rule-7/index.html'),
    },
  ])('$change changes one shard while the bucket count stays', ({ edit }) => {
    const pages = makePages(2500, 300);
    const before = planSearchShards(pages, 1000);
    const after = planSearchShards(edit(pages), 1000);
    expect(after.length).toBe(before.length);
    expect(changedShards(before, after)).toHaveLength(1);
  });

  test.each([0, -1, 1.5, Number.NaN])('refuses %s pages a shard', (shardPages) => {
    expect(() => planSearchShards(makePages(3), shardPages)).toThrow('shardPages must be a positive integer');
  });
});

describe('digestSearchShard', () => {
  const shard = { pages: [{ path: 'rules/a/index.html', hash: 'h1' }] };
  const digest = digestSearchShard(shard, 'pagefind 1.6.0');

  test.each([
    { what: 'the same input', pages: shard.pages, key: 'pagefind 1.6.0', same: true },
    { what: "a page's bytes", pages: [{ path: 'rules/a/index.html', hash: 'h2' }], key: 'pagefind 1.6.0', same: false },
    { what: "a page's path", pages: [{ path: 'rules/b/index.html', hash: 'h1' }], key: 'pagefind 1.6.0', same: false },
    { what: 'the Pagefind version or options', pages: shard.pages, key: 'pagefind 1.7.0', same: false },
    {
      what: 'an added page',
      pages: [...shard.pages, { path: 'rules/b/index.html', hash: 'h1' }],
      key: 'pagefind 1.6.0',
      same: false,
    },
  ])('$what → same digest: $same', ({ pages, key, same }) => {
    expect(digestSearchShard({ pages }, key) === digest).toBe(same);
  });

  test('is a hex SHA-256', () => {
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('planShardWork', () => {
  const shard = (name: string, digest: string): DigestedShard => ({ name, digest, bundle: '', pages: [] });
  const a = shard('0', 'aaa');
  const b = shard('1', 'bbb');

  test.each([
    { cached: [], reuse: [], index: ['0', '1'] },
    { cached: ['aaa'], reuse: ['0'], index: ['1'] },
    { cached: ['aaa', 'bbb'], reuse: ['0', '1'], index: [] },
    { cached: ['zzz', 'bbb'], reuse: ['1'], index: ['0'] },
  ])('cache $cached: reuse $reuse, index $index', ({ cached, reuse, index }) => {
    const work = planShardWork([a, b], cached);
    expect(work.reuse.map((item) => item.name)).toEqual(reuse);
    expect(work.index.map((item) => item.name)).toEqual(index);
  });
});

describe('toSearchManifest', () => {
  test('lists every bundle but the primary', () => {
    const shards = planSearchShards(makePages(10), 3);
    expect(toSearchManifest(shards)).toEqual({ bundles: shards.slice(1).map((shard) => `shards/${shard.name}/`) });
    expect(toSearchManifest(shards).bundles.length).toBeGreaterThan(1);
    expect(toSearchManifest(shards.slice(0, 1))).toEqual({ bundles: [] });
  });
});

describe('hasPagefindBody', () => {
  test.each([
    { html: '<article data-pagefind-body>', marked: true },
    { html: '<main class="x" data-pagefind-body="">', marked: true },
    { html: '<div\ndata-pagefind-body\n>', marked: true },
    { html: '<p>Add data-pagefind-body to a page</p>', marked: false },
    { html: '<article data-pagefind-body-extra>', marked: false },
    { html: '<article>', marked: false },
  ])('$html → $marked', ({ html, marked }) => {
    expect(hasPagefindBody(html)).toBe(marked);
  });
});

describe('isPrimaryOnlyFile', () => {
  test.each([
    { name: 'pagefind.js', primaryOnly: true },
    { name: 'pagefind-component-ui.js', primaryOnly: true },
    { name: 'pagefind-component-ui.css', primaryOnly: true },
    { name: 'pagefind-worker.js', primaryOnly: true },
    { name: 'wasm.en.pagefind', primaryOnly: true },
    { name: 'wasm.unknown.pagefind', primaryOnly: true },
    { name: 'pagefind-entry.json', primaryOnly: false },
    { name: 'pagefind.en_c7be31bec6.pf_meta', primaryOnly: false },
    { name: 'en_0eaa940.pf_fragment', primaryOnly: false },
    { name: 'fragment', primaryOnly: false },
  ])('$name → $primaryOnly', ({ name, primaryOnly }) => {
    expect(isPrimaryOnlyFile(name)).toBe(primaryOnly);
  });
});

describe('toPagefindGlob', () => {
  test.each([
    { paths: ['rules/a/index.html'], glob: '{rules/a/index.html}' },
    {
      paths: ['rules/a/index.html', 'techniques/T1219.002/index.html'],
      glob: '{rules/a/index.html,techniques/T1219.002/index.html}',
    },
    { paths: ['rules/a{1},[b]*?/index.html'], glob: '{rules/a\\{1\\}\\,\\[b\\]\\*\\?/index.html}' },
    { paths: ['tools/x y+z!/index.html'], glob: '{tools/x y+z!/index.html}' },
  ])('$paths → $glob', ({ paths, glob }) => {
    expect(toPagefindGlob(paths)).toBe(glob);
  });

  test('a backslash cannot be matched', () => {
    expect(() => toPagefindGlob(['rules/a\\b/index.html'])).toThrow(
      'cannot index rules/a\\b/index.html: Pagefind globs cannot match a backslash',
    );
  });
});

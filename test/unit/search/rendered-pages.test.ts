import { describe, expect, test } from 'vitest';
import { findRenderedPageSink, installRenderedPageSink, toSearchPagePath } from '../../../src/search/rendered-pages.ts';
import {
  chooseShardPages,
  countStreamBuckets,
  planSearchShards,
  SEARCHABLE_FOLDERS,
  toStreamBucket,
} from '../../../src/search/shards.ts';

describe('toSearchPagePath', () => {
  test.each([
    ['/rules/pdq/', '/', 'rules/pdq/index.html'],
    ['/soc/wiki/rules/pdq/', '/soc/wiki/', 'rules/pdq/index.html'],
    ['/soc/wiki/tools/anydesk/', '/soc/wiki', 'tools/anydesk/index.html'],
    ['/techniques/T1219/', '/', 'techniques/T1219/index.html'],
    ['/rules/', '/', 'rules/index.html'],
    // Astro names the file after the decoded path.
    ['/rules/caf%C3%A9%20hunt/', '/', 'rules/café hunt/index.html'],
  ])('%s under %s → %s', (pathname, base, expected) => {
    expect(toSearchPagePath(pathname, base, SEARCHABLE_FOLDERS)).toBe(expected);
  });

  test.each([
    ['/coverage/', '/', 'not a searchable folder'],
    ['/', '/', 'the home page'],
    ['/rules/pdq/', '/soc/', 'outside the base'],
    ['/api/rules.json', '/', 'not a page folder'],
    ['/rules/%E0%A4%A/', '/', 'broken percent-encoding'],
  ])('%s under %s is not a search page (%s)', (pathname, base) => {
    expect(toSearchPagePath(pathname, base, SEARCHABLE_FOLDERS)).toBeUndefined();
  });
});

describe('the sink hand-over', () => {
  test('a sink is found until it is removed', () => {
    const sink = { expect: () => {}, add: () => {} };
    installRenderedPageSink(sink);
    expect(findRenderedPageSink()).toBe(sink);
    installRenderedPageSink(undefined);
    expect(findRenderedPageSink()).toBeUndefined();
  });
});

describe('stream buckets', () => {
  const pagesOf = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ path: `rules/rule-${index}/index.html`, hash: String(index) }));

  test.each([30, 499, 1_200, 5_070, 20_700])(
    'with %i pages, every unsplit shard is exactly the pages streamed to its bucket',
    (count) => {
      const pages = pagesOf(count);
      const bucketCount = countStreamBuckets(count);
      const shards = planSearchShards(pages, chooseShardPages(count));
      const unsplit = shards.filter((shard) => !shard.name.includes('-'));
      expect(unsplit.length).toBeGreaterThan(0);
      for (const shard of unsplit) {
        const streamed = pages.filter((page) => toStreamBucket(page.path, bucketCount) === Number(shard.name));
        expect(streamed.map((page) => page.path).sort()).toEqual(shard.pages.map((page) => page.path));
      }
    },
  );

  test('the shard size setting is counted as the index step counts it', () => {
    expect(countStreamBuckets(100, 10)).toBe(12);
    expect(countStreamBuckets(5_070)).toBe(12);
    expect(countStreamBuckets(0)).toBe(1);
  });
});

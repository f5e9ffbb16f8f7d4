import { digest } from '../build-cache/digest.ts';
import type { SearchManifest } from './client.ts';

/** A built page to index. */
export interface SearchPage {
  /** Path in the built site, `/`-separated, e.g. `rules/pdq/index.html`. */
  path: string;
  /** Digest of the file's bytes. */
  hash: string;
}

/** A part of the search index that Pagefind builds on its own, into its own bundle folder. */
export interface SearchShard {
  /** Bucket and, for a bucket split in parts, the part: `3`, `3-1`. */
  name: string;
  /** Bundle folder relative to the primary bundle (`pagefind/`): `''` for the primary, else `shards/<name>/`. */
  bundle: string;
  /** Sorted by path. */
  pages: SearchPage[];
}

/**
 * Pages per bucket aimed for, as a share of the limit: the hash spreads pages unevenly, and
 * the slack keeps buckets under the limit so they rarely need splitting.
 */
export const SHARD_FILL = 0.9;

/** Most pages in a shard when the size is left to Huntbook, unless that would make too many shards. */
export const DEFAULT_SHARD_PAGES = 500;
/** About the most shards Huntbook makes on its own: the browser loads a few small files from each on a first search. */
export const MAX_DEFAULT_SHARDS = 24;

/**
 * The shard size when the settings leave it open. A one-rule edit re-indexes one shard, so
 * smaller shards make rebuilds faster (re-indexing time grows with the shard); but the browser
 * fetches each shard's entry, metadata, filter and index files on a first search, so a large
 * site gets larger shards instead of more (figures in docs/performance.md).
 * @example chooseShardPages(5_184) // → 500 (12 shards)
 * @example chooseShardPages(20_700) // → 959 (24 shards)
 */
export function chooseShardPages(pageCount: number): number {
  return Math.max(DEFAULT_SHARD_PAGES, Math.ceil(pageCount / (MAX_DEFAULT_SHARDS * SHARD_FILL)));
}

/**
 * Splits pages into shards of at most `shardPages`. A page's bucket is a hash of its path
 * modulo a bucket count that depends only on how many pages there are, so editing a page
 * changes one shard and adding one changes one or two. A bucket over the limit is cut, in hash
 * order, into equal parts.
 *
 * Pages of every kind are mixed on purpose: Pagefind ranks each shard's matches by how rare a
 * word is within that shard, and merged results are ordered by those scores. Shards that are
 * random samples of the site score alike; a shard of tool pages next to shards of rule pages
 * would rank a tool page that shares a fragment of a rule id above the rule itself.
 * @example planSearchShards(pages, 1000).map((shard) => shard.name) // → ['0', '1', '2']
 */
export function planSearchShards(pages: readonly SearchPage[], shardPages: number): SearchShard[] {
  if (!Number.isInteger(shardPages) || shardPages < 1) {
    throw new Error(`shardPages must be a positive integer, got ${shardPages}`);
  }
  const bucketCount = countBuckets(pages.length, shardPages);
  const buckets = Array.from({ length: bucketCount }, () => [] as { page: SearchPage; key: number }[]);
  for (const page of pages) {
    const key = hashPath(page.path);
    buckets[key % bucketCount]?.push({ page, key });
  }
  return buckets
    .flatMap((bucket, index) => splitBucket(String(index), bucket, shardPages))
    .map((shard, index) => ({ ...shard, bundle: index === 0 ? '' : `shards/${shard.name}/` }));
}

/**
 * Buckets for `pageCount` pages: enough to fill each to `SHARD_FILL` of the limit.
 * @example countBuckets(2000, 1000) // → 3
 */
export function countBuckets(pageCount: number, shardPages: number): number {
  return Math.max(1, Math.ceil(pageCount / (shardPages * SHARD_FILL)));
}

function splitBucket(
  name: string,
  bucket: { page: SearchPage; key: number }[],
  shardPages: number,
): Omit<SearchShard, 'bundle'>[] {
  if (bucket.length === 0) return [];
  const byPath = (a: SearchPage, b: SearchPage) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  if (bucket.length <= shardPages) return [{ name, pages: bucket.map(({ page }) => page).sort(byPath) }];
  const parts = Math.ceil(bucket.length / shardPages);
  const size = Math.ceil(bucket.length / parts);
  const ordered = [...bucket].sort((a, b) => a.key - b.key || byPath(a.page, b.page));
  return Array.from({ length: parts }, (_, part) => ({
    name: `${name}-${part}`,
    pages: ordered
      .slice(part * size, (part + 1) * size)
      .map(({ page }) => page)
      .sort(byPath),
  }));
}

/** A stable, well-spread number for a path: the first 32 bits of its digest. */
function hashPath(path: string): number {
  return Number.parseInt(digest(path).slice(0, 8), 16);
}

/**
 * Identifies what Pagefind would write for a shard, its key in the build cache: its pages'
 * paths and bytes, and `producerDigest` (the index code and Pagefind, see SEARCH_SHARD). Where
 * the shard sits plays no part, so a bundle can be reused as the primary or as a merged one.
 * @example digestSearchShard(shard, digestProducer(SEARCH_SHARD)) // → '3f0c…' (64 hex digits)
 */
export function digestSearchShard(shard: Pick<SearchShard, 'pages'>, producerDigest: string): string {
  return digest(producerDigest, ...shard.pages.flatMap((page) => [page.path, page.hash]));
}

/** A shard with the digest of its input. */
export type DigestedShard = SearchShard & { digest: string };

export interface ShardWork {
  /** Shards whose bundle is in the cache. */
  reuse: DigestedShard[];
  /** Shards Pagefind has to index. */
  index: DigestedShard[];
}

/**
 * Decides which shards to index and which reuse a cached bundle.
 * @example planShardWork([{ name: '0', digest: 'a', … }, { name: '1', digest: 'c', … }], ['a', 'b']) // → { reuse: [shard 0], index: [shard 1] }
 */
export function planShardWork(shards: readonly DigestedShard[], cached: Iterable<string>): ShardWork {
  const inCache = new Set(cached);
  return {
    reuse: shards.filter((shard) => inCache.has(shard.digest)),
    index: shards.filter((shard) => !inCache.has(shard.digest)),
  };
}

/**
 * The shard list for the browser: every bundle but the primary.
 * @example toSearchManifest(shards) // → { bundles: ['shards/1/', 'shards/2/'] }
 */
export function toSearchManifest(shards: readonly SearchShard[]): SearchManifest {
  return { bundles: shards.map((shard) => shard.bundle).filter(Boolean) };
}

const DATA_PAGEFIND_BODY_RE = /<[a-z][^>]*\sdata-pagefind-body[\s=/>]/i;

/**
 * True when a page marks its indexed content with `data-pagefind-body`. Pagefind drops pages
 * without it once any page has it, but a shard only sees its own pages; so such pages are left
 * out before sharding.
 * @example hasPagefindBody('<article data-pagefind-body>…') // → true
 */
export function hasPagefindBody(html: string): boolean {
  return DATA_PAGEFIND_BODY_RE.test(html);
}

const PRIMARY_ONLY_FILE_RE = /^(pagefind([-_][\w-]+)?\.(js|css)|wasm\.[\w-]+\.pagefind)$/;

/**
 * Files of a Pagefind bundle that only the primary bundle needs: the UI scripts and styles,
 * the search worker and WebAssembly. A merged index is read with the primary's code.
 * @example isPrimaryOnlyFile('pagefind-component-ui.js') // → true
 * @example isPrimaryOnlyFile('pagefind-entry.json') // → false
 */
export function isPrimaryOnlyFile(name: string): boolean {
  return PRIMARY_ONLY_FILE_RE.test(name);
}

/** Characters Pagefind's globs give a meaning to; a backslash before one makes it literal. */
const GLOB_SPECIAL_RE = /[?*$:<>[\]{},]/g;

/**
 * A Pagefind glob matching exactly these site paths.
 * @example toPagefindGlob(['rules/a/index.html', 'tools/b/index.html']) // → '{rules/a/index.html,tools/b/index.html}'
 */
export function toPagefindGlob(paths: readonly string[]): string {
  const escaped = paths.map((path) => {
    if (path.includes('\\')) throw new Error(`cannot index ${path}: Pagefind globs cannot match a backslash`);
    return path.replace(GLOB_SPECIAL_RE, (character) => `\\${character}`);
  });
  return `{${escaped.join(',')}}`;
}

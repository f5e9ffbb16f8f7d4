// Indexes the built site with Pagefind, in shards. Runs after `astro build` (see the build
// script) and fails the build on any indexing error, so a broken search never ships.
//
// Pagefind holds a whole index in memory while writing it, so each shard is indexed on its own
// and peak memory is one shard's. Pagefind cannot update an index, so each shard's bundle is
// kept in the build cache under a digest of its input, and a shard whose pages did not change
// is copied from there instead of indexed again.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as pagefind from 'pagefind';
import { loadSiteConfig } from '../config/load-site-config.ts';
import {
  countBundlePages,
  installBundles,
  listCachedBundles,
  PAGEFIND_DIR,
  pruneCache,
  readPagefindVersion,
  readSearchPages,
  storeBundle,
} from '../lib/search-index-fs.ts';
import {
  type DigestedShard,
  digestSearchShard,
  planSearchShards,
  planShardWork,
  type SearchPage,
  toPagefindGlob,
} from '../lib/search-shards.ts';
import { isRunDirectly } from './run-directly.ts';

/**
 * The folders whose pages carry `data-pagefind-body` (rule, tool and technique pages); half
 * the site is `/r/<id>/` redirects, not worth reading. A page elsewhere that gains the
 * attribute needs its folder added here.
 */
export const SEARCHABLE_FOLDERS = ['rules', 'tools', 'techniques'] as const;

/** Pagefind's options. Pagefind splits words at these characters unless told to keep them: ids and domains need `-` and `.`. */
const INDEX_OPTIONS: pagefind.PagefindServiceConfig = { includeCharacters: '-._' };

/** Bump when shards are indexed differently, so cached bundles are not reused. */
const SHARD_FORMAT = 1;

export interface IndexOptions {
  /** The built site. */
  outDir: string;
  /** Build cache folder; bundles go to `<cacheDir>/search/`. */
  cacheDir: string;
  /** Most pages in one shard (`search.shardPages`). */
  shardPages: number;
  /** Progress lines; silent when left out. */
  log?: (line: string) => void;
}

export interface ShardReport {
  name: string;
  /** Bundle folder under `pagefind/`, `''` for the primary. */
  bundle: string;
  /** Pages Pagefind indexed in this shard. */
  pages: number;
  /** True when the bundle came from the cache. */
  reused: boolean;
}

export interface IndexReport {
  pages: number;
  seconds: number;
  shards: ShardReport[];
}

export async function indexSite({ outDir, cacheDir, shardPages, log = () => {} }: IndexOptions): Promise<IndexReport> {
  const started = performance.now();
  if (!existsSync(outDir)) throw new Error(`search index: ${outDir} does not exist; run the Astro build first`);
  const pages = readSearchPages(outDir, SEARCHABLE_FOLDERS);
  if (pages.length === 0) throw new Error(`search index: no pages found in ${outDir}`);
  const indexKey = JSON.stringify({ format: SHARD_FORMAT, pagefind: readPagefindVersion(), options: INDEX_OPTIONS });
  const shards = planSearchShards(pages, shardPages).map((shard) => ({
    ...shard,
    digest: digestSearchShard(shard, indexKey),
  }));
  const bundleCache = join(cacheDir, 'search');
  const work = planShardWork(shards, listCachedBundles(bundleCache));
  for (const shard of work.index) {
    const shardStarted = performance.now();
    await storeBundle(bundleCache, shard.digest, (dir) => indexShard(outDir, shard, dir));
    const seconds = (performance.now() - shardStarted) / 1000;
    log(`[search] Shard ${shard.name}: indexed ${countPages(shard.pages.length)} in ${seconds.toFixed(2)}s`);
  }
  installBundles(outDir, bundleCache, shards);
  pruneCache(bundleCache, new Set(shards.map((shard) => shard.digest)));
  const reused = new Set(work.reuse);
  const report = shards.map((shard) => ({
    name: shard.name,
    bundle: shard.bundle,
    pages: countBundlePages(join(outDir, PAGEFIND_DIR, shard.bundle)),
    reused: reused.has(shard),
  }));
  const total = report.reduce((sum, shard) => sum + shard.pages, 0);
  if (total === 0) throw new Error(`search index: Pagefind found nothing to index in ${outDir}`);
  return { pages: total, seconds: (performance.now() - started) / 1000, shards: report };
}

/** Builds one shard's bundle in its own Pagefind process, ended afterwards to hand its memory back. */
async function indexShard(outDir: string, shard: DigestedShard, into: string): Promise<void> {
  try {
    await writeShard(outDir, shard, into);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw new Error(`search index: shard ${shard.name} (${countPages(shard.pages.length)}): ${problem}`);
  } finally {
    await pagefind.close();
  }
}

async function writeShard(outDir: string, shard: DigestedShard, into: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  if (!index || errors.length > 0) throw new Error(`could not start Pagefind: ${errors.join('; ')}`);
  const added = await addPages(index, outDir, shard.pages);
  if (added.length > 0) throw new Error(added.join('; '));
  const written = await index.writeFiles({ outputPath: into });
  if (written.errors.length > 0) throw new Error(written.errors.join('; '));
}

/**
 * Adds pages by a glob listing their paths, so Pagefind reads and parses them in parallel.
 * Returns Pagefind's errors.
 */
async function addPages(
  index: pagefind.PagefindIndex,
  outDir: string,
  pages: readonly SearchPage[],
): Promise<string[]> {
  const added = await index.addDirectory({ path: outDir, glob: toPagefindGlob(pages.map((page) => page.path)) });
  return added.errors;
}

/** @example countPages(1) // → '1 page' */
function countPages(count: number): string {
  return `${count} page${count === 1 ? '' : 's'}`;
}

if (isRunDirectly(import.meta.url)) {
  const outDir = resolve(process.env.HUNTBOOK_OUT_DIR || 'dist');
  console.log(`[search] Indexing ${outDir}`);
  Promise.resolve()
    .then(() => {
      const config = loadSiteConfig();
      return indexSite({ outDir, cacheDir: config.cacheDir, shardPages: config.search.shardPages, log: console.log });
    })
    .then(({ pages, seconds, shards }) => {
      const reused = shards.filter((shard) => shard.reused).length;
      console.log(
        `[search] Indexed ${pages} pages in ${seconds.toFixed(2)}s ` +
          `(${shards.length} shards: ${shards.length - reused} indexed, ${reused} reused from the cache)`,
      );
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}

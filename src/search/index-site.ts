// Indexes the built site with Pagefind, in shards: the search step of the build, after
// `astro build` (run by src/cli/index-search.ts). Any indexing error fails it, so a broken search
// never ships.
//
// Pagefind holds a whole index in memory while writing it, so each shard is indexed on its own
// and peak memory is one shard's. Pagefind cannot update an index, so each shard's bundle is
// kept in the build cache under a digest of its input, and a shard whose pages did not change
// is copied from there instead of indexed again. A shard's digest is its item key in the build
// cache: its pages' paths and bytes and the SEARCH_SHARD producer (the index code, Pagefind).
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SEARCH_SHARD } from '../build-cache/producers.ts';
import { digestProducer } from '../build-cache/producers-fs.ts';
import { toStorePath } from '../build-cache/store.ts';
import { packagePath } from '../package/package-root.ts';
import { forkWorker } from '../workers/fork-worker.ts';
import {
  countBundlePages,
  installBundles,
  listCachedBundles,
  PAGEFIND_DIR,
  pruneCache,
  readPagefindVersion,
  readSearchPages,
  storeBundle,
} from './index-fs.ts';
import type { ShardLaneMessage } from './shard-worker.ts';
import { chooseShardPages, type DigestedShard, digestSearchShard, planSearchShards, planShardWork } from './shards.ts';
import { closeSearchService, type ShardJob, writeShard } from './write-shard.ts';

/**
 * The folders whose pages carry `data-pagefind-body` (rule, tool and technique pages); half
 * the site is `/r/<id>/` redirects, not worth reading. A page elsewhere that gains the
 * attribute needs its folder added here.
 */
export const SEARCHABLE_FOLDERS = ['rules', 'tools', 'techniques'] as const;

/**
 * Shards indexed at once, each lane with its own Pagefind: one Pagefind leaves
 * part of two cores idle, so two together finish sooner than one after the other, while
 * memory stays at two shards' (docs/performance.md).
 */
const INDEX_LANES = 2;
/** The lane's source, resolved from the project root (every npm script's working directory). */
const LANE_WORKER_PATH = packagePath('src/search/shard-worker.ts');

export interface IndexOptions {
  /** The built site. */
  outDir: string;
  /** Build cache folder; bundles go to `<cacheDir>/search/`. */
  cacheDir: string;
  /** Most pages in one shard (`search.shardPages`); left out, `chooseShardPages` decides. */
  shardPages?: number | undefined;
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

/**
 * Indexes the built site's searchable pages into `<outDir>/pagefind/`, reusing the bundles of
 * unchanged shards from the build cache.
 * @example const { pages, shards } = await indexSite({ outDir: 'dist', cacheDir: config.cacheDir });
 */
export async function indexSite({ outDir, cacheDir, shardPages, log = () => {} }: IndexOptions): Promise<IndexReport> {
  const started = performance.now();
  if (!existsSync(outDir)) throw new Error(`search index: ${outDir} does not exist; run the Astro build first`);
  const pages = readSearchPages(outDir, SEARCHABLE_FOLDERS);
  if (pages.length === 0) throw new Error(`search index: no pages found in ${outDir}`);
  // Fails early, naming Pagefind, when it is not installed.
  readPagefindVersion();
  const producerDigest = digestProducer(SEARCH_SHARD);
  const shards = planSearchShards(pages, shardPages ?? chooseShardPages(pages.length)).map((shard) => ({
    ...shard,
    digest: digestSearchShard(shard, producerDigest),
  }));
  const bundleCache = toStorePath(cacheDir, SEARCH_SHARD.name);
  const work = planShardWork(shards, listCachedBundles(bundleCache));
  const writers = startWriters(Math.min(INDEX_LANES, availableParallelism(), work.index.length));
  const queue = [...work.index];
  try {
    await Promise.all(
      writers.map(async (write) => {
        for (let shard = queue.shift(); shard !== undefined; shard = queue.shift()) {
          const current = shard;
          const shardStarted = performance.now();
          await storeBundle(bundleCache, current.digest, (dir) => indexShard(outDir, current, dir, write));
          const seconds = (performance.now() - shardStarted) / 1000;
          log(`[search] Shard ${current.name}: indexed ${countPages(current.pages.length)} in ${seconds.toFixed(2)}s`);
        }
      }),
    );
  } finally {
    for (const write of writers) write.stop();
    await closeSearchService();
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

/** Writes a shard's bundle; `stop` ends the lane behind it, if any. */
type ShardWriter = ((job: ShardJob) => Promise<void>) & { stop: () => void };

/**
 * One writer per lane: the first writes in this process, which has nothing else to do while the
 * index is written, and each other lane is a child process with its own Pagefind. So two lanes
 * run two Pagefind processes with one Node process fewer than two children (about 70 MB at the
 * build's peak, docs/performance.md).
 */
function startWriters(lanes: number): ShardWriter[] {
  // This process's Pagefind is kept from shard to shard (and may have been started before the
  // build, see startSearchService); indexSite closes it at the end.
  const inProcess = Object.assign((job: ShardJob) => writeShard(job, { keepService: true }), { stop: () => {} });
  if (lanes <= 1 || !existsSync(LANE_WORKER_PATH)) return [inProcess];
  return [inProcess, ...Array.from({ length: lanes - 1 }, () => startLane())];
}

function startLane(): ShardWriter {
  let lane: ChildProcess | undefined;
  const write = (job: ShardJob) =>
    new Promise<void>((resolveJob, rejectJob) => {
      lane ??= forkWorker(LANE_WORKER_PATH);
      const child = lane;
      const settle = (error?: Error) => {
        child.removeAllListeners('message').removeAllListeners('exit').removeAllListeners('error');
        if (error) rejectJob(error);
        else resolveJob();
      };
      child.on('message', (message: ShardLaneMessage) =>
        settle('error' in message ? new Error(message.error) : undefined),
      );
      child.on('error', (error) => settle(error));
      child.on('exit', (code, signal) => {
        lane = undefined;
        settle(new Error(`the index process stopped (${signal ?? `exit code ${code}`})`));
      });
      child.send(job, (error) => error && settle(error));
    });
  // Closing the channel lets the lane close its Pagefind and exit.
  return Object.assign(write, { stop: () => (lane?.connected ? lane.disconnect() : lane?.kill()) });
}

/** Writes one shard, naming it in any failure. */
async function indexShard(outDir: string, shard: DigestedShard, into: string, write: ShardWriter): Promise<void> {
  try {
    await write({ outDir, paths: shard.pages.map((page) => page.path), into });
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw new Error(`search index: shard ${shard.name} (${countPages(shard.pages.length)}): ${problem}`);
  }
}

/** @example countPages(1) // → '1 page' */
function countPages(count: number): string {
  return `${count} page${count === 1 ? '' : 's'}`;
}

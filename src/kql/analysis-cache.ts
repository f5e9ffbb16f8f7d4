import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { digestProjectFiles, readInstalledVersion } from '../build-cache/digest.ts';
import { createQueryCache, type QueryCache, readCacheEntries, toCacheKey } from '../build-cache/store.ts';
import { writeFileAtomically } from '../build-cache/write-file-atomically.ts';
import { analyzeKql, KQL_ANALYZER_VERSION, type KqlAnalysis } from './analysis.ts';

/** One file for the whole corpus: 20,000 rules must not mean 20,000 files. */
export const KQL_ANALYSIS_CACHE_FILE = 'kql-analysis.json';
/**
 * Highlighted query HTML, one file per query: a rule page reads only its own query's, so a
 * rebuild that renders one page does not load the HTML of every query (30 MB at 5,000 rules).
 */
export const KQL_HIGHLIGHT_CACHE_DIR = 'kql-highlight';
const HIGHLIGHT_FILE_SUFFIX = '.html';

/**
 * Part of every highlight cache key: the Shiki release and a digest of the highlighter's own
 * source, so a new grammar, theme or markup change misses instead of serving stale HTML.
 * Read from the project root because bundled code no longer sits next to its source.
 */
export const KQL_HIGHLIGHTER_VERSION = `shiki-${readInstalledVersion('shiki') ?? 'unknown'}+${digestProjectFiles(['src/kql/highlight.ts']).slice(0, 12)}`;

export type KqlAnalysisCache = QueryCache<KqlAnalysis>;
/** Highlighted HTML by query; the HTML can also be written straight to its file by whoever made it. */
export interface KqlHighlightCache extends QueryCache<string> {
  /**
   * The file a query's HTML belongs in, for a worker process to write (`writeFileAtomically`),
   * so highlighted HTML (30 MB at 5,000 rules) never travels to the loader's process.
   */
  fileFor(query: string): string;
  /** Records that the query's file was written (by a worker), so `flush` keeps it. */
  adopt(query: string): void;
}

/**
 * A cache of analyses in `<dir>/kql-analysis.json`, keyed by a hash of the analyzer version and
 * the query, so a new analyzer or service release misses instead of serving stale results.
 * The file is read on first use and written by `flush()` via a temporary file and a rename,
 * so an interrupted build never leaves half a file behind.
 * @example const cache = createKqlAnalysisCache('node_modules/.cache/huntbook');
 *   const analysis = analyzeKqlCached(rule.query, cache); … cache.flush();
 */
export function createKqlAnalysisCache(dir: string, version = KQL_ANALYZER_VERSION): KqlAnalysisCache {
  return createQueryCache<KqlAnalysis>(dir, KQL_ANALYSIS_CACHE_FILE, version);
}

/**
 * A cache of highlighted query HTML in `<dir>/kql-highlight/<key>.html`, written by the rules
 * loader and read by rule pages through `findCachedHighlight`, so pages never start Shiki for a
 * query the loader already highlighted. HTML given to `set` is written by `flush()`; worker
 * processes write theirs themselves (`fileFor`, `writeFileAtomically`, `adopt`). `flush()` also
 * removes the files of queries this build did not ask for (removed rules, older versions).
 * @example const cache = createKqlHighlightCache(config.cacheDir); cache.set(query, html); cache.flush();
 */
export function createKqlHighlightCache(dir: string, version = KQL_HIGHLIGHTER_VERSION): KqlHighlightCache {
  const folder = join(dir, KQL_HIGHLIGHT_CACHE_DIR);
  const keyOf = (query: string) => toCacheKey(version, query);
  /** Keys this build asked for or added, with the HTML still to be written. */
  const used = new Map<string, string | undefined>();
  return {
    get(query) {
      const key = keyOf(query);
      const pending = used.get(key);
      if (pending !== undefined) return pending;
      const html = readHighlightFile(folder, key);
      if (html !== undefined) used.set(key, undefined);
      return html;
    },
    has(query) {
      const key = keyOf(query);
      if (used.has(key)) return true;
      // A stat, not a read: the loader asks this of every query on every build.
      const found = statSync(join(folder, `${key}${HIGHLIGHT_FILE_SUFFIX}`), { throwIfNoEntry: false }) !== undefined;
      if (found) used.set(key, undefined);
      return found;
    },
    set(query, html) {
      used.set(keyOf(query), html);
    },
    fileFor: (query) => join(folder, `${keyOf(query)}${HIGHLIGHT_FILE_SUFFIX}`),
    adopt(query) {
      used.set(keyOf(query), undefined);
    },
    flush() {
      mkdirSync(folder, { recursive: true });
      for (const [key, html] of used) {
        if (html === undefined) continue;
        writeFileAtomically(join(folder, `${key}${HIGHLIGHT_FILE_SUFFIX}`), html);
        used.set(key, undefined);
      }
      for (const name of readdirSync(folder)) {
        const key = name.endsWith(HIGHLIGHT_FILE_SUFFIX) ? name.slice(0, -HIGHLIGHT_FILE_SUFFIX.length) : undefined;
        if (key === undefined || !used.has(key)) rmSync(join(folder, name), { force: true });
      }
    },
  };
}

function readHighlightFile(folder: string, key: string): string | undefined {
  try {
    return readFileSync(join(folder, `${key}${HIGHLIGHT_FILE_SUFFIX}`), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Analyzes a query, answering from the cache when it holds the result.
 * @example analyzeKqlCached('SigninLogs | take 1', cache).tables // → ['SigninLogs']
 */
export function analyzeKqlCached(query: string, cache?: KqlAnalysisCache): KqlAnalysis {
  const cached = cache?.get(query);
  if (cached) return cached;
  const analysis = analyzeKql(query);
  cache?.set(query, analysis);
  return analysis;
}

interface CacheSnapshot<T> {
  file: string;
  stamp: string;
  version: string;
  entries: Map<string, T>;
}

const snapshots = new Map<string, CacheSnapshot<unknown>>();

/**
 * The HTML the rules loader stored for a query in this build, or undefined when it has none.
 * @example findCachedHighlight(siteConfig.cacheDir, rule.query) // → '<pre class="shiki … kql" …'
 */
export function findCachedHighlight(dir: string, query: string, version = KQL_HIGHLIGHTER_VERSION): string | undefined {
  return readHighlightFile(join(dir, KQL_HIGHLIGHT_CACHE_DIR), toCacheKey(version, query));
}

/**
 * The analysis the rules loader stored for a query in this build, or undefined when it has none.
 * Pages read analyses from here rather than from the content store, which every page build
 * bundles and holds in memory whole.
 * @example findCachedAnalysis(siteConfig.cacheDir, rule.query)?.tables // → ['DeviceNetworkEvents']
 */
export function findCachedAnalysis(
  dir: string,
  query: string,
  version = KQL_ANALYZER_VERSION,
): KqlAnalysis | undefined {
  return findCached<KqlAnalysis>(join(dir, KQL_ANALYSIS_CACHE_FILE), version, query);
}

/**
 * Reads a cache file once; only a miss looks at it again, in case a later content load
 * (`astro dev`) rewrote it. A hit needs no check: the key is the query itself.
 */
function findCached<T>(file: string, version: string, query: string): T | undefined {
  const key = toCacheKey(version, query);
  const snapshot = snapshots.get(file) as CacheSnapshot<T> | undefined;
  if (snapshot?.version === version) {
    const value = snapshot.entries.get(key);
    if (value !== undefined || snapshot.stamp === readStamp(file)) return value;
  }
  const stamp = readStamp(file);
  if (stamp === undefined) return undefined;
  const fresh: CacheSnapshot<T> = { file, stamp, version, entries: readCacheEntries<T>(file, version) };
  snapshots.set(file, fresh);
  return fresh.entries.get(key);
}

/** Identifies one written state of a file; undefined when there is no file. */
function readStamp(file: string): string | undefined {
  try {
    const stats = statSync(file);
    return `${stats.mtimeMs}:${stats.size}:${stats.ino}`;
  } catch {
    return undefined;
  }
}

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { findPackageJSON } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeKql, KQL_ANALYZER_VERSION, type KqlAnalysis } from './kql-analysis.ts';

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
export const KQL_HIGHLIGHTER_VERSION = `shiki-${readShikiVersion()}+${digestFile(resolve('src/lib/highlight-kql.ts'))}`;

/** A per-build cache of one kind of result per query text, kept in one JSON file. */
export interface QueryCache<T> {
  get(query: string): T | undefined;
  /** True when the cache holds the query's result; counts as asking for it, like `get`. */
  has(query: string): boolean;
  set(query: string, value: T): void;
  /** Writes the file once, keeping only entries read or written since it was loaded. */
  flush(): void;
}

export type KqlAnalysisCache = QueryCache<KqlAnalysis>;
export type KqlHighlightCache = QueryCache<string>;

interface CacheFile<T> {
  version: string;
  entries: Record<string, T>;
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
 * query the loader already highlighted. New HTML is written by `flush()`, each file via a
 * temporary file and a rename; `flush()` also removes the files of queries this build did not
 * ask for (removed rules, older highlighter versions).
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
    flush() {
      mkdirSync(folder, { recursive: true });
      for (const [key, html] of used) {
        if (html === undefined) continue;
        const temporary = join(folder, `${key}.${process.pid}.tmp`);
        writeFileSync(temporary, html);
        renameSync(temporary, join(folder, `${key}${HIGHLIGHT_FILE_SUFFIX}`));
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

/**
 * The cache key of a query: a hash of the producer's version and the query text.
 * @example toCacheKey('1+kusto-12.4.1', 'T | take 1') // → '3f0c…' (64 hex digits)
 */
export function toCacheKey(version: string, query: string): string {
  return createHash('sha256').update(`${version}\0${query}`).digest('hex');
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
  const fresh: CacheSnapshot<T> = { file, stamp, version, entries: readEntries<T>(file, version) };
  snapshots.set(file, fresh);
  return fresh.entries.get(key);
}

function createQueryCache<T>(dir: string, fileName: string, version: string): QueryCache<T> {
  const file = join(dir, fileName);
  let loaded: Map<string, T> | undefined;
  const used = new Map<string, T>();
  let added = false;

  const entries = () => {
    loaded ??= readEntries<T>(file, version);
    return loaded;
  };
  const keyOf = (query: string) => toCacheKey(version, query);

  const get = (query: string): T | undefined => {
    const key = keyOf(query);
    const value = used.get(key) ?? entries().get(key);
    if (value !== undefined) used.set(key, value);
    return value;
  };

  return {
    get,
    has: (query) => get(query) !== undefined,
    set(query, value) {
      entries();
      used.set(keyOf(query), value);
      added = true;
    },
    flush() {
      // Nothing new and nothing to prune: the file on disk is already right.
      if (!added && used.size === entries().size) return;
      const content: CacheFile<T> = { version, entries: Object.fromEntries(used) };
      mkdirSync(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(content));
      renameSync(temporary, file);
      loaded = new Map(used);
      added = false;
    },
  };
}

/** Entries of a readable file for this version; a missing, corrupt or older file starts empty. */
function readEntries<T>(file: string, version: string): Map<string, T> {
  let content: Partial<CacheFile<T>>;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile<T>>;
  } catch {
    return new Map();
  }
  if (content.version !== version || typeof content.entries !== 'object' || content.entries === null) return new Map();
  return new Map(Object.entries(content.entries));
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

function readShikiVersion(): string {
  try {
    const manifest = findPackageJSON('shiki', pathToFileURL(resolve('package.json')));
    return manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function digestFile(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
  } catch {
    return 'unknown';
  }
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './write-file-atomically.ts';

/**
 * A per-build cache of one kind of result per input text (a query, a rule file), kept in one
 * JSON file. Values must survive JSON: no dates, no non-finite numbers.
 */
export interface QueryCache<T> {
  get(query: string): T | undefined;
  /** True when the cache holds the query's result; counts as asking for it, like `get`. */
  has(query: string): boolean;
  set(query: string, value: T): void;
  /** Writes the file once, keeping only entries read or written since it was loaded. */
  flush(): void;
}

interface CacheFile<T> {
  version: string;
  entries: Record<string, T>;
}

/**
 * The cache key of a query: a hash of the producer's version and the query text.
 * @example toCacheKey('1+kusto-12.4.1', 'T | take 1') // → '3f0c…' (64 hex digits)
 */
export function toCacheKey(version: string, query: string): string {
  return createHash('sha256').update(`${version}\0${query}`).digest('hex');
}

/**
 * A cache in `<dir>/<fileName>`, keyed by a hash of `version` and the input text, so another
 * version of whatever produced the values misses instead of serving stale results. The file is
 * read on first use and written by `flush()` (`writeFileAtomically`).
 */
export function createQueryCache<T>(dir: string, fileName: string, version: string): QueryCache<T> {
  const file = join(dir, fileName);
  let loaded: Map<string, T> | undefined;
  const used = new Map<string, T>();
  let added = false;

  const entries = () => {
    loaded ??= readCacheEntries<T>(file, version);
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
      writeFileAtomically(file, JSON.stringify(content));
      loaded = new Map(used);
      added = false;
    },
  };
}

/** Entries of a readable file for this version; a missing, corrupt or older file starts empty. */
export function readCacheEntries<T>(file: string, version: string): Map<string, T> {
  let content: Partial<CacheFile<T>>;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile<T>>;
  } catch {
    return new Map();
  }
  if (content.version !== version || typeof content.entries !== 'object' || content.entries === null) return new Map();
  return new Map(Object.entries(content.entries));
}

/**
 * The build cache's one store: items under `<cacheDir>`, each kept by its key, the digest of
 * everything it depends on (`toItemKey`: its producer's digest and its own inputs). An edit to
 * any input gives another key, so a lookup misses instead of serving a stale item; a flush
 * forgets the items this build did not ask for. Two layouts: many small items as entries of one
 * JSON file (`<name>.json`: 20,000 rules must not mean 20,000 files), and large ones that are
 * read one at a time as one file each (`<name>/<key><suffix>`). Values in a JSON file must
 * survive JSON: no dates, no non-finite numbers.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { digest } from './digest.ts';
import { writeFileAtomically } from './write-file-atomically.ts';

/**
 * An item's key: the digest of its producer's digest (`digestProducer`) and its own input.
 * @example toItemKey(digestProducer(KQL_ANALYSIS), 'T | take 1') // → '3f0c…' (64 hex digits)
 */
export function toItemKey(producerDigest: string, input: string): string {
  return digest(producerDigest, input);
}

/**
 * The store file (or folder) of a kind of item.
 * @example toStorePath('node_modules/.cache/huntbook', 'kql-analysis.json') // → 'node_modules/.cache/huntbook/kql-analysis.json'
 */
export function toStorePath(cacheDir: string, name: string): string {
  return join(cacheDir, name);
}

/** Items of one kind by input text (a query, a rule file), for the build that makes them. */
export interface ItemCache<T> {
  get(input: string): T | undefined;
  /** True when the cache holds the input's item; counts as asking for it, like `get`. */
  has(input: string): boolean;
  set(input: string, value: T): void;
  /** Writes the store once, keeping only items read or written since it was opened. */
  flush(): void;
}

interface EntryFile<T> {
  entries: Record<string, T>;
}

/**
 * Items kept as entries of `<cacheDir>/<name>.json`, read on first use and written by `flush()`
 * (`writeFileAtomically`, so an interrupted build never leaves half a file).
 * @example const cache = createEntryCache<KqlAnalysis>(cacheDir, 'kql-analysis', digestProducer(KQL_ANALYSIS));
 */
export function createEntryCache<T>(cacheDir: string, name: string, producerDigest: string): ItemCache<T> {
  const file = toStorePath(cacheDir, `${name}.json`);
  let loaded: Map<string, T> | undefined;
  const used = new Map<string, T>();
  let added = false;

  const entries = () => {
    loaded ??= readEntries<T>(file);
    return loaded;
  };
  const get = (input: string): T | undefined => {
    const key = toItemKey(producerDigest, input);
    const value = used.get(key) ?? entries().get(key);
    if (value !== undefined) used.set(key, value);
    return value;
  };

  return {
    get,
    has: (input) => get(input) !== undefined,
    set(input, value) {
      entries();
      used.set(toItemKey(producerDigest, input), value);
      added = true;
    },
    flush() {
      // Nothing new and nothing to prune: the file on disk is already right.
      if (!added && used.size === entries().size) return;
      const content: EntryFile<T> = { entries: Object.fromEntries(used) };
      writeFileAtomically(file, JSON.stringify(content));
      loaded = new Map(used);
      added = false;
    },
  };
}

/** The entries of a store file; a missing or corrupt file starts empty instead of failing the build. */
function readEntries<T>(file: string): Map<string, T> {
  let content: Partial<EntryFile<T>>;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as Partial<EntryFile<T>>;
  } catch {
    return new Map();
  }
  if (typeof content.entries !== 'object' || content.entries === null) return new Map();
  return new Map(Object.entries(content.entries));
}

interface EntrySnapshot {
  stamp: string;
  entries: Map<string, unknown>;
}

const snapshots = new Map<string, EntrySnapshot>();

/**
 * One item of `<cacheDir>/<name>.json` as the last flush left it, for pages; undefined when it
 * has none. The file is read once; only a miss looks at it again, in case a later content load
 * (`astro dev`) rewrote it. A hit needs no check: the key is made of everything the item depends on.
 * @example findEntry<KqlAnalysis>(cacheDir, 'kql-analysis', digestProducer(KQL_ANALYSIS), query)?.tables
 */
export function findEntry<T>(cacheDir: string, name: string, producerDigest: string, input: string): T | undefined {
  const file = toStorePath(cacheDir, `${name}.json`);
  const key = toItemKey(producerDigest, input);
  const snapshot = snapshots.get(file);
  if (snapshot) {
    const value = snapshot.entries.get(key) as T | undefined;
    if (value !== undefined || snapshot.stamp === readStamp(file)) return value;
  }
  const stamp = readStamp(file);
  if (stamp === undefined) return undefined;
  const fresh: EntrySnapshot = { stamp, entries: readEntries<unknown>(file) };
  snapshots.set(file, fresh);
  return fresh.entries.get(key) as T | undefined;
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

/** Items kept one file each; a file can also be written straight by whoever made the item. */
export interface FileCache extends ItemCache<string> {
  /**
   * The file an input's item belongs in, for a worker process to write (`writeFileAtomically`),
   * so large items never travel to the process that keeps the cache.
   */
  fileFor(input: string): string;
  /** Records that the input's file was written (by a worker), so `flush` keeps it. */
  adopt(input: string): void;
}

/**
 * Items kept as `<cacheDir>/<name>/<key><suffix>`, one file each, so a reader that needs one
 * item reads one file. Text given to `set` is written by `flush()`, which also removes the files
 * of inputs this build did not ask for (removed content, older producers).
 * @example const cache = createFileCache(cacheDir, 'kql-highlight', digestProducer(KQL_HIGHLIGHT), '.html');
 */
export function createFileCache(cacheDir: string, name: string, producerDigest: string, suffix: string): FileCache {
  const folder = toStorePath(cacheDir, name);
  const keyOf = (input: string) => toItemKey(producerDigest, input);
  const fileOf = (key: string) => join(folder, `${key}${suffix}`);
  /** Keys this build asked for or added, with the text still to be written. */
  const used = new Map<string, string | undefined>();
  return {
    get(input) {
      const key = keyOf(input);
      const pending = used.get(key);
      if (pending !== undefined) return pending;
      const text = readFileOrUndefined(fileOf(key));
      if (text !== undefined) used.set(key, undefined);
      return text;
    },
    has(input) {
      const key = keyOf(input);
      if (used.has(key)) return true;
      // A stat, not a read: the loader asks this of every query on every build.
      const found = statSync(fileOf(key), { throwIfNoEntry: false }) !== undefined;
      if (found) used.set(key, undefined);
      return found;
    },
    set(input, text) {
      used.set(keyOf(input), text);
    },
    fileFor: (input) => fileOf(keyOf(input)),
    adopt(input) {
      used.set(keyOf(input), undefined);
    },
    flush() {
      mkdirSync(folder, { recursive: true });
      for (const [key, text] of used) {
        if (text === undefined) continue;
        writeFileAtomically(fileOf(key), text);
        used.set(key, undefined);
      }
      for (const file of readdirSync(folder)) {
        const key = file.endsWith(suffix) ? file.slice(0, -suffix.length) : undefined;
        if (key === undefined || !used.has(key)) rmSync(join(folder, file), { force: true });
      }
    },
  };
}

/**
 * One item of `<cacheDir>/<name>/` as the last flush left it, for pages; undefined when it has none.
 * @example findFile(cacheDir, 'kql-highlight', digestProducer(KQL_HIGHLIGHT), query, '.html') // → '<pre class="shiki …'
 */
export function findFile(
  cacheDir: string,
  name: string,
  producerDigest: string,
  input: string,
  suffix: string,
): string | undefined {
  return readFileOrUndefined(join(toStorePath(cacheDir, name), `${toItemKey(producerDigest, input)}${suffix}`));
}

function readFileOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeKql, KQL_ANALYZER_VERSION, type KqlAnalysis } from './kql-analysis.ts';

/** One file for the whole corpus: 20,000 rules must not mean 20,000 files. */
export const KQL_ANALYSIS_CACHE_FILE = 'kql-analysis.json';

export interface KqlAnalysisCache {
  get(query: string): KqlAnalysis | undefined;
  set(query: string, analysis: KqlAnalysis): void;
  /** Writes the file once, keeping only entries read or written since it was loaded. */
  flush(): void;
}

interface CacheFile {
  version: string;
  entries: Record<string, KqlAnalysis>;
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
  const file = join(dir, KQL_ANALYSIS_CACHE_FILE);
  let loaded: Map<string, KqlAnalysis> | undefined;
  const used = new Map<string, KqlAnalysis>();
  let added = false;

  const entries = () => {
    loaded ??= readEntries(file, version);
    return loaded;
  };
  const keyOf = (query: string) => createHash('sha256').update(`${version}\0${query}`).digest('hex');

  return {
    get(query) {
      const key = keyOf(query);
      const analysis = used.get(key) ?? entries().get(key);
      if (analysis) used.set(key, analysis);
      return analysis;
    },
    set(query, analysis) {
      entries();
      used.set(keyOf(query), analysis);
      added = true;
    },
    flush() {
      // Nothing new and nothing to prune: the file on disk is already right.
      if (!added && used.size === entries().size) return;
      const content: CacheFile = { version, entries: Object.fromEntries(used) };
      mkdirSync(dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(content));
      renameSync(temporary, file);
      loaded = new Map(used);
      added = false;
    },
  };
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

/** Entries of a readable file for this version; a missing, corrupt or older file starts empty. */
function readEntries(file: string, version: string): Map<string, KqlAnalysis> {
  let content: Partial<CacheFile>;
  try {
    content = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
  } catch {
    return new Map();
  }
  if (content.version !== version || typeof content.entries !== 'object' || content.entries === null) return new Map();
  return new Map(Object.entries(content.entries));
}

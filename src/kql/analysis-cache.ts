import { KQL_ANALYSIS } from '../build-cache/producers.ts';
import { digestProducer } from '../build-cache/producers-fs.ts';
import { createEntryCache, findEntry, type ItemCache } from '../build-cache/store.ts';
import type { KqlAnalysis } from './analysis.ts';

export type KqlAnalysisCache = ItemCache<KqlAnalysis>;

/**
 * A cache of analyses in `<dir>/kql-analysis.json`, one file for the corpus, each keyed by the
 * query and the analyzer's producer digest (src/kql and the Kusto language service), so a new
 * analyzer or service release misses instead of serving stale results.
 * @example const cache = createKqlAnalysisCache(config.cacheDir); cache.set(query, analyzeKql(query)); cache.flush();
 */
export function createKqlAnalysisCache(dir: string, producerDigest = digestProducer(KQL_ANALYSIS)): KqlAnalysisCache {
  return createEntryCache<KqlAnalysis>(dir, KQL_ANALYSIS.name, producerDigest);
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
  producerDigest = digestProducer(KQL_ANALYSIS),
): KqlAnalysis | undefined {
  return findEntry<KqlAnalysis>(dir, KQL_ANALYSIS.name, producerDigest, query);
}

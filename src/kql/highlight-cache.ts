import { KQL_HIGHLIGHT } from '../build-cache/producers.ts';
import { digestProducer } from '../build-cache/producers-fs.ts';
import { createFileCache, type FileCache, findFile } from '../build-cache/store.ts';

/**
 * Highlighted query HTML, one file per query: a rule page reads only its own query's, so a
 * rebuild that renders one page does not load the HTML of every query.
 */
const HIGHLIGHT_FILE_SUFFIX = '.html';

/** Highlighted HTML by query; a worker process writes a query's HTML to `fileFor(query)` itself. */
export type KqlHighlightCache = FileCache;

/**
 * A cache of highlighted query HTML in `<dir>/kql-highlight/<key>.html`, keyed by the query and
 * the highlighter's producer digest (src/kql and Shiki), written by the rules loader and read by
 * rule pages through `findCachedHighlight`, so pages never start Shiki for a query the loader
 * already highlighted.
 * @example const cache = createKqlHighlightCache(config.cacheDir); cache.set(query, html); cache.flush();
 */
export function createKqlHighlightCache(
  dir: string,
  producerDigest = digestProducer(KQL_HIGHLIGHT),
): KqlHighlightCache {
  return createFileCache(dir, KQL_HIGHLIGHT.name, producerDigest, HIGHLIGHT_FILE_SUFFIX);
}

/**
 * The highlighted HTML of a query from the build cache, as the rules loader stored it in this
 * build; undefined when it has none.
 * @example findCachedHighlight(siteConfig.cacheDir, rule.query) // → '<pre class="shiki … kql" …'
 */
export function findCachedHighlight(
  dir: string,
  query: string,
  producerDigest = digestProducer(KQL_HIGHLIGHT),
): string | undefined {
  return findFile(dir, KQL_HIGHLIGHT.name, producerDigest, query, HIGHLIGHT_FILE_SUFFIX);
}

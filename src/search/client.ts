// Loads Pagefind's Component UI for the search page and the header search dialog, with every
// shard of the search index merged in. Runs in the browser; the helpers above `loadSearchUi`
// are pure so tests can import them.

/** The shard list the index step writes into the primary bundle, e.g. `/pagefind/huntbook-shards.json`. */
export const SEARCH_MANIFEST_FILE = 'huntbook-shards.json';

/** What `huntbook-shards.json` holds. */
export interface SearchManifest {
  /** Bundle folders to merge into the primary one, relative to it, e.g. `['shards/1/']`. */
  bundles: string[];
}

/** One `mergeIndex` entry of Pagefind's instance options. */
export interface MergedIndex {
  bundlePath: string;
  /** Every bundle needs the site's base: Pagefind applies it per index. */
  baseUrl: string;
}

const RELATIVE_FOLDER_RE = /^(?!\/)(?!.*\.\.)[\w./-]+\/$/;

/**
 * Reads a manifest, accepting only relative folder names so the page never fetches from
 * elsewhere.
 * @example parseSearchManifest({ bundles: ['shards/0/'] }) // → { bundles: ['shards/0/'] }
 */
export function parseSearchManifest(data: unknown): SearchManifest {
  const bundles = (data as Partial<SearchManifest> | null)?.bundles;
  if (
    !Array.isArray(bundles) ||
    !bundles.every((bundle) => typeof bundle === 'string' && RELATIVE_FOLDER_RE.test(bundle))
  ) {
    throw new Error(`${SEARCH_MANIFEST_FILE}: expected { "bundles": ["shards/<name>/", …] }`);
  }
  return { bundles };
}

/**
 * The `mergeIndex` option for Pagefind: every bundle the manifest lists, under the primary one.
 * @example toMergeIndex('/soc/pagefind/', '/soc/', { bundles: ['shards/0/'] })
 *   // → [{ bundlePath: '/soc/pagefind/shards/0/', baseUrl: '/soc/' }]
 */
export function toMergeIndex(bundlePath: string, baseUrl: string, manifest: SearchManifest): MergedIndex[] {
  return manifest.bundles.map((bundle) => ({ bundlePath: `${bundlePath}${bundle}`, baseUrl }));
}

interface PagefindComponents {
  configureInstance(name: string, options: { mergeIndex: MergedIndex[] }): void;
}

const LOADING = Symbol.for('huntbook.search-ui');

/**
 * Loads the shard list, then Pagefind's Component UI, and tells its default instance to merge
 * the shards; once per page, however many scripts ask. The UI only starts loading the index
 * when a reader focuses the box or types, which takes a network round trip; the options are
 * set in the same turn as the UI script runs, so they are always in place first. Without the
 * shard list, search covers the primary bundle and the console says what is missing.
 */
export function loadSearchUi(bundlePath: string, baseUrl: string): Promise<void> {
  const page = globalThis as { [LOADING]?: Promise<void> };
  page[LOADING] ??= loadMergedSearchUi(bundlePath, baseUrl);
  return page[LOADING];
}

async function loadMergedSearchUi(bundlePath: string, baseUrl: string): Promise<void> {
  const script = `${bundlePath}pagefind-component-ui.js`;
  // Downloaded alongside the shard list, run only after it.
  document.head.append(Object.assign(document.createElement('link'), { rel: 'modulepreload', href: script }));
  const mergeIndex = await fetchMergeIndex(bundlePath, baseUrl);
  await import(/* @vite-ignore */ script);
  const components = (window as unknown as { PagefindComponents?: PagefindComponents }).PagefindComponents;
  if (components) components.configureInstance('default', { mergeIndex });
  else console.error('Search covers only part of the site: Pagefind did not expose PagefindComponents');
}

async function fetchMergeIndex(bundlePath: string, baseUrl: string): Promise<MergedIndex[]> {
  const url = `${bundlePath}${SEARCH_MANIFEST_FILE}`;
  try {
    // Revalidated each time: shard folders change with the content they index.
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return toMergeIndex(bundlePath, baseUrl, parseSearchManifest(await response.json()));
  } catch (error) {
    console.error(`Search covers only part of the site: could not read ${url}:`, error);
    return [];
  }
}

/**
 * Starts the indicator lookup for the search box inside `scope`: what is typed there is looked
 * up, and the rules and tools that match go into `container`, above the full-text results. Its
 * code loads only here, so a page pays for it only once a reader opens search.
 */
export async function startLookup(scope: HTMLElement, container: HTMLElement, lookupPath: string): Promise<void> {
  const { attachLookup } = await import('./lookup-client.ts');
  attachLookup(scope, container, lookupPath);
}

/**
 * The hand-over between the page build and the search step: `huntbook build` installs a sink
 * before it runs Astro, and the page middleware (src/middleware.ts) gives it each searchable
 * page as it renders, so the index is built on the core Astro's one render thread leaves idle.
 * Astro bundles the middleware with its own copies of Huntbook's modules, so the sink is found
 * through a global key rather than a module both import.
 */

/** What the search step takes while pages render. */
export interface RenderedPageSink {
  /** How many searchable pages the site will have, as the site model counts them; before the first page. */
  expect(pageCount: number): void;
  /** A rendered page: its path in the built site (`rules/pdq/index.html`) and its HTML. */
  add(path: string, html: string): void;
}

const SINK_KEY = Symbol.for('huntbook.search.rendered-page-sink');

type SinkHolder = { [SINK_KEY]?: RenderedPageSink };

/** Puts a sink in place for the build about to run; `undefined` removes it. */
export function installRenderedPageSink(sink: RenderedPageSink | undefined): void {
  const holder = globalThis as SinkHolder;
  if (sink) holder[SINK_KEY] = sink;
  else delete holder[SINK_KEY];
}

/** The sink of the build running in this process, if it streams its search index. */
export function findRenderedPageSink(): RenderedPageSink | undefined {
  return (globalThis as SinkHolder)[SINK_KEY];
}

/**
 * The built file of a page under one of `folders`, from its URL path and the site's base; the
 * path is decoded as Astro decodes it to name the file. `undefined` for other pages.
 * @example toSearchPagePath('/soc/rules/pdq/', '/soc/', ['rules']) // → 'rules/pdq/index.html'
 * @example toSearchPagePath('/coverage/', '/', ['rules']) // → undefined
 */
export function toSearchPagePath(pathname: string, base: string, folders: readonly string[]): string | undefined {
  const root = base.endsWith('/') ? base : `${base}/`;
  if (!pathname.startsWith(root) || !pathname.endsWith('/')) return undefined;
  let inSite: string;
  try {
    inSite = decodeURIComponent(pathname.slice(root.length));
  } catch {
    return undefined;
  }
  const folder = inSite.split('/')[0];
  if (!folder || !folders.includes(folder)) return undefined;
  return `${inSite}index.html`;
}

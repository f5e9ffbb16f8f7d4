/**
 * What only the dev server's pages show: the content errors that would fail a build, and
 * whether search has an index to use. In a build both are settled: a content error stops it,
 * and the search index is written after the pages.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { type ContentErrorsView, toContentErrorsView } from './content-errors-view.ts';
import { getBlockingFindings } from './data.ts';
import { IS_DEV_SERVER } from './dev-mode.ts';
import { siteConfig } from './settings.ts';

/** The file of Pagefind's bundle that search loads first. */
const SEARCH_UI_FILE = 'pagefind-component-ui.js';

/** The content errors for the dev server's banner; undefined in a build and when there are none. */
export async function getContentErrors(): Promise<ContentErrorsView | undefined> {
  if (!IS_DEV_SERVER) return undefined;
  return toContentErrorsView(await getBlockingFindings(), siteConfig.strict);
}

/**
 * Where search gets its index: in a build, from the index written after the pages; in the dev
 * server, from the last build's (src/integrations/dev-server.ts serves it), or from nowhere yet.
 */
export type SearchStatus =
  | { kind: 'built' }
  | { kind: 'last-build'; builtAt: Date }
  | { kind: 'missing'; outDir: string };

export function getSearchStatus(): SearchStatus {
  if (!IS_DEV_SERVER) return { kind: 'built' };
  const built = statSync(join(siteConfig.outDir, 'pagefind', SEARCH_UI_FILE), { throwIfNoEntry: false });
  return built ? { kind: 'last-build', builtAt: built.mtime } : { kind: 'missing', outDir: siteConfig.outDir };
}

// Indexes the built site with Pagefind. Runs after `astro build` (see the build script) and
// fails the build on any indexing error, so a broken search never ships.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as pagefind from 'pagefind';
import { isRunDirectly } from './run-directly.ts';

/** Pagefind splits words at these characters unless told to keep them: ids and domains need `-` and `.`. */
const INDEX_CHARACTERS = '-._';
/**
 * The folders whose pages carry `data-pagefind-body` (rule, tool and technique pages). Pagefind
 * skips every other page once it sees one with the attribute, but only after reading and
 * parsing it; half the site is `/r/<id>/` redirects. A page elsewhere that gains the attribute
 * needs its folder added here.
 */
export const SEARCHABLE_PAGES_GLOB = '{rules,tools,techniques}/**/*.html';

export async function indexSite(outDir: string): Promise<{ pages: number; seconds: number }> {
  const started = performance.now();
  if (!existsSync(outDir)) throw new Error(`search index: ${outDir} does not exist; run the Astro build first`);
  const { index, errors } = await pagefind.createIndex({ includeCharacters: INDEX_CHARACTERS });
  if (!index || errors.length > 0) throw new Error(`search index: could not start Pagefind: ${errors.join('; ')}`);
  try {
    const added = await addSearchablePages(index, outDir);
    if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error(`search index: no pages found in ${outDir}`);
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
    return { pages: added.page_count, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pagefind.close();
  }
}

/**
 * Adds the searchable pages; a site without any (no rules or tools yet) is indexed whole, as
 * Pagefind would do for a site without `data-pagefind-body`.
 */
async function addSearchablePages(index: pagefind.PagefindIndex, outDir: string): Promise<pagefind.IndexingResponse> {
  const searchable = await index.addDirectory({ path: outDir, glob: SEARCHABLE_PAGES_GLOB });
  if (searchable.errors.length > 0 || searchable.page_count > 0) return searchable;
  return index.addDirectory({ path: outDir });
}

if (isRunDirectly(import.meta.url)) {
  const outDir = resolve(process.env.HUNTBOOK_OUT_DIR || 'dist');
  console.log(`[search] Indexing ${outDir}`);
  indexSite(outDir)
    .then(({ pages, seconds }) => console.log(`[search] Indexed ${pages} pages in ${seconds.toFixed(2)}s`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}

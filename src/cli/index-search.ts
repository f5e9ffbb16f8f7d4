// Indexes the built site with Pagefind. Runs after `astro build` (see the build script) and
// fails the build on any indexing error, so a broken search never ships.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as pagefind from 'pagefind';

/** Pagefind splits words at these characters unless told to keep them: ids and domains need `-` and `.`. */
const INDEX_CHARACTERS = '-._';

export async function indexSite(outDir: string): Promise<{ pages: number; seconds: number }> {
  const started = performance.now();
  if (!existsSync(outDir)) throw new Error(`search index: ${outDir} does not exist; run the Astro build first`);
  const { index, errors } = await pagefind.createIndex({ includeCharacters: INDEX_CHARACTERS });
  if (!index || errors.length > 0) throw new Error(`search index: could not start Pagefind: ${errors.join('; ')}`);
  try {
    const added = await index.addDirectory({ path: outDir });
    if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join('; ')}`);
    if (added.page_count === 0) throw new Error(`search index: no pages found in ${outDir}`);
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
    return { pages: added.page_count, seconds: (performance.now() - started) / 1000 };
  } finally {
    await pagefind.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outDir = resolve(process.env.HUNTBOOK_OUT_DIR || 'dist');
  console.log(`[search] Indexing ${outDir}`);
  indexSite(outDir)
    .then(({ pages, seconds }) => console.log(`[search] Indexed ${pages} pages in ${seconds.toFixed(2)}s`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}

import { join, resolve } from 'node:path';
import { build } from 'astro';
import * as pagefind from 'pagefind';
import { isRunDirectly } from '../src/cli/run-directly.ts';

/** The bare Astro site the pair mode measures Huntbook against. */
export const BARE_SITE_ROOT = resolve(import.meta.dirname, 'bare-site');

/**
 * Builds the bare site (bench/bare-site) over the rule files in BARE_SITE_RULES into
 * BARE_SITE_OUT, then indexes it with Pagefind's Node API, as Huntbook's build does its own
 * site. Run by the pair mode in its own process, so it is measured as Huntbook's build is.
 * Usage: BARE_SITE_RULES=dir BARE_SITE_OUT=dir node bench/bare-site-build.ts
 */
async function buildBareSite(): Promise<void> {
  const outDir = process.env.BARE_SITE_OUT;
  if (!outDir || !process.env.BARE_SITE_RULES) throw new Error('BARE_SITE_RULES and BARE_SITE_OUT must both be set');
  await build({
    root: BARE_SITE_ROOT,
    outDir: resolve(outDir),
    // A cache of its own in the run folder, so every build of the pair starts cold.
    cacheDir: resolve(outDir, '..', 'bare-cache'),
    vite: { cacheDir: resolve(outDir, '..', 'bare-vite-cache') },
    logLevel: 'info',
  });
  console.log('[search] Indexing the bare site');
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const added = await index.addDirectory({ path: resolve(outDir) });
  if (added.errors.length > 0) throw new Error(`Pagefind: ${added.errors.join('; ')}`);
  const written = await index.writeFiles({ outputPath: join(resolve(outDir), 'pagefind') });
  if (written.errors.length > 0) throw new Error(`Pagefind: ${written.errors.join('; ')}`);
  await pagefind.close();
  console.log(`[search] Indexed ${added.page_count} pages`);
}

if (isRunDirectly(import.meta.url)) {
  try {
    await buildBareSite();
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

/**
 * Lets a rebuild keep the last build's output in place. Astro normally empties the output folder
 * first, so every page its incremental build reuses has to be copied back from the cache and
 * every permalink written again: at 5,000 rules that is most of a rebuild. With the folder kept
 * (`vite.build.emptyOutDir: false`), what this build did not produce must go instead, or a
 * deleted rule would stay published. Only files of earlier builds go, as the output folder's
 * manifest lists them (src/output/): a file Huntbook did not write is never removed here.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { markBuildStarted, pruneStaleOutput } from '../output/output-folder-fs.ts';

export interface PruneOutputOptions {
  /** The output folder (Astro's `outDir`), where the manifest is kept. */
  outDir: string;
  /** Top-level folders other steps own and prune themselves, e.g. `r` (permalinks) and `pagefind`. */
  ownedElsewhere: readonly string[];
}

/**
 * The Astro integration: notes in the manifest when the build starts, and removes the stale
 * files it lists when the build is done. List it after the integrations that write files in
 * `astro:build:done`, so what they write counts as this build's.
 * @example defineConfig({ vite: { build: { emptyOutDir: false } }, integrations: [pruneOutput({ outDir, ownedElsewhere: ['r'] })] })
 */
export function pruneOutput(options: PruneOutputOptions): AstroIntegration {
  let since = 0;
  return {
    name: 'huntbook-prune-output',
    hooks: {
      'astro:build:start': () => {
        since = Date.now();
        markBuildStarted(options.outDir, since);
      },
      'astro:build:done': ({ dir, pages, logger }) => {
        const removed = pruneStaleOutput(fileURLToPath(dir), {
          since,
          pages: new Set(pages.map(({ pathname }) => toPageFile(pathname))),
          ownedElsewhere: options.ownedElsewhere,
        });
        if (removed.length > 0) logger.info(`${removed.length} files of earlier builds removed`);
      },
    },
  };
}

/**
 * The file a page of a directory-format build is written to.
 * @example toPageFile('rules/pdq/') // → 'rules/pdq/index.html'
 * @example toPageFile('') // → 'index.html'
 */
export function toPageFile(pathname: string): string {
  const path = pathname.replace(/^\/+/, '');
  return path === '' || path.endsWith('/') ? `${path}index.html` : `${path}/index.html`;
}

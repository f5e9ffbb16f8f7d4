/**
 * Lets a rebuild keep the last build's output in place. Astro normally empties the output folder
 * first, so every page its incremental build reuses has to be copied back from the cache and
 * every permalink written again: at 5,000 rules that is most of a rebuild. With the folder kept
 * (`vite.build.emptyOutDir: false`), whatever this build did not produce must go instead, or a
 * deleted rule would stay published: after the build, every file that is neither a page of this
 * build nor written during it is removed.
 */
import { readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** A git checkout in the output folder (a GitHub Pages worktree) is never touched, as Astro's own emptying spares it. */
const GIT_DIR = '.git';

export interface PruneOptions {
  /** Files modified at or after this time (ms since the epoch) were written by this build. */
  since: number;
  /** Output files of this build's pages, relative to the folder with `/` separators. */
  pages: ReadonlySet<string>;
  /** Top-level folders other steps own and prune themselves, e.g. `r` (permalinks) and `pagefind`. */
  ownedElsewhere: readonly string[];
}

/**
 * The Astro integration: notes when the build starts and prunes the output folder when it is done.
 * @example defineConfig({ vite: { build: { emptyOutDir: false } }, integrations: [pruneOutput({ ownedElsewhere: ['r'] })] })
 */
export function pruneOutput(options: Pick<PruneOptions, 'ownedElsewhere'>): AstroIntegration {
  let since = 0;
  return {
    name: 'huntbook-prune-output',
    hooks: {
      'astro:build:start': () => {
        since = Date.now();
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

/** Removes stale files (and folders left empty) under `outDir`; returns the removed files, relative. */
export function pruneStaleOutput(outDir: string, options: PruneOptions): string[] {
  const removed: string[] = [];
  const visit = (dir: string, topLevel: boolean): boolean => {
    let empty = true;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (topLevel && (options.ownedElsewhere.includes(entry.name) || entry.name === GIT_DIR)) {
        empty = false;
      } else if (entry.isDirectory()) {
        if (visit(path, false)) rmdirSync(path);
        else empty = false;
      } else {
        const file = toSitePath(outDir, path);
        if (isStale(path, file, options)) {
          rmSync(path);
          removed.push(file);
        } else {
          empty = false;
        }
      }
    }
    return empty;
  };
  visit(outDir, true);
  return removed.sort();
}

/** A file's path in the site, `/`-separated. */
function toSitePath(outDir: string, path: string): string {
  return relative(outDir, path).split(sep).join('/');
}

function isStale(path: string, file: string, options: PruneOptions): boolean {
  if (options.pages.has(file)) return false;
  return statSync(path).mtimeMs < options.since;
}

import type { AstroIntegration } from 'astro';
import { collectGarbage } from '../loaders/release-memory.ts';

/**
 * Gives back the memory the pages were rendered with once the build is done. `huntbook build`
 * indexes the site for search next, while this process mostly waits for Pagefind: without a
 * collection it would keep the render's garbage resident, hundreds of megabytes at 5,000 rules,
 * through the index step (docs/performance.md).
 * @example defineConfig({ integrations: [..., releaseMemory()] }) // last, after the others' build:done work
 */
export function releaseMemory(): AstroIntegration {
  return {
    name: 'huntbook-release-memory',
    hooks: {
      'astro:build:done': () => collectGarbage(),
    },
  };
}

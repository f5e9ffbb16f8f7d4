// @ts-check
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { brandingFiles } from './src/integrations/branding-files.ts';
import { buildReport } from './src/integrations/build-report.ts';
import { toAstroCsp } from './src/integrations/content-security-policy.ts';
import { devServer } from './src/integrations/dev-server.ts';
import { permalinks } from './src/integrations/permalinks.ts';
import { pruneOutput } from './src/integrations/prune-output.ts';
import { releaseMemory } from './src/integrations/release-memory.ts';
import { toRunbookMarkdownOptions } from './src/integrations/runbook-markdown.ts';
import { loadSiteConfig } from './src/loaders/site-config.ts';
import { listBrandingFiles } from './src/site/branding.ts';

// Huntbook's own files are found from here, wherever the package is installed: bundled page
// code no longer sits beside its source (src/package/package-root.ts).
process.env.HUNTBOOK_PACKAGE_ROOT ||= fileURLToPath(new URL('.', import.meta.url));

const site = loadSiteConfig();
const runbookMarkdown = toRunbookMarkdownOptions(site.markdown);

export default defineConfig({
  base: site.base,
  ...(site.site ? { site: site.site } : {}),
  trailingSlash: 'always',
  // The user's output and cache folders, from their settings; Astro's root is the installed package.
  outDir: site.outDir,
  cacheDir: site.cacheDir,
  // Four pages in flight keep the CPU busy while each finished page is written; more gained
  // nothing when measured.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  devToolbar: { enabled: false },
  // Every page carries a Content-Security-Policy meta tag: Astro hashes the scripts and styles it
  // bundles; the policy itself is src/integrations/content-security-policy.ts.
  security: { csp: toAstroCsp() },
  // Rule, tool and technique pages carry a cacheKey (src/site/data.ts): a rebuild copies the
  // unchanged ones from the build cache instead of rendering them again.
  experimental: { incrementalBuild: true },
  // The last build's output stays for a rebuild to reuse; pruneOutput removes the files of earlier
  // builds this one did not produce (src/output/). /r/<id>/ redirect files are written after the build instead of rendered as
  // one page per rule; the search index (src/cli/index-search.ts) owns pagefind/.
  vite: { build: { emptyOutDir: false }, cacheDir: join(site.cacheDir, 'vite') },
  // pruneOutput comes after the integrations that write files when the build is done.
  integrations: [
    permalinks({ base: site.base, cacheDir: site.cacheDir }),
    brandingFiles({ base: site.base, files: listBrandingFiles(site.branding) }),
    pruneOutput({ outDir: site.outDir, ownedElsewhere: ['r', 'pagefind'] }),
    buildReport({ base: site.base, cacheDir: site.cacheDir }),
    devServer({ base: site.base, outDir: site.outDir }),
    // Last: the render's garbage goes once every other integration's build:done work is done.
    releaseMemory(),
  ],
  markdown: {
    // Runbook bodies go through remark, as the project's Markdown pipeline, sanitised unless the
    // settings say `markdown.allowHtml: true` (src/integrations/runbook-markdown.ts).
    syntaxHighlight: runbookMarkdown.syntaxHighlight,
    processor: unified({ smartypants: runbookMarkdown.smartypants, rehypePlugins: runbookMarkdown.rehypePlugins }),
  },
});

// @ts-check

import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { loadSiteConfig } from './src/config/load-site-config.ts';
import { permalinks } from './src/integrations/permalinks.ts';
import { rehypeShiftHeadings } from './src/lib/rehype-shift-headings.ts';

const site = loadSiteConfig();

export default defineConfig({
  base: site.base,
  ...(site.site ? { site: site.site } : {}),
  trailingSlash: 'always',
  // Tests and the benchmark build several sites side by side; each gets its own output folder.
  outDir: process.env.HUNTBOOK_OUT_DIR || './dist',
  cacheDir: site.cacheDir,
  // Four pages in flight keep the CPU busy while each finished page is written (measured at
  // 2,000 rules: rendering 4.1 s with one, 3.3 s with four, no better with eight).
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  devToolbar: { enabled: false },
  // /r/<id>/ redirect files are written after the build instead of rendered as one page per rule.
  integrations: [permalinks({ base: site.base })],
  markdown: {
    // Runbook bodies go through remark, as the project's Markdown pipeline.
    processor: unified({ rehypePlugins: [rehypeShiftHeadings] }),
  },
});

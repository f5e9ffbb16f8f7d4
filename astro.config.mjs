// @ts-check
import { defineConfig } from 'astro/config';
import { unified } from '@astrojs/markdown-remark';
import { loadSiteConfig } from './src/config/load-site-config.ts';
import { rehypeShiftHeadings } from './src/lib/rehype-shift-headings.ts';

const site = loadSiteConfig();

export default defineConfig({
  base: site.base,
  ...(site.site ? { site: site.site } : {}),
  trailingSlash: 'always',
  // Tests and the benchmark build several sites side by side; each gets its own output folder.
  outDir: process.env.HUNTBOOK_OUT_DIR || './dist',
  cacheDir: site.cacheDir,
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  markdown: {
    // Runbook bodies go through remark, as the project's Markdown pipeline.
    processor: unified({ rehypePlugins: [rehypeShiftHeadings] }),
  },
});

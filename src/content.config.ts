import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { rulesLoader, runbooksLoader, toolsLoader } from './loaders/astro-loaders.ts';
import { loadSiteConfig } from './loaders/site-config.ts';
import { toolSchema } from './schemas/tool.ts';

const config = loadSiteConfig();

/**
 * Rules and runbooks are validated by their loaders, which keep the data in build-cache files
 * (src/build-cache/content-payloads.ts: the store is bundled into the page build whole); the store
 * holds the digest those files are checked against, and a runbook's rendered Markdown.
 */
const payloadDigestSchema = z.object({ digest: z.string() });

const rules = defineCollection({ loader: rulesLoader(config), schema: payloadDigestSchema });

const runbooks = defineCollection({
  loader: runbooksLoader(config.content.runbooks, config.cacheDir, config.markdown),
  schema: payloadDigestSchema,
});

const tools = defineCollection({
  loader: toolsLoader(config.content.tools, config.cacheDir),
  schema: z.object({ files: z.array(z.string()), tool: toolSchema }),
});

export const collections = { rules, runbooks, tools };

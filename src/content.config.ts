import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { loadSiteConfig } from './config/load-site-config.ts';
import { rulesLoader, runbooksLoader } from './loaders/astro-loaders.ts';
import { ruleSchema } from './schemas/rule.ts';
import { runbookFrontmatterSchema } from './schemas/runbook.ts';

const config = loadSiteConfig();

/** File paths that travel with every entry, for messages and "view source" links. */
const sourceSchema = z.object({ file: z.string() });

const rules = defineCollection({
  loader: rulesLoader(config.content.rules),
  schema: sourceSchema.extend({ absolutePath: z.string(), rule: ruleSchema }),
});

const runbooks = defineCollection({
  loader: runbooksLoader(config.content.runbooks),
  schema: sourceSchema.extend(runbookFrontmatterSchema.shape),
});

export const collections = { rules, runbooks };

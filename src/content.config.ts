import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { loadSiteConfig } from './config/load-site-config.ts';
import { rulesLoader, runbooksLoader, toolsLoader } from './loaders/astro-loaders.ts';
import { ruleSchema } from './schemas/rule.ts';
import { runbookFrontmatterSchema } from './schemas/runbook.ts';
import { toolSchema } from './schemas/tool.ts';

const config = loadSiteConfig();

/** File paths that travel with every entry, for messages and "view source" links. */
const sourceSchema = z.object({ file: z.string() });

const rules = defineCollection({
  loader: rulesLoader(config),
  // Query notes are computed by the loader; they are not part of the rule file. The query's
  // analysis is read from the build cache (src/data/site.ts), not kept here.
  schema: sourceSchema.extend({
    rule: ruleSchema,
    queryNotes: z.array(z.string()),
  }),
});

const runbooks = defineCollection({
  loader: runbooksLoader(config.content.runbooks),
  schema: sourceSchema.extend({
    ...runbookFrontmatterSchema.shape,
    positions: z.record(z.string(), z.object({ line: z.number(), column: z.number().optional() })),
  }),
});

const tools = defineCollection({
  loader: toolsLoader(config.content.tools),
  schema: z.object({ files: z.array(z.string()), tool: toolSchema }),
});

export const collections = { rules, runbooks, tools };

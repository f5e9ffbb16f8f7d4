import { getCollection } from 'astro:content';
import { loadSiteConfig } from '../config/load-site-config.ts';
import { loadAttackIndex } from '../lib/attack-fs.ts';
import { formatFinding, throwOnErrors } from '../lib/findings.ts';
import { buildSiteModel, type SiteModel } from '../lib/site-model.ts';

/** Site settings, read once per build. */
export const siteConfig = loadSiteConfig();

let modelPromise: Promise<SiteModel> | undefined;

/**
 * The one place pages get their data: collections are read once per build, joined into the
 * site model, and checked across files. Any error fails the build with the full list.
 */
export function getSiteModel(): Promise<SiteModel> {
  modelPromise ??= buildModel();
  return modelPromise;
}

async function buildModel(): Promise<SiteModel> {
  const [rules, runbooks, tools] = await Promise.all([
    getCollection('rules'),
    getCollection('runbooks'),
    getCollection('tools'),
  ]);
  const { model, findings } = buildSiteModel({
    rules: rules.map((entry) => entry.data),
    runbooks: runbooks.map((entry) => entry.data),
    tools: tools.map((entry) => entry.data),
    attack: loadAttackIndex(),
    config: siteConfig,
  });
  for (const warning of throwOnErrors(findings)) console.warn(`[huntbook] ${formatFinding(warning)}`);
  return model;
}

/** Prefixes a site path with the configured base, e.g. `/rules/` → `/soc/rules/`. */
export function withBase(path: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
}

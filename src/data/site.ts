import { getCollection } from 'astro:content';
import { loadSiteConfig } from '../config/load-site-config.ts';
import { loadAttackIndex } from '../lib/attack-fs.ts';
import { buildAttackHeatmap, type HeatColumn } from '../lib/attack-heatmap.ts';
import { buildCoverageMatrix, type CoverageMatrix } from '../lib/coverage-matrix.ts';
import { formatFinding, throwOnErrors } from '../lib/findings.ts';
import { buildSiteModel, type SiteModel } from '../lib/site-model.ts';
import { buildTechniquePages, type TechniquePage } from '../lib/technique-pages.ts';

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

/**
 * Prefixes a site path with the configured base, e.g. `/rules/` → `/soc/rules/`. Reads the
 * same settings as astro.config.mjs, because `import.meta.env.BASE_URL` is not the
 * configured base in prerendered page code.
 */
export function withBase(path: string): string {
  return `${siteConfig.base.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
}

export interface CoverageViews {
  matrix: CoverageMatrix;
  heatmap: HeatColumn[];
  techniquePages: TechniquePage[];
}

let coveragePromise: Promise<CoverageViews> | undefined;

/** Coverage views derived from the site model, computed once per build. */
export function getCoverage(): Promise<CoverageViews> {
  coveragePromise ??= getSiteModel().then((model) => {
    const attack = loadAttackIndex();
    return {
      matrix: buildCoverageMatrix(model.tools, attack),
      heatmap: buildAttackHeatmap(model.rules, attack),
      techniquePages: buildTechniquePages(model.rules, model.tools, attack),
    };
  });
  return coveragePromise;
}

/**
 * URL written into exports that leave the site (Navigator layers, the rules API): absolute
 * when `site` is configured, so links work from other tools; else a path under the base.
 */
export function toExportUrl(path: string): string {
  const local = withBase(path);
  return siteConfig.site ? new URL(local, siteConfig.site).href : local;
}

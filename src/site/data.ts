import { getCollection } from 'astro:content';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AttackDomain, type AttackIndex, MATRIX_NAMES } from '../attack/attack.ts';
import { ATTACK_EXTRACT_PATHS, loadAttackIndex } from '../attack/attack-fs.ts';
import { buildAttackHeatmap, type HeatColumn } from '../attack/heatmap.ts';
import { listRuleDomains } from '../attack/navigator-layer.ts';
import { buildTechniquePages, type TechniquePage } from '../attack/technique-pages.ts';
import { readCollectionReport } from '../build-cache/content-findings.ts';
import { readPayloads } from '../build-cache/content-payloads.ts';
import { createPageCacheKeys, toPageSettings, toSiteDigest } from '../build-cache/page-cache-key.ts';
import { ContentError, type Finding, STRICT_MODE_HINT } from '../checks/findings.ts';
import { buildCoverageMatrix, type CoverageMatrix } from '../coverage/matrix.ts';
import type { KqlAnalysis } from '../kql/analysis.ts';
import { findCachedAnalysis } from '../kql/analysis-cache.ts';
import { measureQueryOverLimit } from '../kql/query-size.ts';
import type { RuleSource, RunbookSource, SiteModel } from '../model/site-model.ts';
import { assembleSite } from './assemble-site.ts';
import { writeBuildReport } from './build-report-fs.ts';
import { IS_DEV_SERVER } from './dev-mode.ts';
import { toPermalinkTargets } from './permalink-targets.ts';
import { writePermalinkTargets } from './permalink-targets-fs.ts';
import { toLayerSuffix } from './routes.ts';
import { routes, siteConfig } from './settings.ts';

interface SiteData {
  model: SiteModel;
  /** The findings that fail a build. Only the dev server gets past them: its pages list them. */
  blocking: Finding[];
}

let dataPromise: Promise<SiteData> | undefined;

/**
 * The one place pages get their data: collections are read once per build, joined into the
 * site model, and checked across files. Here every finding of the build is known (the settings',
 * each loader's, the model's): an error — any finding in strict mode — fails the build with the
 * full list; otherwise the list is left for the end of the build log (build-report.ts). In the
 * dev server, which reads everything again after an edit, the pages show the errors instead, so
 * it keeps running and the page recovers when the file is fixed.
 */
export async function getSiteModel(): Promise<SiteModel> {
  return (await getSiteData()).model;
}

/**
 * The findings that would fail a build, for the dev server's pages; always empty in a build,
 * which stops on them instead.
 */
export async function getBlockingFindings(): Promise<readonly Finding[]> {
  return (await getSiteData()).blocking;
}

function getSiteData(): Promise<SiteData> {
  dataPromise ??= buildModel();
  return dataPromise;
}

async function buildModel(): Promise<SiteData> {
  const reports = {
    rules: readCollectionReport(siteConfig.cacheDir, 'rules'),
    runbooks: readCollectionReport(siteConfig.cacheDir, 'runbooks'),
    tools: readCollectionReport(siteConfig.cacheDir, 'tools'),
  };
  // Astro's store keeps no empty collection, and getCollection then warns that it "does not
  // exist or is empty" and to check the content config: no runbooks (or no tools) is no such
  // problem, so a collection whose loader published nothing is not asked for.
  const [rules, runbooks, tools] = await Promise.all([
    reports.rules.published > 0 ? getCollection('rules') : [],
    reports.runbooks.published > 0 ? getCollection('runbooks') : [],
    reports.tools.published > 0 ? getCollection('tools') : [],
  ]);
  const ruleOf = readPayloads<Omit<RuleSource, 'absolutePath' | 'key'>>(siteConfig.cacheDir, 'rules');
  const runbookOf = readPayloads<RunbookSource>(siteConfig.cacheDir, 'runbooks');
  const { model, report, findings, failed } = assembleSite(
    {
      rules: rules.map(({ id, data }) => {
        const rule = ruleOf(id, data);
        return {
          ...rule,
          key: id,
          absolutePath: resolve(rule.file),
          // A query over kql.maxQueryBytes was never analysed (src/kql/query-size.ts), nor a
          // Sigma rule without conversion, which has no query.
          ...(rule.sigma?.conversion.ok === false
            ? {}
            : measureQueryOverLimit(rule.rule.query, siteConfig.kql.maxQueryBytes) === undefined
              ? { analysis: requireCachedAnalysis(rule.file, rule.rule.query) }
              : { queryTooLarge: true as const }),
        };
      }),
      // The entry's digest covers the runbook's body, which rule pages render from the store:
      // carried on the view, it is part of the rule page's cache key.
      runbooks: runbooks.map(({ id, data, digest }) => ({ ...runbookOf(id, data), entryDigest: String(digest) })),
      tools: tools.map((entry) => entry.data),
      reports,
    },
    { attack: getAttackIndex(), config: siteConfig },
  );
  const blocking = findings.filter((finding) => finding.severity === 'error');
  if (failed && !IS_DEV_SERVER) {
    throw new ContentError(findings, {
      summary: report.summary,
      ...(siteConfig.strict ? { hint: STRICT_MODE_HINT } : {}),
    });
  }
  writeBuildReport(siteConfig.cacheDir, report);
  // The /r/<id>/ redirects are written after the pages (src/integrations/permalinks.ts), from this list.
  writePermalinkTargets(siteConfig.cacheDir, toPermalinkTargets(model.rules, routes));
  return { model, blocking };
}

/** The rules loader analyzed every query into the build cache before any page is built. */
function requireCachedAnalysis(file: string, query: string): KqlAnalysis {
  const analysis = findCachedAnalysis(siteConfig.cacheDir, query);
  if (!analysis)
    throw new Error(`${file}: the query's analysis is missing from the build cache in ${siteConfig.cacheDir}`);
  return analysis;
}

/** The pinned ATT&CK extract, read once per build. */
export function getAttackIndex(): AttackIndex {
  return loadAttackIndex();
}

export interface CoverageViews {
  matrix: CoverageMatrix;
  /** The Enterprise heatmap, always shown. */
  heatmap: HeatColumn[];
  /** Heatmaps of the other domains that rules map to (ICS, Mobile). */
  domainHeatmaps: { domain: AttackDomain; suffix: string; matrix: string; columns: HeatColumn[] }[];
  techniquePages: TechniquePage[];
}

let coveragePromise: Promise<CoverageViews> | undefined;

/** Coverage views derived from the site model, computed once per build. */
export function getCoverage(): Promise<CoverageViews> {
  coveragePromise ??= getSiteModel().then((model) => {
    const attack = getAttackIndex();
    return {
      matrix: buildCoverageMatrix(model.tools, attack, model.rulesWithoutTool),
      heatmap: buildAttackHeatmap(model.rules, attack),
      domainHeatmaps: listRuleDomains(model.rules, attack)
        .filter((domain) => domain !== 'enterprise-attack')
        .map((domain) => ({
          domain,
          suffix: toLayerSuffix(domain),
          matrix: MATRIX_NAMES[domain],
          columns: buildAttackHeatmap(model.rules, attack, domain),
        })),
      techniquePages: buildTechniquePages(model.rules, model.tools, attack),
    };
  });
  return coveragePromise;
}

let pageKeysPromise: Promise<(props: unknown) => string> | undefined;

/**
 * Gives each page from `getStaticPaths()` its `cacheKey`: with Astro's incremental build, a
 * rule, tool or technique page whose props and site-wide inputs are unchanged is copied from
 * the last build instead of rendered again. Rule views are digested once for every page that
 * lists them.
 */
export function getPageCacheKeys(): Promise<(props: unknown) => string> {
  pageKeysPromise ??= getSiteModel().then((model) =>
    createPageCacheKeys(
      toSiteDigest([
        JSON.stringify(toPageSettings(siteConfig)),
        ...ATTACK_EXTRACT_PATHS.map((path) => readFileSync(path)),
      ]),
      model.rules,
    ),
  );
  return pageKeysPromise;
}

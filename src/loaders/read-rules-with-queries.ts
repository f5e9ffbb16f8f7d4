import { resolve } from 'node:path';
import { loadAttackIndex } from '../attack/attack-fs.ts';
import type { Finding } from '../checks/findings.ts';
import type { KqlAnalysis } from '../kql/analysis.ts';
import { createKqlAnalysisCache } from '../kql/analysis-cache.ts';
import { createKqlHighlightCache } from '../kql/highlight-cache.ts';
import { DEFAULT_MAX_QUERY_BYTES, measureQueryOverLimit } from '../kql/query-size.ts';
import { MIN_WORKER_QUERIES, prepareQueries, type QueryWorkerPool, startQueryWorkers } from '../kql/query-work.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { type ContentFolderCount, countByContentFolder } from './content-counts.ts';
import type { ContentLocation } from './content-location.ts';
import {
  completeRules,
  createRuleParseCache,
  parseRuleFiles,
  type RuleFileOutcome,
  type RuleRecord,
} from './read-rules.ts';
import { collectGarbage } from './release-memory.ts';

/** The rules as read for a build or a check: records, findings in file order, and the counts for the log. */
export interface RulesRead {
  records: RuleRecord[];
  findings: Finding[];
  /** Files read: a file that cannot be read gives no record. */
  filesRead: number;
  /** Per content folder, files read and rules published. */
  folders: ContentFolderCount[];
}

export interface RuleQueryWorkOptions {
  /**
   * Highlight the queries for rule pages (default true). A check renders no page: without it,
   * the highlight cache is neither read nor written, so a check leaves the build's highlighted
   * queries as they are.
   */
  highlight?: boolean;
  /** Sigma rule locations (`content.sigma`), read into the same records. */
  sigma?: readonly (string | ContentLocation)[];
}

/**
 * Reads the rules, with each query analyzed (and highlighted for the pages) once: unchanged
 * queries come from the build caches, new ones from worker processes. Analyses and highlighted
 * HTML stay in their cache files for the pages, out of the content store.
 * @example const { records, findings } = await readRulesWithQueryWork(config.content.rules, config, console, { highlight: false });
 */
export async function readRulesWithQueryWork(
  locations: readonly (string | ContentLocation)[],
  config: Pick<SiteConfig, 'cacheDir'> & { kql?: Pick<SiteConfig['kql'], 'maxQueryBytes'> },
  logger: { warn: (message: string) => void },
  options: RuleQueryWorkOptions = {},
): Promise<RulesRead> {
  const parseCache = createRuleParseCache(config.cacheDir);
  const sigmaLocations = options.sigma ?? [];
  const analysisCache = createKqlAnalysisCache(config.cacheDir);
  const highlightCache = options.highlight === false ? undefined : createKqlHighlightCache(config.cacheDir);
  const maxQueryBytes = config.kql?.maxQueryBytes ?? DEFAULT_MAX_QUERY_BYTES;
  // A query over kql.maxQueryBytes is neither analysed nor highlighted, nor kept in those caches;
  // nor is a Sigma rule without a conversion, which has no query.
  const queryOf = (file: RuleFileOutcome): string[] =>
    file.parsed &&
    file.parsed.sigma?.conversion.ok !== false &&
    measureQueryOverLimit(file.parsed.rule.query, maxQueryBytes) === undefined
      ? [file.parsed.rule.query]
      : [];
  const probe = probeForNewQueries(queryOf, (query) =>
    analysisCache.has(query) && (highlightCache === undefined || highlightCache.has(query)) ? 'cached' : 'new',
  );
  let parsed: ReturnType<typeof parseRuleFiles>;
  try {
    parsed = parseRuleFiles(locations, loadAttackIndex(), parseCache, sigmaLocations, (file, index, total) => {
      if (probe.decide(file, index, total)) probe.pool = startQueryWorkers({ highlight: highlightCache !== undefined });
    });
    parseCache.flush();
  } catch (error) {
    probe.pool?.close();
    throw error;
  }
  const queries = parsed.files.flatMap(queryOf);
  // Workers started early are busy now, and this process only waits for them: the parse's
  // garbage goes before their memory is at its largest.
  if (probe.pool) collectGarbage();
  const { analyses, report } = await prepareQueries(queries, {
    analysisCache,
    ...(highlightCache ? { highlightCache } : {}),
    ...(probe.pool ? { pool: probe.pool } : {}),
  });
  if (report.workerFailure) logger.warn(`query workers failed, finished in-process: ${report.workerFailure}`);
  analysisCache.flush();
  highlightCache?.flush();
  const completed = completeRules(parsed, (query) => requireAnalysis(analyses, query), { maxQueryBytes });
  const folders = countByContentFolder(
    [...locations, ...sigmaLocations].map((location) =>
      resolve(typeof location === 'string' ? location : location.base),
    ),
    parsed.files.map((file) => file.absolutePath),
    completed.records.map((record) => record.absolutePath),
    parsed.excluded,
  );
  return { ...completed, filesRead: parsed.files.length, folders };
}

/** Files parsed before deciding whether the query workers can start while the rest are parsed. */
const PROBE_FILES = 64;

/**
 * Looks at the first files' queries: when most are new (a cold build, a new analyzer) and
 * there are enough files for workers, the pool can start now, loading the language service
 * while the loader parses the rest, instead of after the parse (docs/performance.md). A
 * rebuild finds them cached and starts nothing early.
 */
export function probeForNewQueries(
  queryOf: (file: RuleFileOutcome) => string[],
  lookUp: (query: string) => 'cached' | 'new',
): { decide: (file: RuleFileOutcome, index: number, total: number) => boolean; pool?: QueryWorkerPool } {
  let newQueries = 0;
  let seen = 0;
  return {
    decide(file, index, total) {
      if (index >= PROBE_FILES || total < MIN_WORKER_QUERIES) return false;
      for (const query of queryOf(file)) if (lookUp(query) === 'new') newQueries++;
      seen++;
      const last = Math.min(PROBE_FILES, total) - 1;
      return index === last && newQueries * 2 > seen && (newQueries * total) / seen >= MIN_WORKER_QUERIES;
    },
  };
}

function requireAnalysis(analyses: ReadonlyMap<string, KqlAnalysis>, query: string): KqlAnalysis {
  const analysis = analyses.get(query);
  if (!analysis) throw new Error(`no analysis was prepared for the query: ${query.slice(0, 80)}`);
  return analysis;
}

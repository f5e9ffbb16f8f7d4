/**
 * Query work for the rules loader: every query needs its Kusto analysis and its highlighted
 * HTML. Results come from the build caches when the query is unchanged; new queries go to a
 * small pool of worker processes, so the loader's process never loads the Kusto language
 * service or Shiki, and all the memory the work took is returned when the pool ends. A
 * handful of new queries (a one-rule edit, the test fixtures) is cheaper to do in-process
 * than to start workers for.
 *
 * Processes rather than worker threads: a thread's V8 heap pages go to a process-wide pool
 * when the thread ends and stay resident until the main isolate has idled for seconds, which
 * a build never does, so hundreds of megabytes would stay held through bundling and rendering.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { writeFileAtomically } from '../build-cache/write-file-atomically.ts';
import { packagePath } from '../package/package-root.ts';
import { forkWorker } from '../workers/fork-worker.ts';
import { analyzeKql, type KqlAnalysis } from './analysis.ts';
import type { KqlAnalysisCache } from './analysis-cache.ts';
import type { KqlHighlightCache } from './highlight-cache.ts';

/**
 * The worker's source, resolved from the project root (every npm script's working directory):
 * Vite bundles this module into a chunk elsewhere, so a path relative to it would break.
 */
export const QUERY_WORKER_PATH = packagePath('src/kql/query-worker.ts');

/**
 * Below this many new queries, starting workers (each loads the language service and Shiki)
 * costs more than it saves.
 */
export const MIN_WORKER_QUERIES = 50;

/** Each worker loads its own language service and highlighter; a few cover a build's burst. */
const MAX_WORKERS = 4;
/** Queries per message back: large enough to amortise messaging, small enough to deal the work out evenly. */
const BATCH_SIZE = 16;
/**
 * Smaller heaps: the work makes much short-lived garbage and keeps little, but V8's defaults
 * let a worker grow several times larger than it needs while the loader's own process is at
 * its largest. Small semi-spaces cost nothing; the old-space cap trades a few percent of time
 * per query for about a third less memory per worker (docs/performance.md).
 */
const WORKER_V8_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=192'];

/** What a worker is asked to do for one query. */
export interface QueryTask {
  query: string;
  analyze: boolean;
  /**
   * Where to write the highlighted HTML, when the query needs it; the HTML never travels back
   * with the results, of which it would be most of the bytes.
   */
  highlightFile?: string;
}

/** What a worker answers for one task; a field is present when it was asked for. */
export interface QueryTaskResult {
  analysis?: KqlAnalysis;
  /** True when the HTML was written to the task's `highlightFile`. */
  highlighted?: true;
}

/** Does one task with the given highlighter; shared by the workers and the in-process path. */
export async function runQueryTask(
  task: QueryTask,
  highlightKql: (query: string) => Promise<string>,
): Promise<QueryTaskResult> {
  const result: QueryTaskResult = {};
  if (task.analyze) result.analysis = analyzeKql(task.query);
  if (task.highlightFile !== undefined) {
    writeFileAtomically(task.highlightFile, await highlightKql(task.query));
    result.highlighted = true;
  }
  return result;
}

/**
 * What a worker is sent: its whole share of the tasks at once, so it never waits for the
 * loader's process, which renders runbook Markdown meanwhile and would answer late.
 */
export interface QueryWorkerJob {
  tasks: QueryTask[];
  /** Results are posted this many at a time. */
  batchSize: number;
}

/** A worker's message: one batch's results, the end of its work, or why it stopped. */
export type QueryWorkerMessage = { start: number; results: QueryTaskResult[] } | { done: true } | { error: string };

export interface QueryWorkOptions {
  /** Analyses of unchanged queries; new ones are added. */
  analysisCache?: KqlAnalysisCache;
  /** Highlighted HTML for rule pages; without it nothing is highlighted. */
  highlightCache?: KqlHighlightCache;
  /** Workers to start when enough queries are new; 0 keeps all work in-process. Default: one per core, at most 4. */
  workers?: number;
  /** Fewer new queries than this are done in-process. */
  minWorkerQueries?: number;
  /** The worker's source file (tests point it elsewhere). */
  workerPath?: string;
  /**
   * Workers started before the queries were known (`startQueryWorkers`): used instead of new
   * ones, or stopped when too few queries are new.
   */
  pool?: QueryWorkerPool;
}

/** Worker processes started ahead of their work, loading the language service and Shiki meanwhile. */
export interface QueryWorkerPool {
  /** Workers started. */
  readonly size: number;
  /** Hands over up to `count` workers, which the caller then stops. */
  take(count: number): ChildProcess[];
  /** Stops the workers not handed over. */
  close(): void;
}

/** The worker's arguments: load the language service, and Shiki, before the work arrives. */
export const WARM_ANALYSIS_ARG = '--warm-analysis';
export const WARM_HIGHLIGHT_ARG = '--warm-highlight';

/**
 * Starts the workers of a build whose queries are mostly new before the rules are all parsed:
 * each worker's start-up (about 2–3 s of module and grammar loading) then overlaps the parse
 * instead of following it (docs/performance.md).
 * @example const pool = startQueryWorkers({ highlight: true }); await prepareQueries(queries, { pool, analysisCache });
 */
export function startQueryWorkers(
  options: { highlight: boolean; workers?: number; workerPath?: string } = { highlight: true },
): QueryWorkerPool | undefined {
  const path = options.workerPath ?? QUERY_WORKER_PATH;
  if (!existsSync(path)) return undefined;
  const count = options.workers ?? Math.min(availableParallelism(), MAX_WORKERS);
  if (count <= 0) return undefined;
  const args = [WARM_ANALYSIS_ARG, ...(options.highlight ? [WARM_HIGHLIGHT_ARG] : [])];
  const idle = Array.from({ length: count }, () => startWorker(path, args));
  return {
    size: count,
    take: (wanted) => idle.splice(0, wanted),
    close: () => {
      for (const worker of idle.splice(0)) worker.kill();
    },
  };
}

/** How the work was done, for tests and the build log. */
export interface QueryWorkReport {
  /** Distinct queries. */
  queries: number;
  /** Queries that missed a cache. */
  misses: number;
  /** Worker processes started; 0 when everything was done in-process. */
  workers: number;
  /** Why the pool gave up on some queries, which were then done in-process. */
  workerFailure?: string;
}

/**
 * Returns every query's analysis and fills the highlight cache, taking unchanged queries from
 * the caches and doing the rest in worker processes (or in-process when there are few).
 * @example const analyses = await prepareQueries(rules.map((r) => r.query), { analysisCache, highlightCache });
 */
export async function prepareQueries(
  queries: Iterable<string>,
  options: QueryWorkOptions = {},
): Promise<{ analyses: Map<string, KqlAnalysis>; report: QueryWorkReport }> {
  const analyses = new Map<string, KqlAnalysis>();
  const tasks = collectTasks(queries, options, analyses);
  const workers = chooseWorkerCount(tasks.length, options);
  const report: QueryWorkReport = { queries: 0, misses: tasks.length, workers };
  let results: (QueryTaskResult | undefined)[] = [];
  const started = options.pool?.take(workers) ?? [];
  options.pool?.close();
  if (workers > 0) {
    const outcome = await runInWorkers(tasks, workers, options.workerPath ?? QUERY_WORKER_PATH, started);
    results = outcome.results;
    if (outcome.failure) report.workerFailure = outcome.failure.message;
  }
  await finishInProcess(tasks, results);
  storeResults(tasks, results, options, analyses);
  report.queries = analyses.size;
  return { analyses, report };
}

/** Fills every hole in `results` (all of them when no worker ran) in this process. */
async function finishInProcess(tasks: readonly QueryTask[], results: (QueryTaskResult | undefined)[]): Promise<void> {
  const missing: number[] = [];
  for (let index = 0; index < tasks.length; index++) if (results[index] === undefined) missing.push(index);
  const done = await runInProcess(missing.map((index) => tasks[index] as QueryTask));
  missing.forEach((taskIndex, doneIndex) => {
    results[taskIndex] = done[doneIndex];
  });
}

/** One task per distinct query that misses a cache; hits go straight into `analyses`. */
function collectTasks(
  queries: Iterable<string>,
  options: QueryWorkOptions,
  analyses: Map<string, KqlAnalysis>,
): QueryTask[] {
  const tasks: QueryTask[] = [];
  const seen = new Set<string>();
  for (const query of queries) {
    if (seen.has(query)) continue;
    seen.add(query);
    const analysis = options.analysisCache?.get(query);
    if (analysis) analyses.set(query, analysis);
    const cache = options.highlightCache;
    const highlight = cache !== undefined && !cache.has(query);
    if (!analysis || highlight) {
      tasks.push({ query, analyze: !analysis, ...(highlight ? { highlightFile: cache.fileFor(query) } : {}) });
    }
  }
  return tasks;
}

function chooseWorkerCount(misses: number, options: QueryWorkOptions): number {
  if (misses < (options.minWorkerQueries ?? MIN_WORKER_QUERIES)) return 0;
  const path = options.workerPath ?? QUERY_WORKER_PATH;
  // Without the worker's source (an unusual working directory) the in-process path still works.
  if (!existsSync(path)) return 0;
  const wanted = options.pool?.size ?? options.workers ?? Math.min(availableParallelism(), MAX_WORKERS);
  return Math.max(0, Math.min(wanted, Math.ceil(misses / BATCH_SIZE)));
}

function storeResults(
  tasks: readonly QueryTask[],
  results: readonly (QueryTaskResult | undefined)[],
  options: QueryWorkOptions,
  analyses: Map<string, KqlAnalysis>,
): void {
  tasks.forEach((task, index) => {
    const result = results[index];
    if (task.analyze) {
      if (!result?.analysis) throw new Error(`query analysis missing for: ${task.query.slice(0, 80)}`);
      analyses.set(task.query, result.analysis);
      options.analysisCache?.set(task.query, result.analysis);
    }
    if (task.highlightFile !== undefined && result?.highlighted) options.highlightCache?.adopt(task.query);
  });
}

/** Does the tasks in this process; the highlighter is released afterwards so its memory goes too. */
async function runInProcess(tasks: readonly QueryTask[]): Promise<QueryTaskResult[]> {
  if (tasks.length === 0) return [];
  const highlighter = tasks.some((task) => task.highlightFile !== undefined)
    ? await import('./highlight.ts')
    : undefined;
  try {
    const results: QueryTaskResult[] = [];
    const highlight = highlighter?.highlightKql ?? (() => Promise.reject(new Error('no highlighter loaded')));
    for (const task of tasks) results.push(await runQueryTask(task, highlight));
    return results;
  } finally {
    await highlighter?.disposeHighlighter();
  }
}

/**
 * Deals the tasks out to the workers and collects their results as they come. A worker that
 * fails leaves its unanswered tasks for the caller to finish in-process.
 */
async function runInWorkers(
  tasks: readonly QueryTask[],
  count: number,
  workerPath: string,
  started: readonly ChildProcess[],
): Promise<PoolOutcome> {
  const results: (QueryTaskResult | undefined)[] = new Array(tasks.length);
  const shares = dealTasks(tasks.length, count);
  const workers = shares.map((_, index) => started[index] ?? startWorker(workerPath));
  try {
    const failures = await Promise.all(
      workers.map((worker, index) => runShare(worker, shares[index] ?? [], tasks, results)),
    );
    const failure = failures.find((error) => error !== undefined);
    return failure ? { results, failure } : { results };
  } finally {
    for (const worker of workers) worker.kill();
  }
}

interface PoolOutcome {
  /** Results by task index; holes where a failed worker left tasks unanswered. */
  results: (QueryTaskResult | undefined)[];
  failure?: Error;
}

/**
 * Task indexes per worker: batches dealt round-robin, so each worker gets early and late
 * files alike and all finish at about the same time.
 * @example dealTasks(5, 2, 2) // → [[0, 1, 4], [2, 3]]
 */
export function dealTasks(length: number, count: number, batchSize = BATCH_SIZE): number[][] {
  const shares: number[][] = Array.from({ length: count }, () => []);
  for (let index = 0; index < length; index++) shares[Math.floor(index / batchSize) % count]?.push(index);
  return shares;
}

function startWorker(workerPath: string, args: readonly string[] = []): ChildProcess {
  return forkWorker(workerPath, { flags: WORKER_V8_FLAGS, serialization: 'advanced', args });
}

/** Sends one worker its share and stores the results until it reports the end; resolves with its failure, if any. */
function runShare(
  worker: ChildProcess,
  share: readonly number[],
  tasks: readonly QueryTask[],
  results: (QueryTaskResult | undefined)[],
): Promise<Error | undefined> {
  return new Promise((resolveShare) => {
    let settled = false;
    const finish = (failure?: Error) => {
      if (settled) return;
      settled = true;
      worker.removeAllListeners();
      // A failure to stop it must not become an unhandled error.
      worker.on('error', () => {});
      // Stopped at once, not when the last share is done: its memory goes back while the
      // others still work, when the build's memory is at its peak.
      worker.kill();
      resolveShare(failure);
    };
    worker.on('message', (message: QueryWorkerMessage) => {
      if ('results' in message) {
        message.results.forEach((result, offset) => {
          const index = share[message.start + offset];
          if (index !== undefined) results[index] = result;
        });
      } else if ('done' in message) {
        finish();
      } else {
        finish(new Error(`query worker: ${message.error}`));
      }
    });
    worker.on('error', (error: Error) => finish(error));
    worker.on('exit', (code, signal) =>
      finish(new Error(`query worker stopped (${signal ?? `exit code ${code}`}) before finishing`)),
    );
    const job: QueryWorkerJob = { tasks: share.map((index) => tasks[index] as QueryTask), batchSize: BATCH_SIZE };
    worker.send(job, (error) => error && finish(error));
  });
}

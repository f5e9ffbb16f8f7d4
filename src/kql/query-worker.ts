/**
 * Worker process of the rules loader's query pool (see query-work.ts): receives its share of
 * the tasks in one message, then posts the analyses a batch at a time; highlighted HTML goes
 * straight to its build-cache file.
 * The language service and the highlighter load on the first task that needs them, or at once
 * in a worker started ahead of its work.
 */
import { analyzeKql } from './analysis.ts';
import { highlightKql } from './highlight.ts';
import {
  type QueryTaskResult,
  type QueryWorkerJob,
  type QueryWorkerMessage,
  runQueryTask,
  WARM_ANALYSIS_ARG,
  WARM_HIGHLIGHT_ARG,
} from './query-work.ts';

if (!process.send) throw new Error('query-worker.ts runs as a worker process of the rules loader (child_process.fork)');

// A loader that has gone away wants no more results.
process.on('disconnect', () => process.exit(0));

process.once('message', (job: QueryWorkerJob) => {
  warmedUp
    .then(() => runJob(job))
    .then(
      () => post({ done: true }),
      (error: unknown) => post({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});

/**
 * A worker started ahead of its work loads what it will need while the loader still parses
 * the rules; the results are thrown away, the loaded service and grammar stay.
 */
const warmedUp = warmUp(process.argv.slice(2));

async function warmUp(args: readonly string[]): Promise<void> {
  // After the message listener is in place: a job that arrives meanwhile waits in the queue.
  await new Promise((resolveTurn) => setImmediate(resolveTurn));
  if (args.includes(WARM_ANALYSIS_ARG)) analyzeKql('T | take 1');
  if (args.includes(WARM_HIGHLIGHT_ARG)) await highlightKql('T | take 1');
}

async function runJob({ tasks, batchSize }: QueryWorkerJob): Promise<void> {
  for (let start = 0; start < tasks.length; start += batchSize) {
    const results: QueryTaskResult[] = [];
    for (const task of tasks.slice(start, start + batchSize)) results.push(await runQueryTask(task, highlightKql));
    post({ start, results });
  }
}

function post(message: QueryWorkerMessage): void {
  process.send?.(message);
}

/**
 * Worker process of the rules loader's query pool (see query-work.ts): receives its share of
 * the tasks in one message, then posts the analyses and highlighted HTML a batch at a time.
 * The language service and the highlighter load on the first task that needs them.
 */
import { highlightKql } from '../lib/highlight-kql.ts';
import { analyzeKql } from '../lib/kql-analysis.ts';
import type { QueryTask, QueryTaskResult, QueryWorkerJob, QueryWorkerMessage } from './query-work.ts';

if (!process.send) throw new Error('query-worker.ts runs as a worker process of the rules loader (child_process.fork)');

// A loader that has gone away wants no more results.
process.on('disconnect', () => process.exit(0));

process.once('message', (job: QueryWorkerJob) => {
  runJob(job).then(
    () => post({ done: true }),
    (error: unknown) => post({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

async function runJob({ tasks, batchSize }: QueryWorkerJob): Promise<void> {
  for (let start = 0; start < tasks.length; start += batchSize) {
    const results: QueryTaskResult[] = [];
    for (const task of tasks.slice(start, start + batchSize)) results.push(await runTask(task));
    post({ start, results });
  }
}

async function runTask(task: QueryTask): Promise<QueryTaskResult> {
  const result: QueryTaskResult = {};
  if (task.analyze) result.analysis = analyzeKql(task.query);
  if (task.highlight) result.html = await highlightKql(task.query);
  return result;
}

function post(message: QueryWorkerMessage): void {
  process.send?.(message);
}

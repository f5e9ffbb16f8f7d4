import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { analyzeKql } from '../../../src/kql/analysis.ts';
import { createKqlAnalysisCache } from '../../../src/kql/analysis-cache.ts';
import { disposeHighlighter, highlightKql } from '../../../src/kql/highlight.ts';
import { createKqlHighlightCache } from '../../../src/kql/highlight-cache.ts';
import { dealTasks, prepareQueries, startQueryWorkers } from '../../../src/kql/query-work.ts';
import { PDQ_QUERY, RUSTDESK_QUERY } from '../../support/seed-queries.ts';

const QUERIES = [
  PDQ_QUERY,
  RUSTDESK_QUERY,
  'SigninLogs | where TimeGenerated > ago(1d) | where IPAddress == "192.0.2.1"',
  'DeviceProcessEvents\n| where FileName =~ "AnyDesk.exe"\n| project Timestamp, DeviceName',
  'DeviceEvents | where (',
];
/** Enough distinct queries for two workers (each takes batches of 16). */
const MANY_QUERIES = [
  ...QUERIES,
  ...Array.from(
    { length: 35 },
    (_, i) => `DeviceNetworkEvents | where RemoteUrl has 'host-${i}.example' | take ${i + 1}`,
  ),
];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'query-work-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
afterAll(() => disposeHighlighter());

function createCaches() {
  return { analysisCache: createKqlAnalysisCache(dir), highlightCache: createKqlHighlightCache(dir) };
}

describe('prepareQueries', () => {
  test('in-process: every query gets the analysis and HTML the libraries give', async () => {
    const caches = createCaches();
    const { analyses, report } = await prepareQueries(QUERIES, { ...caches, workers: 0 });
    expect(report).toEqual({ queries: QUERIES.length, misses: QUERIES.length, workers: 0 });
    for (const query of QUERIES) {
      expect(analyses.get(query)).toEqual(analyzeKql(query));
      expect(caches.highlightCache.get(query)).toBe(await highlightKql(query));
    }
  });

  test.each([
    { workers: 'started for the work', ahead: false },
    { workers: 'started ahead and warmed up', ahead: true },
  ])('worker processes ($workers) give exactly what the in-process path gives', async ({ ahead }) => {
    const inProcess = createCaches();
    const local = await prepareQueries(MANY_QUERIES, { ...inProcess, workers: 0 });
    const pooledDir = mkdtempSync(join(tmpdir(), 'query-work-pool-'));
    try {
      const pooled = {
        analysisCache: createKqlAnalysisCache(pooledDir),
        highlightCache: createKqlHighlightCache(pooledDir),
      };
      const pool = ahead ? startQueryWorkers({ highlight: true, workers: 2 }) : undefined;
      const { analyses, report } = await prepareQueries(MANY_QUERIES, {
        ...pooled,
        ...(pool ? { pool } : { workers: 2 }),
        minWorkerQueries: 1,
      });
      expect(report).toEqual({ queries: MANY_QUERIES.length, misses: MANY_QUERIES.length, workers: 2 });
      for (const query of MANY_QUERIES) {
        expect(analyses.get(query)).toEqual(local.analyses.get(query));
        expect(pooled.highlightCache.get(query)).toBe(inProcess.highlightCache.get(query));
      }
      // Every worker started ahead was handed over.
      expect(pool?.take(1) ?? []).toEqual([]);
    } finally {
      rmSync(pooledDir, { recursive: true, force: true });
    }
  });

  test('workers started ahead are stopped unused when too few queries are new', async () => {
    const pool = startQueryWorkers({ highlight: false, workers: 2 });
    expect(pool?.size).toBe(2);
    const { analyses, report } = await prepareQueries(QUERIES, { pool, minWorkerQueries: QUERIES.length + 1 });
    expect(report.workers).toBe(0);
    expect(analyses.get(PDQ_QUERY)).toEqual(analyzeKql(PDQ_QUERY));
    expect(pool?.take(2)).toEqual([]);
  });

  test('unchanged queries come from the caches, across builds', async () => {
    const first = createCaches();
    await prepareQueries(QUERIES, { ...first, workers: 0 });
    first.analysisCache.flush();
    first.highlightCache.flush();

    const { analyses, report } = await prepareQueries(QUERIES, { ...createCaches(), workers: 0 });
    expect(report.misses).toBe(0);
    expect(analyses.get(PDQ_QUERY)).toEqual(analyzeKql(PDQ_QUERY));
  });

  test('a query missing only its HTML is highlighted, not analyzed again', async () => {
    const caches = createCaches();
    caches.analysisCache.set(PDQ_QUERY, { ...analyzeKql(PDQ_QUERY), tables: ['FromTheCache'] });
    const { analyses, report } = await prepareQueries([PDQ_QUERY], { ...caches, workers: 0 });
    expect(report.misses).toBe(1);
    expect(analyses.get(PDQ_QUERY)?.tables).toEqual(['FromTheCache']);
    expect(caches.highlightCache.get(PDQ_QUERY)).toBe(await highlightKql(PDQ_QUERY));
  });

  test('a query used by several rules is done once', async () => {
    const { analyses, report } = await prepareQueries([PDQ_QUERY, PDQ_QUERY, RUSTDESK_QUERY], { workers: 0 });
    expect(report).toEqual({ queries: 2, misses: 2, workers: 0 });
    expect([...analyses.keys()]).toEqual([PDQ_QUERY, RUSTDESK_QUERY]);
  });

  test('below the threshold no worker starts', async () => {
    const { report } = await prepareQueries(QUERIES, { workers: 2, minWorkerQueries: QUERIES.length + 1 });
    expect(report.workers).toBe(0);
  });

  test('a worker that dies leaves its work to the loader, which says why', async () => {
    const failing = join(dir, 'failing-worker.mjs');
    writeFileSync(failing, 'process.exit(3);\n');
    const caches = createCaches();
    const { analyses, report } = await prepareQueries(QUERIES, {
      ...caches,
      workers: 1,
      minWorkerQueries: 1,
      workerPath: failing,
    });
    expect(report.workers).toBe(1);
    expect(report.workerFailure).toMatch(/exit code 3/);
    for (const query of QUERIES) {
      expect(analyses.get(query)).toEqual(analyzeKql(query));
      expect(caches.highlightCache.get(query)).toBe(await highlightKql(query));
    }
  });

  test('a worker whose share is done is stopped while another still works', async () => {
    // 17 tasks in batches of 16: one worker gets 16, the other 1. The busy one waits (up to
    // 3 s) for the other to be gone and notes whether it went.
    const fastPid = join(dir, 'fast.pid');
    const observed = join(dir, 'observed');
    const worker = join(dir, 'share-worker.mjs');
    writeFileSync(
      worker,
      `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
const waitFor = async (ok) => {
  for (let tries = 0; tries < 60; tries++) {
    if (ok()) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return false;
};
// As the real worker: listening for the end of the channel keeps the process alive until it is stopped.
process.on('disconnect', () => process.exit(0));
const isGone = (pid) => { try { process.kill(pid, 0); return false; } catch { return true; } };
process.once('message', async ({ tasks }) => {
  if (tasks.length === 1) writeFileSync(${JSON.stringify(fastPid)}, String(process.pid));
  else {
    await waitFor(() => existsSync(${JSON.stringify(fastPid)}));
    const gone = await waitFor(() => isGone(Number(readFileSync(${JSON.stringify(fastPid)}, 'utf8'))));
    writeFileSync(${JSON.stringify(observed)}, gone ? 'stopped' : 'running');
  }
  process.send({ start: 0, results: tasks.map(() => ({ analysis: { tables: [] } })) });
  process.send({ done: true });
});
`,
    );
    const queries = Array.from({ length: 17 }, (_, i) => `T | take ${i + 1}`);
    const { analyses, report } = await prepareQueries(queries, { workers: 2, minWorkerQueries: 1, workerPath: worker });
    expect(report).toEqual({ queries: 17, misses: 17, workers: 2 });
    expect(analyses.size).toBe(17);
    expect(readFileSync(observed, 'utf8')).toBe('stopped');
  });

  test('without the worker source the work is done in-process', async () => {
    const { report } = await prepareQueries(QUERIES, {
      workers: 2,
      minWorkerQueries: 1,
      workerPath: join(dir, 'missing.ts'),
    });
    expect(report.workers).toBe(0);
  });
});

describe('dealTasks', () => {
  test('deals batches round-robin and keeps every index once', () => {
    expect(dealTasks(5, 2, 2)).toEqual([
      [0, 1, 4],
      [2, 3],
    ]);
    const shares = dealTasks(100, 3, 16);
    expect(shares.flat().sort((a, b) => a - b)).toEqual([...Array(100).keys()]);
  });

  test('more workers than batches leaves the extra workers empty', () => {
    expect(dealTasks(3, 2, 16)).toEqual([[0, 1, 2], []]);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { KQL_ANALYSIS } from '../../../src/build-cache/producers.ts';
import { digestProducer } from '../../../src/build-cache/producers-fs.ts';
import { toItemKey } from '../../../src/build-cache/store.ts';
import { analyzeKql } from '../../../src/kql/analysis.ts';
import { createKqlAnalysisCache, findCachedAnalysis } from '../../../src/kql/analysis-cache.ts';
import { prepareQueries } from '../../../src/kql/query-work.ts';

const QUERY = `SigninLogs | where TimeGenerated > ago(1d) | where IPAddress == '192.0.2.1'`;
const OTHER_QUERY = 'DeviceEvents | take 1';
const KQL_ANALYSIS_CACHE_FILE = 'kql-analysis.json';

/** The loader's path: analyses come from the cache when it has them, else are made and added. */
async function analyzeThrough(cache: ReturnType<typeof createKqlAnalysisCache>, ...queries: string[]) {
  const { analyses } = await prepareQueries(queries, { analysisCache: cache, workers: 0 });
  return queries.map((query) => analyses.get(query));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kql-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('kql analysis cache', () => {
  test('a stored analysis is a hit; an unknown query is a miss', () => {
    const cache = createKqlAnalysisCache(dir);
    const analysis = analyzeKql(QUERY);
    cache.set(QUERY, analysis);
    expect(cache.get(QUERY)).toEqual(analysis);
    expect(cache.get(OTHER_QUERY)).toBeUndefined();
  });

  test('pages find the analyses the loader flushed, and only those', async () => {
    const cache = createKqlAnalysisCache(dir);
    const [analysis] = await analyzeThrough(cache, QUERY);
    cache.flush();
    expect(findCachedAnalysis(dir, QUERY)).toEqual(analysis);
    expect(findCachedAnalysis(dir, OTHER_QUERY)).toBeUndefined();
    expect(findCachedAnalysis(dir, QUERY, 'another analyzer')).toBeUndefined();
  });

  test('survives a reload through one file written atomically', async () => {
    const first = createKqlAnalysisCache(dir);
    const [analysis] = await analyzeThrough(first, QUERY, OTHER_QUERY);
    first.flush();
    expect(readdirSync(dir)).toEqual([KQL_ANALYSIS_CACHE_FILE]);

    const second = createKqlAnalysisCache(dir);
    expect(second.get(QUERY)).toEqual(analysis);
    expect(second.get(OTHER_QUERY)?.tables).toEqual(['DeviceEvents']);
  });

  test('another analyzer (its code or the language service) misses', () => {
    const old = createKqlAnalysisCache(dir, 'old analyzer');
    old.set(QUERY, analyzeKql(QUERY));
    old.flush();
    expect(createKqlAnalysisCache(dir, 'old analyzer').get(QUERY)).toBeDefined();
    expect(createKqlAnalysisCache(dir).get(QUERY)).toBeUndefined();
  });

  test('flush keeps only the entries this build used, each keyed by the analyzer and the query', async () => {
    const first = createKqlAnalysisCache(dir);
    await analyzeThrough(first, QUERY, OTHER_QUERY);
    first.flush();

    const second = createKqlAnalysisCache(dir);
    second.get(QUERY);
    second.flush();
    const stored = JSON.parse(readFileSync(join(dir, KQL_ANALYSIS_CACHE_FILE), 'utf8'));
    expect(Object.keys(stored.entries)).toEqual([toItemKey(digestProducer(KQL_ANALYSIS), QUERY)]);
    expect(createKqlAnalysisCache(dir).get(OTHER_QUERY)).toBeUndefined();
  });

  test('a corrupt file starts empty instead of failing the build', async () => {
    writeFileSync(join(dir, KQL_ANALYSIS_CACHE_FILE), '{"entries": ');
    const cache = createKqlAnalysisCache(dir);
    expect(cache.get(QUERY)).toBeUndefined();
    const [analysis] = await analyzeThrough(cache, QUERY);
    expect(analysis?.tables).toEqual(['SigninLogs']);
  });
});

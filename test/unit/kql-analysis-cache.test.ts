import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { analyzeKql, KQL_ANALYZER_VERSION } from '../../src/lib/kql-analysis.ts';
import { analyzeKqlCached, createKqlAnalysisCache, KQL_ANALYSIS_CACHE_FILE } from '../../src/lib/kql-analysis-cache.ts';

const QUERY = `SigninLogs | where TimeGenerated > ago(1d) | where IPAddress == '192.0.2.1'`;
const OTHER_QUERY = 'DeviceEvents | take 1';

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

  test('survives a reload through one file written atomically', () => {
    const first = createKqlAnalysisCache(dir);
    const analysis = analyzeKqlCached(QUERY, first);
    analyzeKqlCached(OTHER_QUERY, first);
    first.flush();
    expect(readdirSync(dir)).toEqual([KQL_ANALYSIS_CACHE_FILE]);

    const second = createKqlAnalysisCache(dir);
    expect(second.get(QUERY)).toEqual(analysis);
    expect(second.get(OTHER_QUERY)?.tables).toEqual(['DeviceEvents']);
  });

  test('a new analyzer version misses', () => {
    const old = createKqlAnalysisCache(dir, 'old-version');
    old.set(QUERY, analyzeKql(QUERY));
    old.flush();
    expect(createKqlAnalysisCache(dir, 'old-version').get(QUERY)).toBeDefined();
    expect(createKqlAnalysisCache(dir).get(QUERY)).toBeUndefined();
  });

  test('flush keeps only the entries this build used', () => {
    const first = createKqlAnalysisCache(dir);
    analyzeKqlCached(QUERY, first);
    analyzeKqlCached(OTHER_QUERY, first);
    first.flush();

    const second = createKqlAnalysisCache(dir);
    second.get(QUERY);
    second.flush();
    const stored = JSON.parse(readFileSync(join(dir, KQL_ANALYSIS_CACHE_FILE), 'utf8'));
    expect(stored.version).toBe(KQL_ANALYZER_VERSION);
    expect(Object.keys(stored.entries)).toHaveLength(1);
    expect(createKqlAnalysisCache(dir).get(OTHER_QUERY)).toBeUndefined();
  });

  test('a corrupt file starts empty instead of failing the build', () => {
    writeFileSync(join(dir, KQL_ANALYSIS_CACHE_FILE), '{"version": ');
    const cache = createKqlAnalysisCache(dir);
    expect(cache.get(QUERY)).toBeUndefined();
    expect(analyzeKqlCached(QUERY, cache).tables).toEqual(['SigninLogs']);
  });

  test('without a cache it just analyzes', () => {
    expect(analyzeKqlCached(QUERY)).toEqual(analyzeKql(QUERY));
  });
});

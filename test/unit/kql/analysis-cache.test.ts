import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toCacheKey } from '../../../src/build-cache/store.ts';
import { analyzeKql, KQL_ANALYZER_VERSION } from '../../../src/kql/analysis.ts';
import {
  analyzeKqlCached,
  createKqlAnalysisCache,
  createKqlHighlightCache,
  findCachedAnalysis,
  findCachedHighlight,
  KQL_ANALYSIS_CACHE_FILE,
  KQL_HIGHLIGHT_CACHE_DIR,
  KQL_HIGHLIGHTER_VERSION,
} from '../../../src/kql/analysis-cache.ts';

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

  test('pages find the analyses the loader flushed, and only those', () => {
    const cache = createKqlAnalysisCache(dir);
    const analysis = analyzeKqlCached(QUERY, cache);
    cache.flush();
    expect(findCachedAnalysis(dir, QUERY)).toEqual(analysis);
    expect(findCachedAnalysis(dir, OTHER_QUERY)).toBeUndefined();
    expect(findCachedAnalysis(dir, QUERY, 'another analyzer version')).toBeUndefined();
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

describe('kql highlight cache', () => {
  const HTML = '<pre class="shiki kql"><code><span class="line">SigninLogs</span></code></pre>';

  test('the rules loader writes one file per query, which the rule page reads alone', () => {
    const cache = createKqlHighlightCache(dir);
    cache.set(QUERY, HTML);
    cache.set(OTHER_QUERY, '<pre>other</pre>');
    expect(findCachedHighlight(dir, QUERY)).toBeUndefined();
    cache.flush();
    expect(readdirSync(dir)).toEqual([KQL_HIGHLIGHT_CACHE_DIR]);
    expect(readdirSync(join(dir, KQL_HIGHLIGHT_CACHE_DIR))).toHaveLength(2);
    expect(findCachedHighlight(dir, QUERY)).toBe(HTML);
    expect(findCachedHighlight(dir, 'T | take 2')).toBeUndefined();
  });

  test('a flush keeps only the queries this build asked for', () => {
    const first = createKqlHighlightCache(dir);
    first.set(QUERY, HTML);
    first.set(OTHER_QUERY, '<pre>other</pre>');
    first.flush();

    const second = createKqlHighlightCache(dir);
    expect(second.has(QUERY)).toBe(true);
    expect(second.has('T | take 2')).toBe(false);
    second.flush();
    expect(findCachedHighlight(dir, QUERY)).toBe(HTML);
    expect(findCachedHighlight(dir, OTHER_QUERY)).toBeUndefined();
    expect(readdirSync(join(dir, KQL_HIGHLIGHT_CACHE_DIR))).toHaveLength(1);
  });

  test('a page finds queries that a later load added (astro dev)', () => {
    const first = createKqlHighlightCache(dir);
    first.set(QUERY, HTML);
    first.flush();
    expect(findCachedHighlight(dir, QUERY)).toBe(HTML);
    expect(findCachedHighlight(dir, OTHER_QUERY)).toBeUndefined();

    const second = createKqlHighlightCache(dir);
    second.get(QUERY);
    second.set(OTHER_QUERY, '<pre>other</pre>');
    second.flush();
    expect(findCachedHighlight(dir, OTHER_QUERY)).toBe('<pre>other</pre>');
    expect(findCachedHighlight(dir, QUERY)).toBe(HTML);
  });

  test('without a file, or from another highlighter version, a page finds nothing', () => {
    expect(findCachedHighlight(dir, QUERY)).toBeUndefined();
    const old = createKqlHighlightCache(dir, 'shiki-0.0.0+old');
    old.set(QUERY, HTML);
    old.flush();
    expect(findCachedHighlight(dir, QUERY)).toBeUndefined();
    expect(findCachedHighlight(dir, QUERY, 'shiki-0.0.0+old')).toBe(HTML);
  });

  test('the highlighter version names the Shiki release and the highlighter source', () => {
    expect(KQL_HIGHLIGHTER_VERSION).toMatch(/^shiki-\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
  });

  test('keys differ by version and by query', () => {
    expect(toCacheKey('a', QUERY)).toMatch(/^[0-9a-f]{64}$/);
    expect(toCacheKey('a', QUERY)).not.toBe(toCacheKey('b', QUERY));
    expect(toCacheKey('a', QUERY)).not.toBe(toCacheKey('a', OTHER_QUERY));
  });
});

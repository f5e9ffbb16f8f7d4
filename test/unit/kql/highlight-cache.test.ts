import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { toItemKey } from '../../../src/build-cache/store.ts';
import { createKqlHighlightCache, findCachedHighlight } from '../../../src/kql/highlight-cache.ts';

const QUERY = `SigninLogs | where TimeGenerated > ago(1d) | where IPAddress == '192.0.2.1'`;
const OTHER_QUERY = 'DeviceEvents | take 1';
const KQL_HIGHLIGHT_CACHE_DIR = 'kql-highlight';
const HTML = '<pre class="shiki kql"><code><span class="line">SigninLogs</span></code></pre>';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kql-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('kql highlight cache', () => {
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

  test('without a file, or from another highlighter, a page finds nothing', () => {
    expect(findCachedHighlight(dir, QUERY)).toBeUndefined();
    const old = createKqlHighlightCache(dir, 'old highlighter');
    old.set(QUERY, HTML);
    old.flush();
    expect(findCachedHighlight(dir, QUERY)).toBeUndefined();
    expect(findCachedHighlight(dir, QUERY, 'old highlighter')).toBe(HTML);
  });

  test('keys differ by producer and by query', () => {
    expect(toItemKey('a', QUERY)).toMatch(/^[0-9a-f]{64}$/);
    expect(toItemKey('a', QUERY)).not.toBe(toItemKey('b', QUERY));
    expect(toItemKey('a', QUERY)).not.toBe(toItemKey('a', OTHER_QUERY));
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSiteConfig } from '../../../src/loaders/site-config.ts';
import { parseSearchManifest, toMergeIndex } from '../../../src/search/client.ts';

describe('parseSearchManifest', () => {
  test.each([
    { data: { bundles: [] }, bundles: [] },
    {
      data: { bundles: ['shards/0/', 'shards/3-1/'] },
      bundles: ['shards/0/', 'shards/3-1/'],
    },
  ])('accepts $data', ({ data, bundles }) => {
    expect(parseSearchManifest(data)).toEqual({ bundles });
  });

  test.each([
    { data: null },
    { data: {} },
    { data: { bundles: 'shards/0/' } },
    { data: { bundles: ['https://evil.example/pagefind/'] } },
    { data: { bundles: ['/pagefind/'] } },
    { data: { bundles: ['../elsewhere/'] } },
    { data: { bundles: ['shards/0'] } },
  ])('rejects $data', ({ data }) => {
    expect(() => parseSearchManifest(data)).toThrow(
      'huntbook-shards.json: expected { "bundles": ["shards/<name>/", …] }',
    );
  });
});

describe('toMergeIndex', () => {
  test('places each bundle under the primary and gives it the base', () => {
    expect(toMergeIndex('/soc/wiki/pagefind/', '/soc/wiki/', { bundles: ['shards/1/', 'shards/2/'] })).toEqual([
      { bundlePath: '/soc/wiki/pagefind/shards/1/', baseUrl: '/soc/wiki/' },
      { bundlePath: '/soc/wiki/pagefind/shards/2/', baseUrl: '/soc/wiki/' },
    ]);
  });
});

describe('search.shardPages setting', () => {
  const dir = mkdtempSync(join(tmpdir(), 'huntbook-search-config-'));
  const writeConfig = (text: string) => {
    const file = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(file, text);
    return file;
  };

  test.each([
    { text: 'title: x\n', env: undefined, shardPages: undefined },
    { text: 'search:\n  shardPages: 500\n', env: undefined, shardPages: 500 },
    { text: 'search:\n  shardPages: 500\n', env: '3', shardPages: 3 },
    { text: 'title: x\n', env: '250', shardPages: 250 },
  ])('$text with HUNTBOOK_SEARCH_SHARD_PAGES=$env → $shardPages', ({ text, env, shardPages }) => {
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: writeConfig(text), HUNTBOOK_SEARCH_SHARD_PAGES: env });
    expect(config.search.shardPages).toBe(shardPages);
  });

  test.each([
    {
      text: 'search:\n  shardPages: 0\n',
      env: undefined,
      message: 'search.shardPages: Too small: expected number to be >=1 (got number 0)',
    },
    {
      text: 'search:\n  shardPages: 2.5\n',
      env: undefined,
      message: 'search.shardPages: expected int, got number 2.5',
    },
    { text: 'search:\n  shards: 5\n', env: undefined, message: 'unknown setting "shards"' },
    { text: 'title: x\n', env: 'many', message: 'search.shardPages: expected number, got "many"' },
  ])('rejects $text with HUNTBOOK_SEARCH_SHARD_PAGES=$env', ({ text, env, message }) => {
    expect(() => loadSiteConfig({ HUNTBOOK_CONFIG: writeConfig(text), HUNTBOOK_SEARCH_SHARD_PAGES: env })).toThrow(
      message,
    );
  });
});

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite, PROJECT_ROOT } from '../support/build-site.ts';
import { listBundles, readBundlePages } from '../support/search-bundles.ts';

// Enough rule pages for the build to index while it renders (STREAM_AFTER_PAGES), spread over
// several shards; served under a base, as the page paths the middleware hands over must be
// the built files' paths.
const RULES = 90;
const SHARD_PAGES = 40;
const NAME = 'search-while-rendering';
const BUILDS_DIR = join(PROJECT_ROOT, '.huntbook', 'test-builds');
const RULES_DIR = join(BUILDS_DIR, `${NAME}-rules`);

function ruleYaml(index: number, note = ''): string {
  const id = `5e0c4a10-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return [
    `id: ${id}`,
    `name: Stream check ${index} - PDQ - Network Connection`,
    `description: PDQ relay number ${index} reached from an endpoint. ${note}`,
    'tactics: [CommandAndControl]',
    'relevantTechniques: [T1219]',
    'query: |',
    '  DeviceNetworkEvents',
    `  | where RemoteUrl has 'relay-${index}.pdq.example'`,
    '',
  ].join('\n');
}

const build = (keepOutput: boolean) =>
  buildSite({
    name: NAME,
    rules: RULES_DIR,
    tools: 'content/tools',
    base: '/soc/',
    keepOutput,
    env: { HUNTBOOK_SEARCH_SHARD_PAGES: String(SHARD_PAGES) },
  });

/** The summary line of the index step: shards, those indexed while rendering, those reused. */
function readIndexLine(output: string): { shards: number; indexed: number; whileRendering: number; reused: number } {
  const match = /\((\d+) shards: (\d+) indexed, (\d+) of them while rendering, (\d+) reused from the cache\)/.exec(
    output,
  );
  if (!match) throw new Error(`no index summary in:\n${output}`);
  const [shards, indexed, whileRendering, reused] = match.slice(1).map(Number) as [number, number, number, number];
  return { shards, indexed, whileRendering, reused };
}

function indexedUrls(outDir: string): string[] {
  return listBundles(outDir)
    .flatMap((bundle) => readBundlePages(outDir, bundle).map((page) => page.url))
    .sort();
}

function searchableUrls(outDir: string): string[] {
  return ['rules', 'tools', 'techniques']
    .flatMap((folder) =>
      readdirSync(join(outDir, folder), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('index.html'))
        .filter((name) => readFileSync(join(outDir, folder, name), 'utf8').includes('data-pagefind-body'))
        .map((name) => `/${folder}/${name.replace(/index\.html$/, '')}`),
    )
    .sort();
}

let cold: BuildResult;
beforeAll(async () => {
  rmSync(RULES_DIR, { recursive: true, force: true });
  mkdirSync(RULES_DIR, { recursive: true });
  for (let index = 1; index <= RULES; index++) writeFileSync(join(RULES_DIR, `stream-${index}.yaml`), ruleYaml(index));
  // A cold build: no pages or shards to reuse.
  rmSync(join(BUILDS_DIR, `${NAME}-cache`), { recursive: true, force: true });
  cold = await build(false);
  expect(cold.code, cold.output).toBe(0);
});

describe('search index built while pages render', () => {
  test('a cold build writes shards from the pages as they rendered, and indexes every searchable page', () => {
    const line = readIndexLine(cold.output);
    expect(line.shards).toBeGreaterThan(2);
    expect(line.reused).toBe(0);
    // Buckets over the shard size are cut in parts and indexed from the files; the rest stream.
    expect(line.whileRendering).toBeGreaterThan(0);
    expect(line.whileRendering).toBeGreaterThanOrEqual(line.shards - 2);
    expect(indexedUrls(cold.outDir)).toEqual(searchableUrls(cold.outDir));
  });

  test('a rebuild after editing one rule indexes its shard from the built files, with the edit', async () => {
    writeFileSync(join(RULES_DIR, 'stream-7.yaml'), ruleYaml(7, 'Seen again after the edit.'));
    const rebuild = await build(true);
    expect(rebuild.code, rebuild.output).toBe(0);
    const line = readIndexLine(rebuild.output);
    expect(line.whileRendering).toBe(0);
    expect(line.indexed).toBeGreaterThan(0);
    const page = listBundles(rebuild.outDir)
      .flatMap((bundle) => readBundlePages(rebuild.outDir, bundle))
      .find((indexed) => indexed.url === '/rules/stream-check-7-pdq-network-connection/');
    expect(page?.content).toContain('Seen again after the edit.');
    expect(indexedUrls(rebuild.outDir)).toEqual(searchableUrls(rebuild.outDir));
  });
});

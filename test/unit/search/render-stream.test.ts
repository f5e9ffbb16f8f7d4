import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { indexSite } from '../../../src/search/index-site.ts';
import { createRenderStream } from '../../../src/search/render-stream.ts';
import { listBundles, readBundlePages } from '../../support/search-bundles.ts';

const SHARD_PAGES = 10;
const PAGE_COUNT = 40;
const dirs: string[] = [];
const streams: { stop(): void }[] = [];

afterEach(() => {
  for (const stream of streams.splice(0)) stream.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `huntbook-${name}-`));
  dirs.push(dir);
  return dir;
}

function pageHtml(index: number, extra = ''): string {
  return `<!doctype html><html lang="en"><head><title>Rule ${index}</title></head><body><main data-pagefind-body><h1>Rule ${index}</h1><p>relay-${index}.example.com ${extra}</p></main></body></html>`;
}

/** A built site of rule pages, as Astro would have written it, and the same pages as they rendered. */
function makeSite(): { outDir: string; pages: { path: string; html: string }[] } {
  const outDir = tempDir('stream-site');
  const pages = Array.from({ length: PAGE_COUNT }, (_, index) => ({
    path: `rules/rule-${index}/index.html`,
    html: pageHtml(index),
  }));
  for (const page of pages) {
    mkdirSync(join(outDir, page.path, '..'), { recursive: true });
    writeFileSync(join(outDir, page.path), page.html);
  }
  return { outDir, pages };
}

function streamPages(pages: readonly { path: string; html: string }[], startAfter = 0) {
  const stream = createRenderStream({ shardPages: SHARD_PAGES, lanes: 2, startAfter });
  streams.push(stream);
  stream.expect(PAGE_COUNT);
  for (const page of pages) stream.add(page.path, page.html);
  return stream;
}

/** Every bundle's pages, as the browser would read them, by URL. */
function readIndexedPages(outDir: string): Map<string, string> {
  return new Map(
    listBundles(outDir)
      .flatMap((bundle) => readBundlePages(outDir, bundle))
      .map((page) => [page.url, page.content] as const),
  );
}

describe('search index made while pages render', () => {
  test('writes whole buckets from the stream, and the index reads as one made from the files', async () => {
    const { outDir, pages } = makeSite();
    const plain = tempDir('stream-plain');
    cpSync(outDir, plain, { recursive: true });
    const stream = streamPages(pages);

    const report = await indexSite({
      outDir,
      cacheDir: tempDir('stream-cache'),
      shardPages: SHARD_PAGES,
      streamed: stream,
    });
    await indexSite({ outDir: plain, cacheDir: tempDir('plain-cache'), shardPages: SHARD_PAGES });

    // Buckets over the shard limit are cut in parts, which no bucket holds whole.
    const whole = report.shards.filter((shard) => !shard.name.includes('-'));
    expect(whole.length).toBeGreaterThan(0);
    expect(report.shards.filter((shard) => shard.streamed)).toEqual(whole);
    expect(report.pages).toBe(PAGE_COUNT);
    const indexed = readIndexedPages(outDir);
    expect(indexed.size).toBe(PAGE_COUNT);
    expect(indexed).toEqual(readIndexedPages(plain));
  });

  test('a page whose built file differs from what rendered is indexed from the file, with its shard', async () => {
    const { outDir, pages } = makeSite();
    const stream = streamPages(pages);
    const edited = pages[7];
    if (!edited) throw new Error('no page 7');
    writeFileSync(join(outDir, edited.path), pageHtml(7, 'edited-after-render'));

    const report = await indexSite({
      outDir,
      cacheDir: tempDir('stream-cache'),
      shardPages: SHARD_PAGES,
      streamed: stream,
    });

    const indexed = readIndexedPages(outDir);
    expect(indexed.get('/rules/rule-7/')).toContain('edited-after-render');
    const editedShard = report.shards.find((shard) =>
      readBundlePages(outDir, shard.bundle).some((page) => page.url === '/rules/rule-7/'),
    );
    expect(editedShard?.streamed).toBe(false);
    expect(report.shards.some((shard) => shard.streamed)).toBe(true);
  });

  test('a page the render never gave, or gave twice, keeps its shard out of the stream', async () => {
    const { outDir, pages } = makeSite();
    const stream = streamPages([...pages.slice(1), pages[2] ?? pages[1]].filter((page) => page !== undefined));

    const report = await indexSite({
      outDir,
      cacheDir: tempDir('stream-cache'),
      shardPages: SHARD_PAGES,
      streamed: stream,
    });

    const shardOf = (url: string) =>
      report.shards.find((shard) => readBundlePages(outDir, shard.bundle).some((page) => page.url === url));
    expect(shardOf('/rules/rule-0/')?.streamed).toBe(false);
    expect(shardOf('/rules/rule-2/')?.streamed).toBe(false);
    expect(readIndexedPages(outDir).size).toBe(PAGE_COUNT);
  });

  test('fewer pages than it waits for start no lane, and the files are indexed', async () => {
    const { outDir, pages } = makeSite();
    const stream = streamPages(pages.slice(0, 5), 64);

    const report = await indexSite({
      outDir,
      cacheDir: tempDir('stream-cache'),
      shardPages: SHARD_PAGES,
      streamed: stream,
    });

    expect(report.shards.filter((shard) => shard.streamed)).toEqual([]);
    expect(readIndexedPages(outDir).size).toBe(PAGE_COUNT);
  });

  test('stopped lanes give their buckets back to the index step', async () => {
    const { outDir, pages } = makeSite();
    const stream = streamPages(pages);
    stream.stop();

    const report = await indexSite({
      outDir,
      cacheDir: tempDir('stream-cache'),
      shardPages: SHARD_PAGES,
      streamed: stream,
    });

    expect(report.shards.filter((shard) => shard.streamed)).toEqual([]);
    expect(readIndexedPages(outDir).size).toBe(PAGE_COUNT);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test, vi } from 'vitest';

/** What the stand-in Pagefind answers; each test sets the part that fails. */
const pagefindAnswers = vi.hoisted(() => ({
  createIndex: { errors: [] as string[] } as { errors: string[]; throws?: string },
  addDirectory: { errors: [] as string[], page_count: 1 },
  writeFiles: { errors: [] as string[] },
}));

vi.mock('pagefind', () => ({
  createIndex: async () => {
    if (pagefindAnswers.createIndex.throws) throw new Error(pagefindAnswers.createIndex.throws);
    return {
      errors: pagefindAnswers.createIndex.errors,
      index: {
        addDirectory: async () => pagefindAnswers.addDirectory,
        addHTMLFile: async () => ({ errors: [] }),
        deleteIndex: async () => null,
        writeFiles: async ({ outputPath }: { outputPath: string }) => {
          mkdirSync(outputPath, { recursive: true });
          writeFileSync(join(outputPath, 'pagefind-entry.json'), '{"languages":{"en":{"page_count":1}}}');
          return { ...pagefindAnswers.writeFiles, outputPath };
        },
      },
    };
  },
  close: async () => null,
}));

const { indexSite } = await import('../../../src/search/index-site.ts');
const { listCachedBundles } = await import('../../../src/search/index-fs.ts');

function makeSite(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'huntbook-search-errors-'));
  for (const slug of ['a', 'b', 'c']) {
    mkdirSync(join(outDir, 'rules', slug), { recursive: true });
    writeFileSync(
      join(outDir, 'rules', slug, 'index.html'),
      `<html><body><article data-pagefind-body>${slug}</article></body></html>`,
    );
  }
  return outDir;
}

beforeEach(() => {
  pagefindAnswers.createIndex = { errors: [] };
  pagefindAnswers.addDirectory = { errors: [], page_count: 1 };
  pagefindAnswers.writeFiles = { errors: [] };
});

describe('a Pagefind failure fails the index step and names the shard', () => {
  test.each([
    {
      what: 'Pagefind does not start',
      fail: () => (pagefindAnswers.createIndex = { errors: ['binary not found'] }),
      message: 'search index: shard 0 (3 pages): could not start Pagefind: binary not found',
    },
    {
      what: 'the Pagefind process dies',
      fail: () => (pagefindAnswers.createIndex = { errors: [], throws: 'Pagefind backend closed' }),
      message: 'search index: shard 0 (3 pages): Pagefind backend closed',
    },
    {
      what: 'a page cannot be read',
      fail: () => (pagefindAnswers.addDirectory = { errors: ['rules/b/index.html: invalid HTML'], page_count: 2 }),
      message: 'search index: shard 0 (3 pages): rules/b/index.html: invalid HTML',
    },
    {
      what: 'the bundle cannot be written',
      fail: () => (pagefindAnswers.writeFiles = { errors: ['disk full'] }),
      message: 'search index: shard 0 (3 pages): disk full',
    },
  ])('$what', async ({ fail, message }) => {
    fail();
    const outDir = makeSite();
    const cacheDir = `${outDir}-cache`;
    await expect(indexSite({ outDir, cacheDir, shardPages: 10 })).rejects.toThrow(message);
    // Nothing half-written is taken for a finished bundle next time.
    expect(listCachedBundles(join(cacheDir, 'search'))).toEqual([]);
  });

  test('a site with nothing to index is an error', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'huntbook-search-empty-'));
    await expect(indexSite({ outDir, cacheDir: `${outDir}-cache`, shardPages: 10 })).rejects.toThrow(
      `search index: no pages found in ${outDir}`,
    );
  });
});

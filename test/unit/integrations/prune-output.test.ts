import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { pruneStaleOutput, toPageFile } from '../../../src/integrations/prune-output.ts';

const SINCE = Date.parse('2026-11-22T10:00:00Z');
const EARLIER = new Date(SINCE - 60_000);
let outDir: string;

/** Writes a file as a build at `time` would have left it. */
function put(file: string, time?: Date): void {
  const path = join(outDir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file);
  if (time) utimesSync(path, time, time);
}

beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'prune-output-'));
});

describe('pruneStaleOutput', () => {
  test('keeps this build’s pages and files, removes what only an earlier build wrote', () => {
    put('index.html');
    put('rules/kept/index.html', EARLIER); // reused from the last build, untouched
    put('rules/deleted-rule/index.html', EARLIER);
    put('_astro/site.old.css', EARLIER);
    put('_astro/site.new.css');
    put('r/0b5e/index.html', EARLIER);
    put('pagefind/pagefind.js', EARLIER);
    put('.git/HEAD', EARLIER); // a GitHub Pages worktree

    const removed = pruneStaleOutput(outDir, {
      since: SINCE,
      pages: new Set(['index.html', 'rules/kept/index.html']),
      ownedElsewhere: ['r', 'pagefind'],
    });

    expect(removed).toEqual(['_astro/site.old.css', 'rules/deleted-rule/index.html']);
    expect(existsSync(join(outDir, 'rules/deleted-rule'))).toBe(false);
    for (const kept of [
      'index.html',
      'rules/kept/index.html',
      '_astro/site.new.css',
      'r/0b5e/index.html',
      'pagefind/pagefind.js',
      '.git/HEAD',
    ])
      expect(existsSync(join(outDir, kept)), kept).toBe(true);
  });

  test('removes nothing after a cold build', () => {
    put('index.html');
    put('rules/a/index.html');
    expect(pruneStaleOutput(outDir, { since: SINCE, pages: new Set(), ownedElsewhere: [] })).toEqual([]);
  });
});

describe('toPageFile', () => {
  test.each([
    { pathname: '', file: 'index.html' },
    { pathname: '/', file: 'index.html' },
    { pathname: 'rules/pdq/', file: 'rules/pdq/index.html' },
    { pathname: 'rules/pdq', file: 'rules/pdq/index.html' },
  ])('$pathname → $file', ({ pathname, file }) => {
    expect(toPageFile(pathname)).toBe(file);
  });
});

import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { MANIFEST_FILE } from '../../../src/output/output-folder.ts';
import {
  listOutputFiles,
  markBuildStarted,
  prepareOutputFolder,
  pruneStaleOutput,
  readManifest,
  recordBuildOutput,
  writeManifest,
} from '../../../src/output/output-folder-fs.ts';

const SINCE = Date.parse('2026-11-22T10:00:00Z');
const EARLIER = new Date(SINCE - 60_000);
let outDir: string;

/** Writes a file as a build at `time` would have left it (now, when no time is given). */
function put(file: string, time?: Date): void {
  const path = join(outDir, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file);
  if (time) utimesSync(path, time, time);
}

const exists = (file: string) => existsSync(join(outDir, file));

beforeEach(() => {
  outDir = mkdtempSync(join(tmpdir(), 'output-folder-'));
});

describe('pruneStaleOutput', () => {
  test('removes only listed files of earlier builds that this build did not produce', () => {
    put('index.html');
    put('rules/kept/index.html', EARLIER); // reused from the last build, untouched
    put('rules/deleted-rule/index.html', EARLIER);
    put('_astro/site.old.css', EARLIER);
    put('_astro/site.new.css');
    put('r/0b5e/index.html', EARLIER);
    put('pagefind/pagefind.js', EARLIER);
    put('robots.txt', EARLIER); // not Huntbook's: not in the manifest
    put('.git/HEAD', EARLIER); // a GitHub Pages worktree
    writeManifest(outDir, {
      files: [
        'index.html',
        'rules/kept/index.html',
        'rules/deleted-rule/index.html',
        '_astro/site.old.css',
        'r/0b5e/index.html',
        'pagefind/pagefind.js',
      ],
    });

    const removed = pruneStaleOutput(outDir, {
      since: SINCE,
      pages: new Set(['index.html', 'rules/kept/index.html']),
      ownedElsewhere: ['r', 'pagefind'],
    });

    expect(removed).toEqual(['_astro/site.old.css', 'rules/deleted-rule/index.html']);
    expect(exists('rules/deleted-rule')).toBe(false);
    for (const kept of [
      'index.html',
      'rules/kept/index.html',
      '_astro/site.new.css',
      'r/0b5e/index.html',
      'pagefind/pagefind.js',
      'robots.txt',
      '.git/HEAD',
    ])
      expect(exists(kept), kept).toBe(true);
  });

  test('removes nothing without a manifest', () => {
    put('index.html', EARLIER);
    put('rules/a/index.html', EARLIER);
    expect(pruneStaleOutput(outDir, { since: SINCE, pages: new Set(), ownedElsewhere: [] })).toEqual([]);
  });
});

describe('the manifest through a build', () => {
  test('a build lists what it wrote; one that stopped halfway still owns its files', () => {
    put('robots.txt', EARLIER);
    markBuildStarted(outDir, SINCE);
    put('index.html'); // written by the build, after it started
    // A second start (after the first stopped) keeps the first start's time.
    markBuildStarted(outDir, SINCE + 1_000_000);
    expect(readManifest(outDir)).toEqual({ files: [], buildStartedAt: SINCE });
    expect(prepareOutputFolder(outDir, { emptyAllowed: false, guarded: [] })).toEqual({
      action: 'refuse',
      files: ['robots.txt'],
    });

    expect(recordBuildOutput(outDir)).toBe(1);
    expect(readManifest(outDir)).toEqual({ files: ['index.html'] });
  });

  test('emptying removes the files Huntbook did not write and keeps its own for the rebuild', () => {
    put('index.html', EARLIER);
    put('other-app/index.html', EARLIER);
    put('.git/HEAD', EARLIER);
    writeManifest(outDir, { files: ['index.html'] });
    expect(prepareOutputFolder(outDir, { emptyAllowed: true, guarded: [] })).toEqual({
      action: 'remove',
      files: ['other-app/index.html'],
    });
    expect(exists('other-app')).toBe(false);
    expect(exists('index.html')).toBe(true);
    expect(exists('.git/HEAD')).toBe(true);
  });

  test('a missing folder is fine, and a manifest Huntbook did not write owns nothing', () => {
    expect(prepareOutputFolder(join(outDir, 'missing'), { emptyAllowed: false, guarded: [] })).toEqual({
      action: 'build',
    });
    put('index.html', EARLIER);
    writeFileSync(join(outDir, MANIFEST_FILE), '{"files":["index.html"]}');
    expect(prepareOutputFolder(outDir, { emptyAllowed: false, guarded: [] })).toEqual({
      action: 'refuse',
      files: ['index.html'],
    });
  });

  test('lists files with / separators, without the .git checkout', () => {
    put('a/b/c.html');
    put('.git/config');
    put('.well-known/security.txt');
    expect(
      listOutputFiles(outDir)
        .map((file) => file.path)
        .sort(),
    ).toEqual(['.well-known/security.txt', 'a/b/c.html']);
  });
});

import { describe, expect, test } from 'vitest';
import {
  completeManifest,
  describeOutDirOrigin,
  findGuardedPath,
  findStaleFiles,
  formatManifest,
  formatOutputRefusal,
  MANIFEST_FILE,
  type OutputFile,
  type OutputManifest,
  parseManifest,
  planOutputFolder,
  startManifest,
} from '../../../src/output/output-folder.ts';

const START = 1_000_000;
const old = (path: string): OutputFile => ({ path, mtimeMs: START - 1 });
const fresh = (path: string): OutputFile => ({ path, mtimeMs: START + 1 });
const SETTINGS = { label: 'the settings file', path: '/repo/huntbook.config.yaml' };

describe('planOutputFolder', () => {
  const manifest: OutputManifest = { files: ['index.html', 'rules/a/index.html'] };
  test.each<{
    name: string;
    files: OutputFile[];
    manifest: OutputManifest | undefined;
    emptyAllowed?: boolean;
    guarded?: typeof SETTINGS;
    expected: unknown;
  }>([
    { name: 'an empty or missing folder', files: [], manifest: undefined, expected: { action: 'build' } },
    {
      name: 'only the files of the last build',
      files: [old('index.html'), old('rules/a/index.html'), old(MANIFEST_FILE)],
      manifest,
      expected: { action: 'build' },
    },
    {
      name: 'files of another app, without a manifest',
      files: [old('robots.txt'), old('other-app/index.html')],
      manifest: undefined,
      expected: { action: 'refuse', files: ['other-app/index.html', 'robots.txt'] },
    },
    {
      name: 'a file added after the last build',
      files: [old('index.html'), fresh('robots.txt'), old(MANIFEST_FILE)],
      manifest,
      expected: { action: 'refuse', files: ['robots.txt'] },
    },
    {
      name: 'files a build wrote before it stopped',
      files: [old('robots.txt'), fresh('rules/b/index.html'), old(MANIFEST_FILE)],
      manifest: { files: [], buildStartedAt: START },
      expected: { action: 'refuse', files: ['robots.txt'] },
    },
    {
      name: 'emptying allowed',
      files: [old('index.html'), old('robots.txt')],
      manifest,
      emptyAllowed: true,
      expected: { action: 'remove', files: ['robots.txt'] },
    },
    {
      name: 'emptying allowed, but the folder holds the settings',
      files: [old('huntbook.config.yaml')],
      manifest: undefined,
      emptyAllowed: true,
      guarded: SETTINGS,
      expected: { action: 'protect', files: ['huntbook.config.yaml'], guarded: SETTINGS },
    },
  ])('$name', ({ files, manifest, emptyAllowed = false, guarded, expected }) => {
    expect(planOutputFolder({ files, manifest, emptyAllowed, guarded })).toEqual(expected);
  });
});

describe('findGuardedPath', () => {
  test.each([
    { outDir: '/repo', expected: SETTINGS },
    { outDir: '/', expected: SETTINGS },
    { outDir: '/repo/huntbook.config.yaml', expected: SETTINGS },
    { outDir: '/repo/dist', expected: undefined },
    { outDir: '/repository', expected: undefined },
  ])('$outDir', ({ outDir, expected }) => {
    expect(findGuardedPath(outDir, [SETTINGS])).toEqual(expected);
  });
});

describe('the manifest', () => {
  test('reads back what it wrote', () => {
    const manifest = { files: ['a "quoted".html', 'index.html'], buildStartedAt: START };
    expect(parseManifest(formatManifest(manifest))).toEqual(manifest);
    expect(parseManifest(formatManifest({ files: [] }))).toEqual({ files: [] });
  });

  test.each([
    '',
    'not json',
    '[]',
    '{"files":["a"]}',
    '{"huntbookOutput":2,"files":[]}',
    '{"huntbookOutput":1,"files":[1]}',
  ])('is not a manifest: %j', (text) => {
    expect(parseManifest(text)).toBeUndefined();
  });

  test('a start keeps an earlier unfinished start; completing lists what is still there and what was written', () => {
    expect(startManifest(undefined, START)).toEqual({ files: [], buildStartedAt: START });
    expect(startManifest({ files: ['a'], buildStartedAt: 5 }, START)).toEqual({ files: ['a'], buildStartedAt: 5 });
    expect(
      completeManifest({ files: ['kept.html', 'gone.html'], buildStartedAt: START }, [
        old('kept.html'),
        fresh('new.html'),
        old('robots.txt'),
        old(MANIFEST_FILE),
      ]),
    ).toEqual({ files: ['kept.html', 'new.html'] });
  });
});

describe('findStaleFiles', () => {
  test('listed, not a page of this build, not written since it started, not owned by another step', () => {
    expect(
      findStaleFiles({
        manifest: {
          files: ['index.html', 'rules/gone/index.html', 'rules/kept/index.html', '_astro/a.css', 'r/x/index.html'],
        },
        files: [
          old('index.html'),
          old('rules/gone/index.html'),
          old('rules/kept/index.html'),
          fresh('_astro/a.css'),
          old('r/x/index.html'),
          old('robots.txt'),
        ],
        pages: new Set(['index.html', 'rules/kept/index.html']),
        since: START,
        ownedElsewhere: ['r'],
      }),
    ).toEqual(['rules/gone/index.html']);
  });
});

describe('formatOutputRefusal', () => {
  test('names the folder, a few files, the count, where the folder came from and how to allow it', () => {
    const files = ['a.html', 'b.html', 'c.html', 'd.html', 'e.html', 'f.html', 'robots.txt'];
    expect(
      formatOutputRefusal({
        outDir: '/repo/dist',
        plan: { action: 'refuse', files },
        origin: 'outDir',
        configFile: '/repo/huntbook.config.yaml',
      }),
    ).toMatchInlineSnapshot(`
      "error: the output folder /repo/dist holds 7 files Huntbook did not write:
        a.html
        b.html
        c.html
        d.html
        e.html
        … and 2 more
      It is set by outDir in /repo/huntbook.config.yaml. Nothing was changed.
      Huntbook only removes files it wrote itself. To remove these files and build there, run
      huntbook build --empty-out-dir (or set emptyOutDir: true in the settings); or choose another
      folder with --out or the outDir setting."
    `);
  });

  test('a folder that must not be emptied says so', () => {
    expect(
      formatOutputRefusal({
        outDir: '/repo',
        plan: { action: 'protect', files: ['huntbook.config.yaml'], guarded: SETTINGS },
        origin: '--out',
        configFile: '/repo/huntbook.config.yaml',
      }),
    ).toMatchInlineSnapshot(`
      "error: the output folder /repo holds 1 file Huntbook did not write:
        huntbook.config.yaml
      It was given with --out. Nothing was changed.
      Emptying it is allowed, but it holds the settings file (/repo/huntbook.config.yaml), so Huntbook will not empty it.
      Choose an output folder of its own with --out or the outDir setting."
    `);
  });

  test.each([
    { origin: '--out' as const, configFile: undefined, expected: 'It was given with --out.' },
    {
      origin: 'HUNTBOOK_OUT_DIR' as const,
      configFile: undefined,
      expected: 'It is set by the HUNTBOOK_OUT_DIR variable.',
    },
    { origin: 'outDir' as const, configFile: '/r/h.yaml', expected: 'It is set by outDir in /r/h.yaml.' },
    {
      origin: 'default' as const,
      configFile: '/r/h.yaml',
      expected: 'It is the default output folder, dist/ beside /r/h.yaml (no outDir setting).',
    },
    {
      origin: 'default' as const,
      configFile: undefined,
      expected: 'It is the default output folder, dist/ in the working folder (no settings file).',
    },
  ])('origin $origin', ({ origin, configFile, expected }) => {
    expect(describeOutDirOrigin(origin, configFile)).toBe(expected);
  });
});

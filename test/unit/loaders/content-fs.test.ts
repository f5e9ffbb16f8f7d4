import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { formatFinding } from '../../../src/checks/findings.ts';
import { listContentFiles } from '../../../src/loaders/content-fs.ts';
import {
  type ContentLocation,
  type LocationOrigin,
  toContentLocation,
  toExcludePattern,
} from '../../../src/loaders/content-location.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'huntbook-content-fs-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes files (`path: text`) and links (`path: target`, relative to the link's folder) under the temporary root. */
function lay(files: readonly string[], links: Record<string, string> = {}): void {
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), 'x');
  }
  for (const [link, target] of Object.entries(links)) {
    mkdirSync(dirname(join(root, link)), { recursive: true });
    symlinkSync(target, join(root, link));
  }
}

/** Lists `rules/` and reports paths and findings relative to the temporary root. */
function list(dirs = ['rules']) {
  const listing = listContentFiles(
    dirs.map((dir) => join(root, dir)),
    ['.yaml', '.yml'],
    'HUNTBOOK_RULES',
  );
  const local = (path: string) => relative(root, path).split('\\').join('/') + (path.endsWith('/') ? '/' : '');
  return {
    files: listing.files.map(local),
    findings: listing.findings.map((finding) =>
      formatFinding({ ...finding, file: local(finding.file) }).replace(root, '<root>'),
    ),
    codes: listing.findings.map((finding) => `${finding.severity}:${finding.code}`),
  };
}

interface LayoutCase {
  case: string;
  files: string[];
  links?: Record<string, string>;
  expected: string[];
  findings: string[];
  codes: string[];
}

describe('nothing in a content folder vanishes without a word', () => {
  test.each<LayoutCase>([
    {
      case: 'hidden folders are not read; each is named once, with its count',
      files: ['rules/a.yaml', 'rules/.hidden/b.yaml', 'rules/.github/workflows/c.yml', 'rules/.github/d.yml'],
      expected: ['rules/a.yaml'],
      findings: [
        'rules/.github/ HUNTBOOK_RULES: is a hidden folder holding 2 .yaml or .yml files, which are not read: hidden files and folders hold tooling, not content; rename it without the leading dot to publish it',
        'rules/.hidden/ HUNTBOOK_RULES: is a hidden folder holding 1 .yaml or .yml file, which is not read: hidden files and folders hold tooling, not content; rename it without the leading dot to publish it',
      ],
      codes: ['warning:hidden-content', 'warning:hidden-content'],
    },
    {
      case: 'a hidden file is named; hidden things without content and .git are not',
      files: ['rules/a.yaml', 'rules/.draft.yaml', 'rules/.notes/readme.txt', 'rules/.git/config.yaml'],
      expected: ['rules/a.yaml'],
      findings: [
        'rules/.draft.yaml HUNTBOOK_RULES: is a hidden file and is not read: hidden files and folders hold tooling, not content; rename it without the leading dot to publish it',
      ],
      codes: ['warning:hidden-content'],
    },
    {
      case: 'a linked folder inside the content is read once, under the real path',
      files: ['rules/Shared/RemoteAccess/a.yaml'],
      links: { 'rules/Hunting Queries/RemoteAccess': '../Shared/RemoteAccess' },
      expected: ['rules/Shared/RemoteAccess/a.yaml'],
      findings: [],
      codes: [],
    },
    {
      case: 'two links to one folder outside: read once, under the first link in path order',
      files: ['elsewhere/b.yaml'],
      links: { 'rules/B': '../elsewhere', 'rules/A': '../elsewhere' },
      expected: ['rules/A/b.yaml'],
      findings: [
        'rules/A HUNTBOOK_RULES: is a symbolic link to <root>/elsewhere, outside the content folders: the 1 .yaml or .yml file, which is read as if it was here',
        'rules/B HUNTBOOK_RULES: is a symbolic link to <root>/elsewhere, outside the content folders: the 1 .yaml or .yml file, which is read as if it was here',
      ],
      codes: ['warning:symlink-outside', 'warning:symlink-outside'],
    },
    {
      case: 'a link outside the content folder is read, with a warning',
      files: ['rules/a.yaml', 'elsewhere/b.yaml', 'elsewhere/sub/c.yml'],
      links: { 'rules/Outside': '../elsewhere' },
      expected: ['rules/Outside/b.yaml', 'rules/Outside/sub/c.yml', 'rules/a.yaml'],
      findings: [
        'rules/Outside HUNTBOOK_RULES: is a symbolic link to <root>/elsewhere, outside the content folders: its 2 .yaml or .yml files, which are read as if they were here',
      ],
      codes: ['warning:symlink-outside'],
    },
    {
      case: 'a linked file is read, once, under its own path',
      files: ['rules/a.yaml'],
      links: { 'rules/0-alias.yaml': 'a.yaml' },
      expected: ['rules/a.yaml'],
      findings: [],
      codes: [],
    },
    {
      case: 'link cycles end',
      files: ['rules/a/x.yaml'],
      links: { 'rules/a/loop': '..', 'rules/a/self': '.' },
      expected: ['rules/a/x.yaml'],
      findings: [],
      codes: [],
    },
    {
      case: 'a broken link is named',
      files: ['rules/a.yaml'],
      links: { 'rules/gone': '../nowhere' },
      expected: ['rules/a.yaml'],
      findings: ['rules/gone HUNTBOOK_RULES: is a broken symbolic link and is not read'],
      codes: ['warning:broken-symlink'],
    },
  ])('$case', ({ files, links, expected, findings, codes }) => {
    lay(files, links);
    const listing = list();
    expect(listing.files).toEqual(expected);
    expect(listing.findings).toEqual(findings);
    expect(listing.codes).toEqual(codes);
  });

  test('a folder that does not exist is still an error', () => {
    expect(list(['missing']).findings).toEqual([
      'missing HUNTBOOK_RULES: does not exist (tried <root>/missing, from the environment)',
    ]);
  });
});

/** A location as the settings file gives it: written relative to `root`, excluding `exclude`. */
function fromSettings(written: string, exclude: string[] = [], kind: LocationOrigin['kind'] = 'settings') {
  const origin: LocationOrigin = {
    kind,
    setting: 'content.rules',
    written,
    file: 'huntbook.config.yaml',
    line: 3,
    column: 10,
  };
  const patterns = exclude.map((pattern) => toExcludePattern(pattern, root));
  return toContentLocation(written, root, origin, patterns);
}

function listLocations(locations: ContentLocation[], missing: 'error' | 'warning' = 'error') {
  const listing = listContentFiles(locations, ['.yaml', '.yml'], { missing });
  const local = (path: string) => relative(root, path).split('\\').join('/');
  return {
    files: listing.files.map(local),
    findings: listing.findings.map(
      (finding) => `${finding.severity} ${formatFinding(finding).replaceAll(root, '<root>')}`,
    ),
    excluded: listing.excluded.map(({ folder, count }) => `${local(folder) || '.'}: ${count}`),
  };
}

describe('glob patterns and exclude patterns', () => {
  const tree = [
    'detections/a.yaml',
    'detections/sub/b.yml',
    'detections/templates/broken.yaml',
    'detections/notes.md',
    'hunting/one/queries/q1.yaml',
    'hunting/one/queries/deep/q2.yaml',
    'hunting/one/other/x.yaml',
    'hunting/two/queries/q3.yaml',
    'top.yaml',
  ];
  test.each([
    {
      case: 'a pattern selects the files it matches',
      written: ['detections/**/*.yaml'],
      exclude: [],
      files: ['detections/a.yaml', 'detections/templates/broken.yaml'],
      excluded: [],
    },
    {
      case: 'a pattern that matches folders selects every file in them',
      written: ['hunting/*/queries'],
      exclude: [],
      files: ['hunting/one/queries/deep/q2.yaml', 'hunting/one/queries/q1.yaml', 'hunting/two/queries/q3.yaml'],
      excluded: [],
    },
    {
      case: 'an exclude pattern leaves out a folder, counted per location folder',
      written: ['detections'],
      exclude: ['**/templates/**'],
      files: ['detections/a.yaml', 'detections/sub/b.yml'],
      excluded: ['detections: 1'],
    },
    {
      case: 'exclude patterns apply to glob locations and files alike',
      written: ['detections/**/*.{yaml,yml}', 'top.yaml'],
      exclude: ['**/templates/**', 'top.yaml'],
      files: ['detections/a.yaml', 'detections/sub/b.yml'],
      excluded: ['detections: 1', 'top.yaml: 1'],
    },
    {
      case: 'a single file can be named',
      written: ['top.yaml'],
      exclude: [],
      files: ['top.yaml'],
      excluded: [],
    },
    {
      case: 'a file selected by two locations is read once',
      written: ['hunting', 'hunting/**/*.yaml'],
      exclude: ['hunting/one/other/**'],
      files: ['hunting/one/queries/deep/q2.yaml', 'hunting/one/queries/q1.yaml', 'hunting/two/queries/q3.yaml'],
      excluded: ['hunting: 1'],
    },
  ])('$case', ({ written, exclude, files, excluded }) => {
    lay(tree);
    const listing = listLocations(written.map((path) => fromSettings(path, exclude)));
    expect(listing.files).toEqual(files);
    expect(listing.excluded).toEqual(excluded);
    expect(listing.findings).toEqual([]);
  });

  test('a pattern never selects hidden files, and names none of them', () => {
    lay(['rules/a.yaml', 'rules/.github/workflow.yaml']);
    expect(listLocations([fromSettings('rules/**/*.yaml')])).toEqual({
      files: ['rules/a.yaml'],
      findings: [],
      excluded: [],
    });
  });

  test('an excluded hidden folder is counted, not named', () => {
    lay(['rules/a.yaml', 'rules/.github/workflow.yaml']);
    const listing = listLocations([fromSettings('rules', ['**/.github/**'])]);
    expect(listing.findings).toEqual([]);
    expect(listing.files).toEqual(['rules/a.yaml']);
  });

  test.each([
    {
      case: 'a folder written in the settings that does not exist: the setting, its place, the value and the path tried',
      written: 'rulez',
      missing: 'error' as const,
      expected: 'error huntbook.config.yaml:3:10 content.rules: "rulez" does not exist (tried <root>/rulez)',
    },
    {
      case: 'a pattern that matches nothing',
      written: 'detections/**/*.yml.bak',
      missing: 'warning' as const,
      expected:
        'warning huntbook.config.yaml:3:10 content.rules: "detections/**/*.yml.bak" matches no .yaml or .yml files (tried <root>/detections/**/*.yml.bak)',
    },
  ])('$case', ({ written, missing, expected }) => {
    lay(['detections/a.yaml']);
    expect(listLocations([fromSettings(written)], missing).findings).toEqual([expected]);
  });

  test('a default folder that does not exist is no finding', () => {
    expect(listLocations([fromSettings('runbooks', [], 'default')]).findings).toEqual([]);
  });
});

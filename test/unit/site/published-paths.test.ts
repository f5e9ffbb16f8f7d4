import { describe, expect, test } from 'vitest';
import { createPathPublisher, type PublishedPathRoots, toPublishedPath } from '../../../src/site/published-paths.ts';

const roots: PublishedPathRoots = {
  sourceRoot: '/repo',
  contentRoots: [
    { folder: '/repo/rules' },
    { folder: '/tmp/mysoc/RMM' },
    { folder: '/tmp/mysoc/RMM/Vendors' },
    { folder: '/srv/a/shared' },
    { folder: '/srv/b/shared' },
    { folder: '/opt/node_modules/huntbook/content/tools', label: 'huntbook/content/tools' },
    { folder: '/srv/one-file.yaml' },
    { folder: '/repo/node_modules/huntbook/content/tools', label: 'huntbook/content/tools' },
    { folder: '/work' },
  ],
};

describe('toPublishedPath', () => {
  test.each([
    { path: '/repo/rules/a.yaml', expected: 'rules/a.yaml', why: 'inside sourceRoot: relative to it' },
    { path: '/repo', expected: '.', why: 'sourceRoot itself' },
    { path: '/tmp/mysoc/RMM/sub/a.yaml', expected: 'RMM/sub/a.yaml', why: 'outside: under its content folder’s name' },
    {
      path: '/tmp/mysoc/RMM/Vendors/b.yaml',
      expected: 'Vendors/b.yaml',
      why: 'the deepest content folder that holds it',
    },
    {
      path: '/srv/a/shared/x.yaml',
      expected: 'a/shared/x.yaml',
      why: 'two folders of one name: told apart by their parents',
    },
    { path: '/srv/b/shared/x.yaml', expected: 'b/shared/x.yaml', why: 'the other of the two' },
    {
      path: '/opt/node_modules/huntbook/content/tools/anydesk.yaml',
      expected: 'huntbook/content/tools/anydesk.yaml',
      why: 'a content folder with a label',
    },
    { path: '/srv/one-file.yaml', expected: 'one-file.yaml', why: 'a location that is one file' },
    {
      path: '/repo/node_modules/huntbook/content/tools/a.yaml',
      expected: 'huntbook/content/tools/a.yaml',
      why: 'a labelled folder inside sourceRoot keeps its label',
    },
    { path: '/work/x.yaml', expected: 'work/x.yaml', why: 'outside sourceRoot, in a content folder' },
    {
      path: '/etc/huntbook.config.yaml',
      expected: 'huntbook.config.yaml',
      why: 'outside every root: its own name only',
    },
    {
      path: '/repo-other/a.yaml',
      expected: 'a.yaml',
      why: 'a sibling whose name starts like sourceRoot is outside it',
    },
  ])('$path → $expected ($why)', ({ path, expected }) => {
    expect(toPublishedPath(path, roots)).toBe(expected);
  });
});

describe('createPathPublisher', () => {
  const publisher = createPathPublisher(roots, '/repo');

  test.each([
    { file: 'rules/a.yaml', expected: 'rules/a.yaml' },
    { file: '/tmp/mysoc/RMM/a.yaml', expected: 'RMM/a.yaml' },
    { file: 'rules/.hidden/', expected: 'rules/.hidden/' },
  ])('publishes the log’s path $file as $expected', ({ file, expected }) => {
    expect(publisher.toPublishedPath(file)).toBe(expected);
  });

  test('gives back the log’s path of a path it published', () => {
    const published = publisher.toPublishedPath('/tmp/mysoc/RMM/c.yaml');
    expect(publisher.toLocal(published)).toBe('/tmp/mysoc/RMM/c.yaml');
    expect(publisher.toLocal('never-seen.yaml')).toBe('never-seen.yaml');
  });

  test.each([
    {
      text: 'is also the id of /tmp/mysoc/RMM/a.yaml; both rules are published',
      expected: 'is also the id of RMM/a.yaml; both rules are published',
    },
    {
      text: 'is the id of 2 rules (/srv/a/shared/x.yaml, /repo/rules/y.yaml)',
      expected: 'is the id of 2 rules (a/shared/x.yaml, rules/y.yaml)',
    },
    { text: 'nothing found (tried /repo/missing)', expected: 'nothing found (tried missing)' },
    { text: 'nothing found (tried /repo/rules/missing)', expected: 'nothing found (tried rules/missing)' },
    {
      text: 'a path in the middle of a word: x/repo/rules/a',
      expected: 'a path in the middle of a word: x/repo/rules/a',
    },
  ])('rewrites paths in “$text”', ({ text, expected }) => {
    expect(publisher.toPublishedText(text)).toBe(expected);
  });

  test('strips the way from the working directory to sourceRoot in a message', () => {
    const fromParent = createPathPublisher({ sourceRoot: '/work/site', contentRoots: [] }, '/work');
    expect(fromParent.toPublishedPath('site/rules/a.yaml')).toBe('rules/a.yaml');
    expect(fromParent.toPublishedText('already has a runbook: site/runbooks/a.md; merge')).toBe(
      'already has a runbook: runbooks/a.md; merge',
    );
  });

  test('a content folder that holds sourceRoot names only what lies outside sourceRoot', () => {
    const around = createPathPublisher({ sourceRoot: '/work/site', contentRoots: [{ folder: '/work' }] }, '/');
    expect(around.toPublishedPath('/work/site/rules/a.yaml')).toBe('rules/a.yaml');
    expect(around.toPublishedPath('/work/other/b.yaml')).toBe('work/other/b.yaml');
    expect(around.toPublishedText('(/work/site/rules/a.yaml, /work/other/b.yaml)')).toBe(
      '(rules/a.yaml, work/other/b.yaml)',
    );
  });
});

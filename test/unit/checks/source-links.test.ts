import { describe, expect, test } from 'vitest';
import { findUnlinkedSourceFiles } from '../../../src/checks/source-links.ts';

const url = 'https://git.example/soc/detections/blob/main';
const rule = (name: string, folder = '/elsewhere') => ({
  file: `${folder}/${name}`,
  absolutePath: `${folder}/${name}`,
});

describe('findUnlinkedSourceFiles', () => {
  test('says nothing without sourceRepositoryUrl', () => {
    expect(findUnlinkedSourceFiles([rule('a.yaml')], { sourceRoot: '/repo' }, 'huntbook.config.yaml')).toEqual([]);
  });

  test('says nothing when every rule file lies inside sourceRoot', () => {
    const rules = [rule('a.yaml', '/repo/rules')];
    expect(findUnlinkedSourceFiles(rules, { sourceRepositoryUrl: url, sourceRoot: '/repo' }, 'x.yaml')).toEqual([]);
  });

  test('gives one warning for many files, naming the first three and counting the rest', () => {
    const rules = ['a', 'b', 'c', 'd', 'e'].map((name) => rule(`${name}.yaml`));
    expect(
      findUnlinkedSourceFiles(rules, { sourceRepositoryUrl: url, sourceRoot: '/repo' }, 'huntbook.config.yaml'),
    ).toMatchInlineSnapshot(`
      [
        {
          "code": "source-link-unrelated",
          "field": "sourceRepositoryUrl",
          "file": "huntbook.config.yaml",
          "message": "5 rule files lie outside sourceRoot, so their pages have no link into the repository (/elsewhere/a.yaml, /elsewhere/b.yaml, /elsewhere/c.yaml and 2 more); set sourceRoot to the repository checkout that holds them",
          "severity": "warning",
        },
      ]
    `);
  });

  test('speaks of one file as one', () => {
    const [finding] = findUnlinkedSourceFiles(
      [rule('a.yaml')],
      { sourceRepositoryUrl: url, sourceRoot: '/repo' },
      'h.yaml',
    );
    expect(finding?.message).toMatch(/^1 rule file lies outside sourceRoot, so its page has no link/);
  });
});

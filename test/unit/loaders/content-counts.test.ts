import { describe, expect, test } from 'vitest';
import { countByContentFolder } from '../../../src/loaders/content-counts.ts';

describe('files read and published, per content folder', () => {
  test.each([
    {
      case: 'one folder, one file not published',
      folders: ['/c/rules'],
      read: ['/c/rules/a.yaml', '/c/rules/sub/b.yaml'],
      published: ['/c/rules/a.yaml'],
      expected: ['/c/rules: 2 read, 1 published'],
    },
    {
      case: 'two folders, each counted on its own',
      folders: ['/c/rules', '/x/more-rules'],
      read: ['/c/rules/a.yaml', '/x/more-rules/b.yaml', '/x/more-rules/c.yaml'],
      published: ['/c/rules/a.yaml', '/x/more-rules/b.yaml', '/x/more-rules/c.yaml'],
      expected: ['/c/rules: 1 read, 1 published', '/x/more-rules: 2 read, 2 published'],
    },
    {
      case: 'nested folders: the innermost holds the file',
      folders: ['/c/rules', '/c/rules/Solutions'],
      read: ['/c/rules/a.yaml', '/c/rules/Solutions/b.yaml'],
      published: ['/c/rules/Solutions/b.yaml'],
      expected: ['/c/rules: 1 read, 0 published', '/c/rules/Solutions: 1 read, 1 published'],
    },
    {
      case: 'a folder that is a prefix of another name is not its parent',
      folders: ['/c/rules'],
      read: ['/c/rules-old/a.yaml'],
      published: [],
      expected: ['/c/rules: 0 read, 0 published'],
    },
    {
      case: 'a file listed twice counts once',
      folders: ['/c/rules'],
      read: ['/c/rules/a.yaml', '/c/rules/a.yaml'],
      published: ['/c/rules/a.yaml', '/c/rules/a.yaml'],
      expected: ['/c/rules: 1 read, 1 published'],
    },
  ])('$case', ({ folders, read, published, expected }) => {
    expect(
      countByContentFolder(folders, read, published).map(
        (count) => `${count.folder}: ${count.filesRead} read, ${count.published} published`,
      ),
    ).toEqual(expected);
  });
});

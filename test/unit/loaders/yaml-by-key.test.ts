import { describe, expect, test } from 'vitest';
import { readYamlByKey } from '../../../src/loaders/yaml-by-key.ts';

const FILE = 'rules/x.yaml';

describe('readYamlByKey', () => {
  test.each([
    {
      name: 'a mis-indented list item leaves out its key only',
      text: 'name: N\nentityMappings:\n  - a: 1\n   - b: 2\nkind: K\n',
      data: { name: 'N', kind: 'K' },
      unreadable: [{ key: 'entityMappings', firstLine: 2, lastLine: 4, line: 4, column: 4 }],
    },
    {
      name: 'an unclosed flow list is placed in its own key, not on the next key',
      text: 'name: N\ntactics: [A\nkind: K\n',
      data: { name: 'N', kind: 'K' },
      unreadable: [{ key: 'tactics', firstLine: 2, lastLine: 2, line: 2, column: 12 }],
    },
    {
      name: 'a key given twice: the first is read',
      text: 'name: N\nname: M\n',
      data: { name: 'N' },
      unreadable: [{ key: 'name', firstLine: 2, lastLine: 2, line: 2, column: 1 }],
    },
    {
      name: 'comments and a document start before the first key',
      text: '# rule\n---\nname: N\n',
      data: { name: 'N' },
      unreadable: [],
    },
  ])('$name', ({ text, data, unreadable }) => {
    const read = readYamlByKey(text, FILE);
    expect(read?.data).toEqual(data);
    expect(
      read?.unreadable.map(({ key, firstLine, lastLine, error }) => ({
        key,
        firstLine,
        lastLine,
        line: error.line,
        column: error.column,
      })),
    ).toEqual(unreadable);
  });

  test.each([
    { name: 'no top-level key at all', text: 'let x = 1;\nT | take 1\n' },
    { name: 'text before the first key', text: 'T | where a\nname: N\n' },
  ])('is not laid out as keys: $name', ({ text }) => {
    expect(readYamlByKey(text, FILE)).toBeUndefined();
  });
});

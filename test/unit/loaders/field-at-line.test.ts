import { expect, test } from 'vitest';
import { toTopLevelFieldAt } from '../../../src/loaders/field-at-line.ts';

const text = [
  '# a comment',
  'id: 1',
  '"name": A',
  'query: |',
  '  T',
  '  | where x == "a: b"',
  'tags:',
  '  - RMM',
  '',
].join('\n');

test.each([
  { line: 1, expected: undefined },
  { line: 2, expected: 'id' },
  { line: 3, expected: 'name' },
  { line: 5, expected: 'query' },
  { line: 6, expected: 'query' },
  { line: 8, expected: 'tags' },
])('line $line is in $expected', ({ line, expected }) => {
  expect(toTopLevelFieldAt(text, line)).toBe(expected);
});

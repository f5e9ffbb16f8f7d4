import { expect, test } from 'vitest';
import { toLineAndColumn } from '../../../src/loaders/text-position.ts';

test.each([
  { text: 'abc', index: 0, expected: { line: 1, column: 1 } },
  { text: 'abc', index: 2, expected: { line: 1, column: 3 } },
  { text: 'a\nbc', index: 1, expected: { line: 1, column: 2 } },
  { text: 'a\nbc', index: 2, expected: { line: 2, column: 1 } },
  { text: 'a\n\n\nd', index: 4, expected: { line: 4, column: 1 } },
])('index $index of $text is at $expected', ({ text, index, expected }) => {
  expect(toLineAndColumn(text, index)).toEqual(expected);
});

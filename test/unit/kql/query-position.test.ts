import { describe, expect, test } from 'vitest';
import { createQueryPositionMapper } from '../../../src/kql/query-position.ts';

describe('query positions map to the rule file', () => {
  test.each([
    {
      name: 'block scalar',
      text: 'id: x\nquery: |\n  T\n  | where (\n',
      at: [2, 9],
      expected: { line: 4, column: 11 },
    },
    {
      name: 'block scalar with chomping',
      text: 'query: |-\n    T\n    | take\n',
      at: [2, 7],
      expected: { line: 3, column: 11 },
    },
    {
      name: 'blank line inside the block',
      text: 'query: |\n  T\n\n  | where (\n',
      at: [3, 9],
      expected: { line: 4, column: 11 },
    },
    {
      name: 'query not first',
      text: 'id: x\nname: y\ndescription: |\n  a\nquery: |\n  T\n',
      at: [1, 1],
      expected: { line: 6, column: 3 },
    },
    { name: 'inline query', text: 'query: T | where (\n', at: [1, 11], expected: { line: 1, column: 18 } },
    { name: 'quoted inline query', text: 'query: "T | where ("\n', at: [1, 11], expected: { line: 1, column: 19 } },
  ])('$name', ({ text, at, expected }) => {
    const [line = 0, column = 0] = at;
    expect(createQueryPositionMapper(text)(line, column)).toEqual(expected);
  });
});

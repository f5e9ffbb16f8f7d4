import { describe, expect, test } from 'vitest';
import {
  repairBracketScalars,
  repairKeysInQueryBlock,
  repairUnindentedQueryBlock,
} from '../../../src/loaders/yaml-repairs.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe.each([
  {
    repair: repairUnindentedQueryBlock,
    cases: [
      {
        name: 'a query block at column 0, up to the next top-level key',
        text: lines('name: N', 'query: |', 'T', '| take 1', 'kind: Scheduled'),
        expected: lines('name: N', 'query: |', '  T', '  | take 1', 'kind: Scheduled'),
        repairs: [
          {
            line: 2,
            field: 'query',
            message:
              'repaired: the "query: |" block (line 2) is not indented; lines 3–4, up to the next top-level key "kind:" (line 5), were read as the query; indent them to silence this warning',
          },
        ],
      },
      {
        name: 'a query block at column 0 up to the end of the file, blank lines kept blank',
        text: lines('query: |-', 'T', '', '| take 1'),
        expected: lines('query: |-', '  T', '', '  | take 1'),
        repairs: [
          {
            line: 1,
            field: 'query',
            message:
              'repaired: the "query: |" block (line 1) is not indented; lines 2–4, up to the end of the file, were read as the query; indent them to silence this warning',
          },
        ],
      },
      { name: 'an indented query block', text: lines('query: |', '  T', 'kind: K'), repairs: [] },
      { name: 'a query block followed at once by a key', text: lines('query: |', 'kind: K'), repairs: [] },
      { name: 'a plain query', text: lines('query: T', 'kind: K'), repairs: [] },
    ],
  },
  {
    repair: repairKeysInQueryBlock,
    cases: [
      {
        name: 'entityMappings indented into the end of the query',
        text: lines('query: |', '  T', '  | take 1', '  entityMappings:', '    - entityType: Host', 'version: 1'),
        expected: lines('query: |', '  T', '  | take 1', 'entityMappings:', '  - entityType: Host', 'version: 1'),
        repairs: [
          {
            line: 4,
            field: 'entityMappings',
            message:
              'repaired: "entityMappings:" (line 4) was indented into the query block; lines 4–5 were taken out of the query and read as the top-level "entityMappings"; unindent them to silence this warning',
          },
        ],
      },
      {
        name: 'a key that is already a top-level key stays query text',
        text: lines('query: |', '  T', '  version: 2', 'version: 1'),
        repairs: [],
      },
      { name: 'an unknown key stays query text', text: lines('query: |', '  T', '  foo: 1'), repairs: [] },
      {
        name: 'a key deeper than the query lines stays query text',
        text: lines('query: |', '  T', '    kind: x'),
        repairs: [],
      },
    ],
  },
  {
    repair: repairBracketScalars,
    cases: [
      {
        name: 'a name starting with [Deprecated]',
        text: lines('id: X', 'name: [Deprecated] Foo bar', 'kind: K'),
        expected: lines('id: X', "name: '[Deprecated] Foo bar'", 'kind: K'),
        repairs: [
          {
            line: 2,
            field: 'name',
            message:
              'repaired: the value starts with "[" and is read as text: "[Deprecated] Foo bar"; quote it to silence this warning',
          },
        ],
      },
      {
        name: 'quotes inside the value are doubled and a comment is kept',
        text: lines("  name: [Old] Bob's rule # legacy"),
        expected: lines("  name: '[Old] Bob''s rule' # legacy"),
        repairs: [
          {
            line: 1,
            field: 'name',
            message:
              'repaired: the value starts with "[" and is read as text: "[Old] Bob\'s rule"; quote it to silence this warning',
          },
        ],
      },
      { name: 'a flow list', text: lines('tactics: [A, B]'), repairs: [] },
      { name: 'a flow list with a comment', text: lines('tactics: [A] # two'), repairs: [] },
      {
        name: 'the query block is left alone',
        text: lines('query: |', '  x: [a] b', 'name: N'),
        repairs: [],
      },
    ],
  },
])('$repair.name', ({ repair, cases }) => {
  test.each(cases)('$name', ({ text, expected, repairs }) => {
    const result = repair(text);
    expect(result.repairs).toEqual(repairs);
    expect(result.text).toBe(expected ?? text);
  });
});

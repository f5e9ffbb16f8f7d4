import { describe, expect, test } from 'vitest';
import { DEFAULT_MAX_QUERY_BYTES, describeQueryTooLarge, measureQueryOverLimit } from '../../../src/kql/query-size.ts';

describe('measureQueryOverLimit', () => {
  test.each([
    { name: 'a query at the limit is within it', query: 'x'.repeat(10), maxBytes: 10, expected: undefined },
    { name: 'one byte over', query: 'x'.repeat(11), maxBytes: 10, expected: 11 },
    // Five characters, ten bytes of UTF-8: the limit is in bytes, not characters.
    { name: 'two-byte letters count twice', query: 'ééééé', maxBytes: 9, expected: 10 },
    { name: 'two-byte letters within the limit', query: 'ééééé', maxBytes: 10, expected: undefined },
    // Two UTF-16 units, four bytes.
    { name: 'a character outside the BMP counts four', query: '🦊', maxBytes: 3, expected: 4 },
    { name: 'three-byte letters', query: '日本', maxBytes: 5, expected: 6 },
    {
      name: 'a real query under the default',
      query: 'DeviceEvents | take 1',
      maxBytes: DEFAULT_MAX_QUERY_BYTES,
      expected: undefined,
    },
  ])('$name', ({ query, maxBytes, expected }) => {
    expect(measureQueryOverLimit(query, maxBytes)).toBe(expected);
  });

  test('the default is 1 MiB', () => {
    expect(DEFAULT_MAX_QUERY_BYTES).toBe(1024 * 1024);
    expect(measureQueryOverLimit('x'.repeat(DEFAULT_MAX_QUERY_BYTES), DEFAULT_MAX_QUERY_BYTES)).toBeUndefined();
    expect(measureQueryOverLimit('x'.repeat(DEFAULT_MAX_QUERY_BYTES + 1), DEFAULT_MAX_QUERY_BYTES)).toBe(
      DEFAULT_MAX_QUERY_BYTES + 1,
    );
  });
});

test('the message gives the size, the limit and the setting', () => {
  expect(describeQueryTooLarge(1_500_000, DEFAULT_MAX_QUERY_BYTES)).toMatchInlineSnapshot(
    `"the query is 1,500,000 bytes, over the limit of 1,048,576 (kql.maxQueryBytes): published as plain text, without highlighting, syntax check, analysis, tool matching or a hunting link"`,
  );
});

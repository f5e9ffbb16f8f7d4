import { describe, expect, test } from 'vitest';
import { formatLookupLines, isPagefindIndexFile, toLookupJson } from '../../../bench/lookup-figures.ts';

const FIGURES = {
  lookupBytes: 51_200,
  pagefindIndexBytes: 1_024_000,
  shards: 2,
  lookups: [
    { query: 'app.pdq.com', milliseconds: 1.25, rules: 1, tools: 1 },
    { query: 'C:\\AnyDesk\\AnyDesk.exe', milliseconds: 3.5, rules: 2, tools: 1 },
  ],
};

describe('lookup figures', () => {
  test.each([
    { path: 'fragment/en_1a.pf_fragment', expected: true },
    { path: 'shards/0/index/en_2b.pf_index', expected: true },
    { path: 'pagefind.en_852f.pf_meta', expected: true },
    { path: 'pagefind-component-ui.js', expected: false },
    { path: 'wasm.en.pagefind', expected: false },
  ])('$path is part of the index: $expected', ({ path, expected }) => {
    expect(isPagefindIndexFile(path)).toBe(expected);
  });

  test('the report names each figure against its budget', () => {
    expect(formatLookupLines(FIGURES)).toMatchInlineSnapshot(`
      [
        "Lookup index 50.0 KiB in 2 shards, 5.0% of Pagefind's index (1000.0 KiB); budget 10%: ok",
        "Slowest lookup 3.5 ms (C:\\AnyDesk\\AnyDesk.exe) of 2; budget 50 ms: ok",
      ]
    `);
    expect(formatLookupLines({ ...FIGURES, lookupBytes: 204_800, lookups: [] })).toEqual([
      "Lookup index 200.0 KiB in 2 shards, 20.0% of Pagefind's index (1000.0 KiB); budget 10%: OVER",
    ]);
  });

  test('the JSON line carries sizes, share and the slowest lookup', () => {
    expect(toLookupJson(FIGURES)).toEqual({
      lookupKB: 50,
      pagefindIndexKB: 1000,
      lookupShare: 0.05,
      slowestLookupMs: 3.5,
    });
  });
});

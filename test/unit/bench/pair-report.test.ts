import { describe, expect, test } from 'vitest';
import type { BuildRun } from '../../../bench/build-run.ts';
import {
  type BuildPair,
  formatPairTable,
  formatRatioSummary,
  ratioOf,
  summarizeRatios,
  toPairJson,
  toPairRatios,
  toRatios,
} from '../../../bench/pair-report.ts';

const MB = 1024 * 1024;

const run = (seconds: number, cpuSeconds: number | null, peakMB: number | null): BuildRun => ({
  code: 0,
  signal: null,
  lines: [],
  seconds,
  cpuSeconds,
  peakRssBytes: peakMB === null ? null : peakMB * MB,
});

const against = { ref: 'main~1', commit: '54866bf0123456789abcdef0123456789abcdef0', short: '54866bf' };

/** Three builds per pair: the ref takes 40, 60, 50 s, so this tree's wall ratios over it are 0.75, 0.83, 0.80. */
const refPairs = (): BuildPair[] => [
  { bare: run(10, 8, 500), ref: run(40, 40, 1000), huntbook: run(30, 32, 1000) },
  { bare: run(20, 10, 500), ref: run(60, 40, 1000), huntbook: run(50, 30, 750) },
  { bare: run(10, 10, 400), ref: run(50, 100, 800), huntbook: run(40, 50, 800) },
];

const pairs: BuildPair[] = [
  { bare: run(10, 8, 500), huntbook: run(30, 32, 1000) },
  { bare: run(20, 10, 500), huntbook: run(50, 30, 750) },
  { bare: run(10, 10, 400), huntbook: run(40, 50, 800) },
];

describe('ratios', () => {
  test.each([
    [30, 10, 3],
    [null, 10, null],
    [30, null, null],
    [30, 0, null],
  ])('ratioOf(%j, %j) is %j', (numerator, denominator, expected) => {
    expect(ratioOf(numerator, denominator)).toBe(expected);
  });

  test("a pair's ratios are Huntbook's figures over the bare site's", () => {
    expect(toPairRatios(pairs[0] as BuildPair)).toEqual({ wall: 3, cpu: 4, peakRss: 2 });
    expect(toPairRatios({ bare: run(10, null, null), huntbook: run(25, 5, 5) })).toEqual({
      wall: 2.5,
      cpu: null,
      peakRss: null,
    });
  });

  test("toRatios divides the first build's figures by the second's", () => {
    expect(toRatios(run(30, 15, 600), run(40, 60, 800))).toEqual({ wall: 0.75, cpu: 0.25, peakRss: 0.75 });
  });

  test.each([
    [[3.1, 2.8, 3.4], { median: 3.1, min: 2.8, max: 3.4 }],
    [[4, 1, 3, 2], { median: 2.5, min: 1, max: 4 }],
    [[2, null, 6], { median: 4, min: 2, max: 6 }],
    [[5], { median: 5, min: 5, max: 5 }],
    [[null], null],
    [[], null],
  ])('summarizeRatios(%j) is %j', (values, expected) => {
    expect(summarizeRatios(values)).toEqual(expected);
  });
});

describe('report', () => {
  test("a pair's table shows both builds and the ratio row", () => {
    const lines = formatPairTable(2, pairs[1] as BuildPair);
    expect(lines[0]).toBe('Pair 2');
    expect(lines[2]).toMatch(/^ {2}Bare Astro site +20\.00 +10\.00 +500\.0$/);
    expect(lines[3]).toMatch(/^ {2}Huntbook +50\.00 +30\.00 +750\.0$/);
    expect(lines[4]).toMatch(/^ {2}Huntbook \/ bare +2\.50× +3\.00× +1\.50×$/);
  });

  test('the summary gives the median and range of each ratio over the pairs', () => {
    expect(formatRatioSummary(pairs)).toEqual([
      'Huntbook / bare over 3 pairs (median, range)',
      '  Wall: 3.00× (2.50×–4.00×)',
      '  CPU: 4.00× (3.00×–5.00×)',
      '  Peak RSS: 2.00× (1.50×–2.00×)',
    ]);
  });

  test('the JSON line holds every pair and the ratio summaries', () => {
    const json = JSON.parse(toPairJson(5000, 15070, 5001, pairs));
    expect(json).toMatchObject({ rules: 5000, pages: 15070, barePages: 5001 });
    expect(json.pairs).toHaveLength(3);
    expect(json.pairs[0]).toEqual({
      bare: { seconds: 10, cpuSeconds: 8, peakRssMB: 500 },
      huntbook: { seconds: 30, cpuSeconds: 32, peakRssMB: 1000 },
    });
    expect(json.wallRatio).toEqual({ median: 3, min: 2.5, max: 4 });
    expect(json.cpuRatio).toEqual({ median: 4, min: 3, max: 5 });
    expect(json.peakRssRatio).toEqual({ median: 2, min: 1.5, max: 2 });
  });

  test('with a ref build the table shows it between the bare site and this tree, and both ratios', () => {
    const lines = formatPairTable(1, refPairs()[0] as BuildPair, against);
    expect(lines.slice(2).map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      'Bare Astro site',
      'Huntbook at 54866bf',
      'Huntbook',
      'Huntbook / bare',
      'Huntbook / 54866bf',
      '54866bf / bare',
    ]);
    expect(lines[6]).toMatch(/^ {2}Huntbook \/ 54866bf +0\.75× +0\.80× +1\.00×$/);
    expect(lines[7]).toMatch(/^ {2}54866bf \/ bare +4\.00× +5\.00× +2\.00×$/);
  });

  test('with ref builds the summary leads with this tree over the ref, then over the bare site', () => {
    expect(formatRatioSummary(refPairs(), against)).toEqual([
      'Huntbook / 54866bf (main~1) over 3 pairs (median, range)',
      '  Wall: 0.80× (0.75×–0.83×)',
      '  CPU: 0.75× (0.50×–0.80×)',
      '  Peak RSS: 1.00× (0.75×–1.00×)',
      'Huntbook / bare over 3 pairs (median, range)',
      '  Wall: 3.00× (2.50×–4.00×)',
      '  CPU: 4.00× (3.00×–5.00×)',
      '  Peak RSS: 2.00× (1.50×–2.00×)',
      '54866bf / bare over 3 pairs (median, range)',
      '  Wall: 4.00× (3.00×–5.00×)',
      '  CPU: 5.00× (4.00×–10.00×)',
      '  Peak RSS: 2.00× (2.00×–2.00×)',
    ]);
  });

  test('with ref builds the JSON line holds them and the ratios over the ref; without, it has no against', () => {
    const json = JSON.parse(toPairJson(5000, 5042, 5001, refPairs(), { ...against, pages: 5040 }));
    expect(json.pairs[0]).toEqual({
      bare: { seconds: 10, cpuSeconds: 8, peakRssMB: 500 },
      ref: { seconds: 40, cpuSeconds: 40, peakRssMB: 1000 },
      huntbook: { seconds: 30, cpuSeconds: 32, peakRssMB: 1000 },
    });
    expect(json.wallRatio).toEqual({ median: 3, min: 2.5, max: 4 });
    expect(json.against).toEqual({
      ref: 'main~1',
      commit: against.commit,
      pages: 5040,
      wallRatio: { median: 0.8, min: 0.75, max: 0.83 },
      cpuRatio: { median: 0.75, min: 0.5, max: 0.8 },
      peakRssRatio: { median: 1, min: 0.75, max: 1 },
      refOverBare: {
        wallRatio: { median: 4, min: 3, max: 5 },
        cpuRatio: { median: 5, min: 4, max: 10 },
        peakRssRatio: { median: 2, min: 2, max: 2 },
      },
    });
    expect(JSON.parse(toPairJson(5000, 5042, 5001, pairs)).against).toBeUndefined();
  });
});

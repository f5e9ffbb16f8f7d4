import type { BuildRun } from './build-run.ts';

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const toMegabytes = (bytes: number) => round(bytes / (1024 * 1024), 1);

/** One pair of the pair mode: the bare Astro site's build and Huntbook's, of the same corpus, back to back. */
export interface BuildPair {
  bare: BuildRun;
  huntbook: BuildRun;
}

/** Huntbook's figure over the bare site's, per measure; null where either side has none. */
export interface PairRatios {
  wall: number;
  cpu: number | null;
  peakRss: number | null;
}

/** The middle and the ends of a set of ratios. */
export interface RatioSummary {
  median: number;
  min: number;
  max: number;
}

/**
 * @example ratioOf(30, 10) // → 3
 * @example ratioOf(30, null) // → null
 */
export function ratioOf(numerator: number | null, denominator: number | null): number | null {
  if (numerator === null || denominator === null || denominator <= 0) return null;
  return numerator / denominator;
}

/** @example toPairRatios({bare: {seconds: 10, cpuSeconds: 12, …}, huntbook: {seconds: 30, cpuSeconds: 48, …}}) // → {wall: 3, cpu: 4, …} */
export function toPairRatios(pair: BuildPair): PairRatios {
  return {
    wall: pair.huntbook.seconds / pair.bare.seconds,
    cpu: ratioOf(pair.huntbook.cpuSeconds, pair.bare.cpuSeconds),
    peakRss: ratioOf(pair.huntbook.peakRssBytes, pair.bare.peakRssBytes),
  };
}

/**
 * The median (the mean of the middle two for an even count) and the range; null for no values.
 * @example summarizeRatios([3.1, 2.8, 3.4]) // → {median: 3.1, min: 2.8, max: 3.4}
 */
export function summarizeRatios(values: readonly (number | null)[]): RatioSummary | null {
  const known = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const middle = Math.floor(known.length / 2);
  const median =
    known.length % 2 === 1
      ? (known[middle] as number)
      : ((known[middle - 1] as number) + (known[middle] as number)) / 2;
  return { median, min: known[0] as number, max: known[known.length - 1] as number };
}

const formatSeconds = (seconds: number | null) => (seconds === null ? 'n/a' : seconds.toFixed(2));
const formatMegabytes = (bytes: number | null) => (bytes === null ? 'n/a' : toMegabytes(bytes).toFixed(1));
const formatRatio = (ratio: number | null) => (ratio === null ? 'n/a' : `${ratio.toFixed(2)}×`);

/**
 * One pair's table: wall time, CPU time and peak memory of each build, and Huntbook's over the bare site's.
 * @example formatPairTable(1, pair) // → ['Pair 1', '  Build  Wall s  CPU s  Peak RSS MB', '  Bare Astro site  …', '  Huntbook  …', '  Huntbook / bare  2.90×  …']
 */
export function formatPairTable(number: number, pair: BuildPair): string[] {
  const ratios = toPairRatios(pair);
  const rows = [
    ['Build', 'Wall s', 'CPU s', 'Peak RSS MB'],
    ...(
      [
        ['Bare Astro site', pair.bare],
        ['Huntbook', pair.huntbook],
      ] as const
    ).map(([label, run]) => [
      label,
      formatSeconds(run.seconds),
      formatSeconds(run.cpuSeconds),
      formatMegabytes(run.peakRssBytes),
    ]),
    ['Huntbook / bare', formatRatio(ratios.wall), formatRatio(ratios.cpu), formatRatio(ratios.peakRss)],
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  const format = (row: string[]) =>
    `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number))).join('  ')}`;
  return [`Pair ${number}`, ...rows.map(format)];
}

/**
 * The ratios over all pairs: median and range per measure.
 * @example formatRatioSummary(pairs) // → ['Huntbook / bare over 3 pairs (median, range)', '  Wall: 2.90× (2.80×–3.10×)', …]
 */
export function formatRatioSummary(pairs: readonly BuildPair[]): string[] {
  const ratios = pairs.map(toPairRatios);
  const line = (label: string, summary: RatioSummary | null) =>
    `  ${label}: ${summary === null ? 'n/a' : `${formatRatio(summary.median)} (${formatRatio(summary.min)}–${formatRatio(summary.max)})`}`;
  return [
    `Huntbook / bare over ${pairs.length} pair${pairs.length === 1 ? '' : 's'} (median, range)`,
    line('Wall', summarizeRatios(ratios.map((ratio) => ratio.wall))),
    line('CPU', summarizeRatios(ratios.map((ratio) => ratio.cpu))),
    line('Peak RSS', summarizeRatios(ratios.map((ratio) => ratio.peakRss))),
  ];
}

const toRoundedSummary = (summary: RatioSummary | null) =>
  summary === null ? null : { median: round(summary.median), min: round(summary.min), max: round(summary.max) };

const toRunJson = (run: BuildRun) => ({
  seconds: round(run.seconds),
  cpuSeconds: run.cpuSeconds === null ? null : round(run.cpuSeconds),
  peakRssMB: run.peakRssBytes === null ? null : toMegabytes(run.peakRssBytes),
});

/**
 * The pair mode's one JSON line: every pair's figures and the ratios' medians and ranges.
 * @example toPairJson(5000, 5042, 5001, pairs) // → '{"rules":5000,"pages":5042,"barePages":5001,"pairs":[{"bare":{…},"huntbook":{…}}],"wallRatio":{"median":2.9,…},…}'
 */
export function toPairJson(rules: number, pages: number, barePages: number, pairs: readonly BuildPair[]): string {
  const ratios = pairs.map(toPairRatios);
  return JSON.stringify({
    rules,
    pages,
    barePages,
    pairs: pairs.map((pair) => ({ bare: toRunJson(pair.bare), huntbook: toRunJson(pair.huntbook) })),
    wallRatio: toRoundedSummary(summarizeRatios(ratios.map((ratio) => ratio.wall))),
    cpuRatio: toRoundedSummary(summarizeRatios(ratios.map((ratio) => ratio.cpu))),
    peakRssRatio: toRoundedSummary(summarizeRatios(ratios.map((ratio) => ratio.peakRss))),
  });
}

import type { BuildRun } from './build-run.ts';

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const toMegabytes = (bytes: number) => round(bytes / (1024 * 1024), 1);

/** One pair of the pair mode: the bare Astro site's build and Huntbook's, of the same corpus, back to back. */
export interface BuildPair {
  bare: BuildRun;
  huntbook: BuildRun;
  /** With --against: Huntbook's build at the ref, between the two. */
  ref?: BuildRun;
}

/** The --against ref as the report names it. */
export interface AgainstRef {
  /** As given on the command line. */
  ref: string;
  commit: string;
  short: string;
}

/** One build's figure over another's, per measure; null where either side has none. */
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

/** @example toRatios({seconds: 30, cpuSeconds: 48, …}, {seconds: 10, cpuSeconds: 12, …}) // → {wall: 3, cpu: 4, …} */
export function toRatios(numerator: BuildRun, denominator: BuildRun): PairRatios {
  return {
    wall: numerator.seconds / denominator.seconds,
    cpu: ratioOf(numerator.cpuSeconds, denominator.cpuSeconds),
    peakRss: ratioOf(numerator.peakRssBytes, denominator.peakRssBytes),
  };
}

/** Huntbook's figures over the bare site's. */
export const toPairRatios = (pair: BuildPair): PairRatios => toRatios(pair.huntbook, pair.bare);

/** The pairs that have a ref build, typed so that their ref is there. */
const withRef = (pairs: readonly BuildPair[]) =>
  pairs.flatMap((pair) => (pair.ref === undefined ? [] : [{ ...pair, ref: pair.ref }]));

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
 * One pair's table: wall time, CPU time and peak memory of each build, and Huntbook's over the
 * bare site's; with a ref build also Huntbook's over the ref's and the ref's over the bare site's.
 * @example formatPairTable(1, pair) // → ['Pair 1', '  Build  Wall s  CPU s  Peak RSS MB', '  Bare Astro site  …', '  Huntbook  …', '  Huntbook / bare  2.90×  …']
 */
export function formatPairTable(number: number, pair: BuildPair, against?: AgainstRef): string[] {
  const builds: [string, BuildRun][] = [['Bare Astro site', pair.bare]];
  const ratios: [string, PairRatios][] = [['Huntbook / bare', toPairRatios(pair)]];
  if (pair.ref !== undefined) {
    const name = against?.short ?? 'ref';
    builds.push([`Huntbook at ${name}`, pair.ref]);
    ratios.push(
      [`Huntbook / ${name}`, toRatios(pair.huntbook, pair.ref)],
      [`${name} / bare`, toRatios(pair.ref, pair.bare)],
    );
  }
  builds.push(['Huntbook', pair.huntbook]);
  const rows = [
    ['Build', 'Wall s', 'CPU s', 'Peak RSS MB'],
    ...builds.map(([label, run]) => [
      label,
      formatSeconds(run.seconds),
      formatSeconds(run.cpuSeconds),
      formatMegabytes(run.peakRssBytes),
    ]),
    ...ratios.map(([label, ratio]) => [
      label,
      formatRatio(ratio.wall),
      formatRatio(ratio.cpu),
      formatRatio(ratio.peakRss),
    ]),
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  const format = (row: string[]) =>
    `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number))).join('  ')}`;
  return [`Pair ${number}`, ...rows.map(format)];
}

/**
 * The ratios over all pairs: median and range per measure, for Huntbook over the bare site and,
 * with ref builds, for Huntbook over the ref and the ref over the bare site.
 * @example formatRatioSummary(pairs) // → ['Huntbook / bare over 3 pairs (median, range)', '  Wall: 2.90× (2.80×–3.10×)', …]
 */
export function formatRatioSummary(pairs: readonly BuildPair[], against?: AgainstRef): string[] {
  const lines = formatRatioBlock('Huntbook / bare', pairs.map(toPairRatios));
  const refPairs = withRef(pairs);
  if (refPairs.length === 0) return lines;
  const name = against?.short ?? 'ref';
  return [
    ...formatRatioBlock(
      `Huntbook / ${name}${against && against.ref !== name ? ` (${against.ref})` : ''}`,
      refPairs.map((pair) => toRatios(pair.huntbook, pair.ref)),
    ),
    ...lines,
    ...formatRatioBlock(
      `${name} / bare`,
      refPairs.map((pair) => toRatios(pair.ref, pair.bare)),
    ),
  ];
}

function formatRatioBlock(title: string, ratios: readonly PairRatios[]): string[] {
  const line = (label: string, summary: RatioSummary | null) =>
    `  ${label}: ${summary === null ? 'n/a' : `${formatRatio(summary.median)} (${formatRatio(summary.min)}–${formatRatio(summary.max)})`}`;
  return [
    `${title} over ${ratios.length} pair${ratios.length === 1 ? '' : 's'} (median, range)`,
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

/** The medians and ranges of a set of ratios, rounded for the JSON line. */
const toRatioJson = (ratios: readonly PairRatios[]) => ({
  wallRatio: toRoundedSummary(summarizeRatios(ratios.map((ratio) => ratio.wall))),
  cpuRatio: toRoundedSummary(summarizeRatios(ratios.map((ratio) => ratio.cpu))),
  peakRssRatio: toRoundedSummary(summarizeRatios(ratios.map((ratio) => ratio.peakRss))),
});

/**
 * The pair mode's one JSON line: every pair's figures and the ratios' medians and ranges; with
 * --against also `against`, the ref, its page count and Huntbook's ratios over it (and its over the bare site).
 * @example toPairJson(5000, 5042, 5001, pairs) // → '{"rules":5000,"pages":5042,"barePages":5001,"pairs":[{"bare":{…},"huntbook":{…}}],"wallRatio":{"median":2.9,…},…}'
 */
export function toPairJson(
  rules: number,
  pages: number,
  barePages: number,
  pairs: readonly BuildPair[],
  against?: AgainstRef & { pages: number },
): string {
  const refPairs = withRef(pairs);
  return JSON.stringify({
    rules,
    pages,
    barePages,
    pairs: pairs.map((pair) => ({
      bare: toRunJson(pair.bare),
      ...(pair.ref === undefined ? {} : { ref: toRunJson(pair.ref) }),
      huntbook: toRunJson(pair.huntbook),
    })),
    ...toRatioJson(pairs.map(toPairRatios)),
    ...(against === undefined || refPairs.length === 0
      ? {}
      : {
          against: {
            ref: against.ref,
            commit: against.commit,
            pages: against.pages,
            ...toRatioJson(refPairs.map((pair) => toRatios(pair.huntbook, pair.ref))),
            refOverBare: toRatioJson(refPairs.map((pair) => toRatios(pair.ref, pair.bare))),
          },
        }),
  });
}

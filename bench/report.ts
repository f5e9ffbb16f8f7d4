import { measurePhases, PHASES } from './build-log.ts';
import type { BuildRun } from './build-run.ts';

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const toMegabytes = (bytes: number) => round(bytes / (1024 * 1024), 1);

/**
 * The phase table of one build, with the phases the log never showed marked `not seen`.
 * @example formatPhaseTable('Cold build', cold) // → ['Cold build', '  Phase  Start s  Seconds  Log says', '  Content sync  …', …, '  Whole build (wall)  0.00  …  -']
 */
export function formatPhaseTable(title: string, build: BuildRun): string[] {
  const phases = measurePhases(build.lines);
  const rows = [
    ['Phase', 'Start s', 'Seconds', 'Log says'],
    ...phases.map((phase) => [
      phase.label,
      phase.startSeconds.toFixed(2),
      phase.seconds.toFixed(2),
      phase.reported ?? '-',
    ]),
    ...PHASES.filter((spec) => !phases.some((phase) => phase.phase === spec.phase)).map((spec) => [
      spec.label,
      '-',
      '-',
      'not seen',
    ]),
    ['Whole build (wall)', '0.00', build.seconds.toFixed(2), '-'],
  ];
  const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  const format = (row: string[]) =>
    `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number))).join('  ')}`;
  return [title, ...rows.map(format)];
}

/**
 * The line under a phase table.
 * @example formatBuildSummary(68, cold) // → '  Pages: 68   Pages/s: …   Peak RSS (process tree): … MB'
 */
export function formatBuildSummary(pages: number, build: BuildRun): string {
  const rss = build.peakRssBytes === null ? 'n/a' : `${toMegabytes(build.peakRssBytes)} MB`;
  return `  Pages: ${pages}   Pages/s: ${(pages / build.seconds).toFixed(1)}   Peak RSS (process tree): ${rss}`;
}

/**
 * Where the peak memory was: its time and each process's share, largest first, processes of
 * the same script together.
 * @example formatPeakLine(cold) // → '  At the peak (14.2 s): huntbook.mjs 482.1 MB, query-worker.ts 190.3 + 174.8 MB, npm 61.0 MB, sh 1.6 MB'
 */
export function formatPeakLine(build: BuildRun): string | undefined {
  if (!build.peakAt) return undefined;
  const byLabel = new Map<string, number[]>();
  for (const { label, rssBytes } of build.peakAt.processes)
    byLabel.set(label, [...(byLabel.get(label) ?? []), rssBytes]);
  const total = (sizes: number[]) => sizes.reduce((sum, size) => sum + size, 0);
  const parts = [...byLabel]
    .sort((a, b) => total(b[1]) - total(a[1]))
    .map(([label, sizes]) => `${label} ${sizes.map((size) => toMegabytes(size).toFixed(1)).join(' + ')} MB`);
  return `  At the peak (${build.peakAt.seconds.toFixed(1)} s): ${parts.join(', ')}`;
}

/** The larger peak of the runs, or null without /proc. */
function toPeakMegabytes(...runs: BuildRun[]): number | null {
  const peaks = runs.flatMap((run) => (run.peakRssBytes === null ? [] : [run.peakRssBytes]));
  return peaks.length === 0 ? null : toMegabytes(Math.max(...peaks));
}

function phaseSeconds(build: BuildRun, phase: string): number | null {
  const found = measurePhases(build.lines).find((result) => result.phase === phase);
  return found ? round(found.seconds) : null;
}

/** The two `huntbook check` runs: with an empty cache, then again with the cache the first one filled. */
export interface CheckRuns {
  cold: BuildRun;
  warm: BuildRun;
}

/**
 * A check run's line: its time, its peak memory and what it found (from its JSON report).
 * @example formatCheckLine('Check, cold cache', run) // → '  Check, cold cache: 9.80 s   Peak RSS (process tree): 612.3 MB   A build would publish 5000 rules from 5000 files: no warnings'
 */
export function formatCheckLine(title: string, run: BuildRun): string {
  const rss = run.peakRssBytes === null ? 'n/a' : `${toMegabytes(run.peakRssBytes)} MB`;
  return `  ${title}: ${run.seconds.toFixed(2)} s   Peak RSS (process tree): ${rss}   ${readCheckSummary(run) ?? 'no report'}`;
}

/** The closing line of a check's JSON report, which its output holds from the first `{` line to the last `}` line. */
function readCheckSummary(run: BuildRun): string | undefined {
  const texts = run.lines.map((line) => line.text);
  const start = texts.indexOf('{');
  const end = texts.lastIndexOf('}');
  if (start < 0 || end < start) return undefined;
  try {
    return (JSON.parse(texts.slice(start, end + 1).join('\n')) as { summary: { text: string } }).summary.text;
  } catch {
    return undefined;
  }
}

/**
 * The machine-readable result: the one JSON line the bench prints last.
 * @example toResultJson(20, 68, cold) // → '{"rules":20,"pages":68,"seconds":…,"contentSeconds":…,"renderSeconds":…,"indexSeconds":…,"peakRssMB":…}'
 */
export function toResultJson(
  rules: number,
  pages: number,
  cold: BuildRun,
  rebuild?: BuildRun,
  checks?: CheckRuns,
  /** Further figures, such as the indicator lookup's. */
  extra: Readonly<Record<string, number>> = {},
): string {
  return JSON.stringify({
    rules,
    pages,
    seconds: round(cold.seconds),
    contentSeconds: phaseSeconds(cold, 'content'),
    renderSeconds: phaseSeconds(cold, 'render'),
    indexSeconds: phaseSeconds(cold, 'index'),
    peakRssMB: cold.peakRssBytes === null ? null : toMegabytes(cold.peakRssBytes),
    ...(rebuild ? { rebuildSeconds: round(rebuild.seconds) } : {}),
    ...(checks
      ? {
          checkColdSeconds: round(checks.cold.seconds),
          checkWarmSeconds: round(checks.warm.seconds),
          checkPeakRssMB: toPeakMegabytes(checks.cold, checks.warm),
        }
      : {}),
    ...extra,
  });
}

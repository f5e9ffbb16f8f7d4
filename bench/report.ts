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

function phaseSeconds(build: BuildRun, phase: string): number | null {
  const found = measurePhases(build.lines).find((result) => result.phase === phase);
  return found ? round(found.seconds) : null;
}

/**
 * The machine-readable result: the one JSON line the bench prints last.
 * @example toResultJson(20, 68, cold) // → '{"rules":20,"pages":68,"seconds":…,"contentSeconds":…,"renderSeconds":…,"indexSeconds":…,"peakRssMB":…}'
 */
export function toResultJson(rules: number, pages: number, cold: BuildRun, rebuild?: BuildRun): string {
  return JSON.stringify({
    rules,
    pages,
    seconds: round(cold.seconds),
    contentSeconds: phaseSeconds(cold, 'content'),
    renderSeconds: phaseSeconds(cold, 'render'),
    indexSeconds: phaseSeconds(cold, 'index'),
    peakRssMB: cold.peakRssBytes === null ? null : toMegabytes(cold.peakRssBytes),
    ...(rebuild ? { rebuildSeconds: round(rebuild.seconds) } : {}),
  });
}

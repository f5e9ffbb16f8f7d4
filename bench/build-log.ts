/** Durations as Astro (`211ms`, `1.29s`, `1m 12s`) and Pagefind (`0.039 seconds`) print them. */
const REPORTED_DURATION_RE = /\bin ((?:\d+m )?[\d.]+)\s*(ms|s|seconds?)\b/;

/** One phase of the build, found in its log: from the first `start` line to the next `end` line. */
export interface PhaseSpec {
  phase: string;
  label: string;
  /** `'launch'` starts the phase when the build process starts. */
  start: RegExp | 'launch';
  end: RegExp;
}

/** Build phases, in log order; a new build step needs one more line here. */
export const PHASES: readonly PhaseSpec[] = [
  { phase: 'content', label: 'Content sync', start: /\[content\] Syncing content/, end: /\[content\] Synced content/ },
  {
    phase: 'bundle',
    label: 'Bundling',
    start: /\[build\] Building static entrypoints/,
    end: /\[build\] Rearranging server assets/,
  },
  { phase: 'render', label: 'Page rendering', start: /generating static routes/, end: /✓ Completed in/ },
  { phase: 'astro', label: 'Astro build (from launch)', start: 'launch', end: /\[build\] \d+ page\(s\) built in/ },
  // The project's index step prints `[search] …`; the Pagefind CLI prints `Running Pagefind` … `Finished in`.
  {
    phase: 'index',
    label: 'Search indexing',
    start: /\[search\] Indexing |\bRunning Pagefind\b/,
    end: /\[search\] Indexed \d+ pages|^Finished in [\d.]+ seconds?/,
  },
];

/** A line of build output and when it arrived, in milliseconds after the build started. */
export interface LogLine {
  at: number;
  text: string;
}

export interface PhaseResult {
  phase: string;
  label: string;
  /** Seconds after launch when the phase began. */
  startSeconds: number;
  seconds: number;
  /** The duration the log itself printed on the end line, when it printed one. */
  reported?: string;
}

/**
 * Times each phase by when its start and end lines arrived; the log's own clock is only
 * shown next to it. Phases whose lines never appear are left out.
 */
export function measurePhases(lines: readonly LogLine[], specs: readonly PhaseSpec[] = PHASES): PhaseResult[] {
  const results: PhaseResult[] = [];
  for (const spec of specs) {
    const startIndex = spec.start === 'launch' ? -1 : findLine(lines, spec.start, 0);
    if (startIndex === undefined) continue;
    const endIndex = findLine(lines, spec.end, startIndex + 1);
    if (endIndex === undefined) continue;
    const startAt = startIndex === -1 ? 0 : (lines[startIndex] as LogLine).at;
    const end = lines[endIndex] as LogLine;
    const reported = REPORTED_DURATION_RE.exec(end.text);
    results.push({
      phase: spec.phase,
      label: spec.label,
      startSeconds: startAt / 1000,
      seconds: (end.at - startAt) / 1000,
      ...(reported ? { reported: `${reported[1]}${reported[2]?.startsWith('s') ? 's' : 'ms'}` } : {}),
    });
  }
  return results;
}

function findLine(lines: readonly LogLine[], pattern: RegExp, from: number): number | undefined {
  for (let index = from; index < lines.length; index++) if (pattern.test((lines[index] as LogLine).text)) return index;
  return undefined;
}

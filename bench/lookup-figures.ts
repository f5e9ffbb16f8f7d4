/**
 * The indicator lookup's budgets, measured on a built site: its index against Pagefind's, and
 * how long a lookup takes. Pure: the file reading is in lookup-figures-fs.ts.
 */

/** Pagefind's index files (word index, fragments, filters, metadata), not its scripts or styles. */
const PAGEFIND_INDEX_FILE_RE = /\.pf_(?:index|fragment|filter|meta)$/;

/** The share of Pagefind's index size the lookup may take. */
export const LOOKUP_SIZE_BUDGET = 0.1;
/** The slowest lookup may take this many milliseconds. */
export const LOOKUP_TIME_BUDGET_MS = 50;

export interface LookupFigures {
  lookupBytes: number;
  pagefindIndexBytes: number;
  shards: number;
  /** Each benchmark query with its median time, shard reading included, and what it found. */
  lookups: { query: string; milliseconds: number; rules: number; tools: number }[];
}

/**
 * Whether a file under the Pagefind folder is part of its index.
 * @example isPagefindIndexFile('pagefind/fragment/en_1a2b.pf_fragment') // → true
 */
export function isPagefindIndexFile(path: string): boolean {
  return PAGEFIND_INDEX_FILE_RE.test(path);
}

/**
 * The report lines: sizes with their ratio, and the slowest lookup, each against its budget.
 * @example formatLookupLines({ lookupBytes: 50_000, pagefindIndexBytes: 1_000_000, shards: 1, lookups: [{ query: 'a.com', milliseconds: 2, rules: 1, tools: 0 }] })
 *   // → ['Lookup index 48.8 KiB in 1 shard, 5.0% of Pagefind's index (976.6 KiB); budget 10%: ok', …]
 */
export function formatLookupLines(figures: LookupFigures): string[] {
  const share = figures.pagefindIndexBytes === 0 ? 0 : figures.lookupBytes / figures.pagefindIndexBytes;
  const slowest = [...figures.lookups].sort((a, b) => b.milliseconds - a.milliseconds)[0];
  const lines = [
    `Lookup index ${formatKib(figures.lookupBytes)} in ${figures.shards} shard${figures.shards === 1 ? '' : 's'}, ${(share * 100).toFixed(1)}% of Pagefind's index (${formatKib(figures.pagefindIndexBytes)}); budget ${LOOKUP_SIZE_BUDGET * 100}%: ${share <= LOOKUP_SIZE_BUDGET ? 'ok' : 'OVER'}`,
  ];
  if (slowest) {
    lines.push(
      `Slowest lookup ${slowest.milliseconds.toFixed(1)} ms (${slowest.query}) of ${figures.lookups.length}; budget ${LOOKUP_TIME_BUDGET_MS} ms: ${slowest.milliseconds <= LOOKUP_TIME_BUDGET_MS ? 'ok' : 'OVER'}`,
    );
  }
  return lines;
}

/**
 * The figures for the benchmark's JSON line.
 * @example toLookupJson(figures) // → { lookupKB: 48.8, pagefindIndexKB: 976.6, lookupShare: 0.05, slowestLookupMs: 2 }
 */
export function toLookupJson(figures: LookupFigures): Record<string, number> {
  const slowest = Math.max(0, ...figures.lookups.map((lookup) => lookup.milliseconds));
  return {
    lookupKB: round(figures.lookupBytes / 1024),
    pagefindIndexKB: round(figures.pagefindIndexBytes / 1024),
    lookupShare: figures.pagefindIndexBytes === 0 ? 0 : round(figures.lookupBytes / figures.pagefindIndexBytes, 3),
    slowestLookupMs: round(slowest),
  };
}

function formatKib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

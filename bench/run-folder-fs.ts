import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { BenchOptions } from './bench-args.ts';

/** The project the benchmark builds; `npm run build` runs here. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '..');
/** Runs live inside the project: Astro keeps prerender chunks beside outDir only then. */
export const BENCH_ROOT = join(PROJECT_ROOT, '.huntbook', 'bench');
/** Marks a folder as a benchmark run, so a mistyped --out never deletes someone's work. */
const RUN_MARKER = '.huntbook-bench';

const DESCRIPTION_BLOCK_RE = /^description: \|(\r?\n)/m;

/** The folders of one benchmark run: the generated corpus, the built site and the build cache. */
export interface RunDirs {
  run: string;
  corpus: string;
  site: string;
  cache: string;
  /** The build cache of the `huntbook check` runs, apart from the build's so the first check is cold. */
  checkCache: string;
}

/**
 * The run folder is `--out`, or one per mode, shape, size and seed under `.huntbook/bench/`.
 * @example resolveRunDirs({rules: 20, seed: 1, keep: false, rebuild: false, check: false, shape: 'mixed'}).corpus // → '<project>/.huntbook/bench/20-1/corpus'
 */
export function resolveRunDirs(options: BenchOptions): RunDirs {
  const name = [
    ...(options.pairs === undefined ? [] : ['pair']),
    ...(options.shape === 'mixed' ? [] : [options.shape]),
    options.rules,
    options.seed,
  ].join('-');
  const run = options.out ? resolve(options.out) : join(BENCH_ROOT, name);
  return {
    run,
    corpus: join(run, 'corpus'),
    site: join(run, 'site'),
    cache: join(run, 'cache'),
    checkCache: join(run, 'check-cache'),
  };
}

/**
 * The output and cache folders of the --against tree's builds, beside this tree's in the run
 * folder, on the same corpus, so neither build can read what the other wrote.
 * @example toRefDirs(dirs).cache // → '<project>/.huntbook/bench/pair-anchor-5000-1/ref-cache'
 */
export function toRefDirs(dirs: RunDirs): RunDirs {
  return {
    ...dirs,
    site: join(dirs.run, 'ref-site'),
    cache: join(dirs.run, 'ref-cache'),
    checkCache: join(dirs.run, 'ref-check-cache'),
  };
}

/** Empties the run folder for a cold build, refusing folders that are not benchmark runs. */
export function prepareRunDir(run: string): void {
  if (existsSync(run) && readdirSync(run).length > 0 && !existsSync(join(run, RUN_MARKER))) {
    throw new Error(`${run} exists and is not a benchmark folder; choose an empty or new folder for --out`);
  }
  rmSync(run, { recursive: true, force: true });
  mkdirSync(run, { recursive: true });
  writeFileSync(join(run, RUN_MARKER), 'Benchmark run folder; removed by the next run.\n');
}

/** @example isInsideProject('/tmp/run') // → false */
export function isInsideProject(path: string): boolean {
  const rel = relative(PROJECT_ROOT, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Counts the pages of the built site: every `index.html`. */
export function countPages(dir: string): number {
  let pages = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'index.html') pages++;
  }
  return pages;
}

/** Adds a line to a rule's description, the smallest edit an author makes. */
export function reviseDescription(file: string): void {
  const text = readFileSync(file, 'utf8');
  const match = DESCRIPTION_BLOCK_RE.exec(text);
  if (!match) throw new Error(`${file} has no "description: |" block to edit`);
  const newline = match[1] as string;
  const revised = text.replace(
    DESCRIPTION_BLOCK_RE,
    `${match[0]}  Revised ${new Date().toISOString()}: scope narrowed to managed devices.${newline}`,
  );
  writeFileSync(file, revised);
}

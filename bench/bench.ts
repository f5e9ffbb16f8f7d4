import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { isRunDirectly, type ParsedArgs, takeOptions } from '../src/cli/run-directly.ts';
import { generateCorpus } from './corpus.ts';

/**
 * Benchmarks the production build against a generated corpus: generates N rules, runs
 * `npm run build` on them and reports wall time, per-phase times read from the build log,
 * page count and the peak memory of the whole build process tree.
 * Usage: node bench/bench.ts [--rules N] [--seed S] [--keep] [--rebuild] [--out DIR]
 */

export const USAGE = 'Usage: node bench/bench.ts [--rules N] [--seed S] [--keep] [--rebuild] [--out DIR]';

const PROJECT_ROOT = resolve(import.meta.dirname, '..');
/** Runs live inside the project: Astro keeps prerender chunks beside outDir only then. */
const BENCH_ROOT = join(PROJECT_ROOT, '.huntbook', 'bench');
/** Marks a folder as a benchmark run, so a mistyped --out never deletes someone's work. */
const RUN_MARKER = '.huntbook-bench';
const RSS_POLL_MS = 50;

const POSITIVE_INTEGER_RE = /^[1-9]\d*$/;
const INTEGER_RE = /^\d+$/;
const LINE_BREAK_RE = /\r\n|\r|\n/;
/** Durations as Astro (`211ms`, `1.29s`, `1m 12s`) and Pagefind (`0.039 seconds`) print them. */
const REPORTED_DURATION_RE = /\bin ((?:\d+m )?[\d.]+)\s*(ms|s|seconds?)\b/;
const VM_RSS_RE = /^VmRSS:\s+(\d+)\s+kB/m;
const DESCRIPTION_BLOCK_RE = /^description: \|(\r?\n)/m;

export interface BenchOptions {
  rules: number;
  seed: number;
  keep: boolean;
  rebuild: boolean;
  /** Folder for the run's corpus, site and cache; defaults to `.huntbook/bench/<N>-<seed>`. */
  out?: string;
}

export type ParsedBenchArgs = ParsedArgs<BenchOptions>;

/**
 * Reads the command line into options without touching the file system.
 * @example parseBenchArgs(['--rules', '5000', '--rebuild']) // → {kind: 'run', options: {rules: 5000, seed: 1, keep: false, rebuild: true}}
 */
export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
  let values: ReturnType<typeof readArgValues>;
  try {
    values = readArgValues(argv);
  } catch (cause) {
    return { kind: 'error', message: cause instanceof Error ? cause.message : String(cause) };
  }
  if (values.help) return { kind: 'help' };
  if (!POSITIVE_INTEGER_RE.test(values.rules))
    return { kind: 'error', message: `--rules needs a positive whole number, got "${values.rules}"` };
  if (!INTEGER_RE.test(values.seed))
    return { kind: 'error', message: `--seed needs a whole number, got "${values.seed}"` };
  if (values.out !== undefined && values.out.trim() === '') return { kind: 'error', message: '--out needs a folder' };
  return {
    kind: 'run',
    options: {
      rules: Number(values.rules),
      seed: Number(values.seed),
      keep: values.keep,
      rebuild: values.rebuild,
      ...(values.out === undefined ? {} : { out: values.out }),
    },
  };
}

function readArgValues(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    options: {
      rules: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
}

// ---------------------------------------------------------------------------------------------
// Phases

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

// ---------------------------------------------------------------------------------------------
// Memory

/**
 * Samples the summed resident memory of a process and all its descendants every 50 ms and
 * keeps the maximum. Shared pages are counted once per process, as `ps` would.
 * Returns null on systems without /proc.
 */
function startRssSampler(rootPid: number): { stop: () => number | null } {
  if (!existsSync('/proc/self/status')) return { stop: () => null };
  const readChildren = chooseChildrenReader();
  let peak = 0;
  const sample = () => {
    const total = listProcessTree(rootPid, readChildren).reduce((sum, pid) => sum + readRssBytes(pid), 0);
    if (total > peak) peak = total;
  };
  sample();
  const timer = setInterval(sample, RSS_POLL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

function listProcessTree(rootPid: number, readChildren: (pid: number) => number[]): number[] {
  const pids = [rootPid];
  for (let index = 0; index < pids.length; index++) pids.push(...readChildren(pids[index] as number));
  return pids;
}

/**
 * The kernel lists each thread's children in /proc/<pid>/task/<tid>/children when built with
 * CONFIG_PROC_CHILDREN; otherwise every process's parent has to be read from /proc/*\/stat.
 */
function chooseChildrenReader(): (pid: number) => number[] {
  if (existsSync(`/proc/${process.pid}/task/${process.pid}/children`)) return readTaskChildren;
  return (pid) => scanParents().get(pid) ?? [];
}

function readTaskChildren(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text !== '') children.push(...text.split(' ').map(Number));
    }
  } catch {
    // The process ended between listing and reading; it has no children any more.
  }
  return children;
}

function scanParents(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!INTEGER_RE.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses; fields resume after the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(parent, [...(byParent.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone already.
    }
  }
  return byParent;
}

function readRssBytes(pid: number): number {
  try {
    const match = VM_RSS_RE.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Build

export interface BuildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: LogLine[];
  seconds: number;
  peakRssBytes: number | null;
}

/** Runs `npm run build` in the project and records every output line as it arrives. */
function runBuild(env: NodeJS.ProcessEnv): Promise<BuildRun> {
  return new Promise((resolveRun, reject) => {
    const launchedAt = performance.now();
    const child = spawn('npm', ['run', 'build'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const sampler = child.pid === undefined ? { stop: () => null } : startRssSampler(child.pid);
    const lines: LogLine[] = [];
    const collectors = [collectLines(child.stdout, launchedAt, lines), collectLines(child.stderr, launchedAt, lines)];
    child.on('error', (error) => {
      sampler.stop();
      reject(error);
    });
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - launchedAt) / 1000;
      const peakRssBytes = sampler.stop();
      for (const flush of collectors) flush();
      resolveRun({ code, signal, lines, seconds, peakRssBytes });
    });
  });
}

/**
 * Splits a stream into lines stamped with their arrival time; returns a function that
 * flushes a last line without a line break.
 */
function collectLines(stream: NodeJS.ReadableStream, launchedAt: number, into: LogLine[]): () => void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const at = performance.now() - launchedAt;
    const parts = (pending + chunk).split(LINE_BREAK_RE);
    pending = parts.pop() ?? '';
    for (const text of parts) into.push({ at, text: stripVTControlCharacters(text) });
  });
  return () => {
    if (pending !== '') into.push({ at: performance.now() - launchedAt, text: stripVTControlCharacters(pending) });
    pending = '';
  };
}

interface RunDirs {
  run: string;
  corpus: string;
  site: string;
  cache: string;
}

function toBuildEnv(dirs: RunDirs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    HUNTBOOK_RULES: join(dirs.corpus, 'rules'),
    HUNTBOOK_RUNBOOKS: join(dirs.corpus, 'runbooks'),
    HUNTBOOK_TOOLS: join(dirs.corpus, 'tools'),
    HUNTBOOK_OUT_DIR: dirs.site,
    HUNTBOOK_CACHE_DIR: dirs.cache,
  };
  // Colour codes would only have to be stripped again.
  delete env.FORCE_COLOR;
  return env;
}

/** Counts the pages of the built site: every `index.html`. */
function countPages(dir: string): number {
  let pages = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name === 'index.html') pages++;
  }
  return pages;
}

/** Adds a line to a rule's description, the smallest edit an author makes. */
function reviseDescription(file: string): void {
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

// ---------------------------------------------------------------------------------------------
// Run folder

function resolveRunDirs(options: BenchOptions): RunDirs {
  const run = options.out ? resolve(options.out) : join(BENCH_ROOT, `${options.rules}-${options.seed}`);
  return { run, corpus: join(run, 'corpus'), site: join(run, 'site'), cache: join(run, 'cache') };
}

/** Empties the run folder for a cold build, refusing folders that are not benchmark runs. */
function prepareRunDir(run: string): void {
  if (existsSync(run) && readdirSync(run).length > 0 && !existsSync(join(run, RUN_MARKER))) {
    throw new Error(`${run} exists and is not a benchmark folder; choose an empty or new folder for --out`);
  }
  rmSync(run, { recursive: true, force: true });
  mkdirSync(run, { recursive: true });
  writeFileSync(join(run, RUN_MARKER), 'Benchmark run folder; removed by the next run.\n');
}

function isInsideProject(path: string): boolean {
  const rel = relative(PROJECT_ROOT, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

// ---------------------------------------------------------------------------------------------
// Report

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const toMegabytes = (bytes: number) => round(bytes / (1024 * 1024), 1);

function formatPhaseTable(title: string, build: BuildRun): string[] {
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

function formatBuildSummary(pages: number, build: BuildRun): string {
  const rss = build.peakRssBytes === null ? 'n/a' : `${toMegabytes(build.peakRssBytes)} MB`;
  return `  Pages: ${pages}   Pages/s: ${(pages / build.seconds).toFixed(1)}   Peak RSS (process tree): ${rss}`;
}

function phaseSeconds(build: BuildRun, phase: string): number | null {
  const found = measurePhases(build.lines).find((result) => result.phase === phase);
  return found ? round(found.seconds) : null;
}

/** The machine-readable result: the one JSON line the bench prints last. */
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

function failBuild(title: string, build: BuildRun): never {
  const status = build.signal ? `signal ${build.signal}` : `exit code ${build.code}`;
  console.error(`${title} failed (${status}). Build output:`);
  console.error(build.lines.map((line) => line.text).join('\n'));
  throw new BuildFailed();
}

class BuildFailed extends Error {}

// ---------------------------------------------------------------------------------------------
// Main

async function runBench(options: BenchOptions): Promise<void> {
  const dirs = resolveRunDirs(options);
  if (!isInsideProject(dirs.run)) {
    console.error(`warning: ${dirs.run} is outside the project, so Astro shares .astro/.prerender with other builds`);
  }
  prepareRunDir(dirs.run);
  try {
    console.log(`Huntbook build benchmark: ${options.rules} rules, seed ${options.seed}`);
    const generatedAt = performance.now();
    const corpus = generateCorpus({ rules: options.rules, seed: options.seed, dir: dirs.corpus });
    const generateSeconds = (performance.now() - generatedAt) / 1000;
    console.log(
      `Corpus: ${corpus.rules} rules, ${corpus.runbooks} runbooks, ${corpus.tools} tools, generated in ${generateSeconds.toFixed(2)} s into ${relative(PROJECT_ROOT, dirs.corpus) || dirs.corpus}`,
    );
    const env = toBuildEnv(dirs);
    const cold = await runBuild(env);
    if (cold.code !== 0) failBuild('Cold build', cold);
    const pages = countPages(dirs.site);
    console.log('');
    console.log(formatPhaseTable('Cold build', cold).join('\n'));
    console.log(formatBuildSummary(pages, cold));

    let rebuild: BuildRun | undefined;
    if (options.rebuild) {
      const edited = corpus.ruleFiles[0] as string;
      reviseDescription(edited);
      rebuild = await runBuild(env);
      if (rebuild.code !== 0) failBuild('Rebuild', rebuild);
      console.log('');
      console.log(
        formatPhaseTable(`Rebuild after editing the description of ${relative(dirs.corpus, edited)}`, rebuild).join(
          '\n',
        ),
      );
      console.log(formatBuildSummary(countPages(dirs.site), rebuild));
    }
    console.log('');
    console.log(
      options.keep
        ? `Kept ${dirs.run}`
        : `Removed ${relative(PROJECT_ROOT, dirs.run) || dirs.run} (use --keep to look at it)`,
    );
    console.log(toResultJson(options.rules, pages, cold, rebuild));
  } finally {
    if (!options.keep) rmSync(dirs.run, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const options = takeOptions(parseBenchArgs(argv), USAGE);
  if (!options) return;
  try {
    await runBench(options);
  } catch (error) {
    if (!(error instanceof BuildFailed))
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

if (isRunDirectly(import.meta.url)) await main(process.argv.slice(2));

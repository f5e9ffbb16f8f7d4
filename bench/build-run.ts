import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { LogLine } from './build-log.ts';
import { type PeakBreakdown, startTreeSampler } from './peak-rss-fs.ts';
import { PROJECT_ROOT, type RunDirs } from './run-folder-fs.ts';

const LINE_BREAK_RE = /\r\n|\r|\n/;

/** One `npm run build`: how it ended, its output lines, its wall time and the peak memory and CPU time of its process tree. */
export interface BuildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: LogLine[];
  seconds: number;
  peakRssBytes: number | null;
  /** User plus system time of the whole process tree. */
  cpuSeconds: number | null;
  /** When the peak came and what each process held then. */
  peakAt?: PeakBreakdown;
}

/** The settings `npm run build` builds with; the corpus comes in through the environment. */
const BUILD_SETTINGS = join(PROJECT_ROOT, 'example', 'huntbook.config.yaml');

/**
 * Runs `npm run build` in the project, or in another checkout of it (the pair mode's
 * --against tree, which then builds with its own launcher, packages and settings file), and
 * records every output line as it arrives. The script names its own output folder, so the
 * run's is given again on its command line, which wins.
 */
export function runBuild(env: NodeJS.ProcessEnv, projectRoot = PROJECT_ROOT): Promise<BuildRun> {
  const out = env.HUNTBOOK_OUT_DIR ? ['--', '--out', env.HUNTBOOK_OUT_DIR] : [];
  return runMeasured('npm', ['run', 'build', ...out], env, projectRoot);
}

/**
 * Runs `huntbook check` on the corpus with the build's settings, through the launcher a user
 * runs, with a JSON report.
 * @example (await runCheck(toCheckEnv(dirs))).seconds // → 4.2
 */
export function runCheck(env: NodeJS.ProcessEnv): Promise<BuildRun> {
  const launcher = join(PROJECT_ROOT, 'bin', 'huntbook.mjs');
  return runMeasured(process.execPath, [launcher, 'check', '--config', BUILD_SETTINGS, '--format', 'json'], env);
}

/**
 * Builds the bare Astro site (bench/bare-site-build.ts) over a rules folder into `out`, in a
 * process of its own under the project's Node, measured as Huntbook's build is.
 * @example (await runBareBuild(rulesDir, join(run, 'bare-site'))).cpuSeconds // → 21.4
 */
export function runBareBuild(rules: string, out: string): Promise<BuildRun> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    BARE_SITE_RULES: rules,
    BARE_SITE_OUT: out,
  };
  delete env.FORCE_COLOR;
  return runMeasured(process.execPath, [join(PROJECT_ROOT, 'bench', 'bare-site-build.ts')], env);
}

/** Runs a command in a project folder, recording its output lines, wall time and the peak memory of its process tree. */
function runMeasured(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd = PROJECT_ROOT,
): Promise<BuildRun> {
  return new Promise((resolveRun, reject) => {
    const launchedAt = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const sampler =
      child.pid === undefined
        ? { stop: () => ({ peakRssBytes: null, cpuSeconds: null }) }
        : startTreeSampler(child.pid);
    const lines: LogLine[] = [];
    const collectors = [collectLines(child.stdout, launchedAt, lines), collectLines(child.stderr, launchedAt, lines)];
    child.on('error', (error) => {
      sampler.stop();
      reject(error);
    });
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - launchedAt) / 1000;
      const figures = sampler.stop();
      for (const flush of collectors) flush();
      resolveRun({ code, signal, lines, seconds, ...figures });
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

/**
 * The build's environment: the run's corpus as content, its own output and cache folders.
 * @example toBuildEnv(resolveRunDirs(options)).HUNTBOOK_RULES // → '<project>/.huntbook/bench/1000-1/corpus/rules'
 */
export function toBuildEnv(dirs: RunDirs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    HUNTBOOK_RULES: join(dirs.corpus, 'rules'),
    HUNTBOOK_SIGMA: join(dirs.corpus, 'sigma'),
    HUNTBOOK_RUNBOOKS: join(dirs.corpus, 'runbooks'),
    HUNTBOOK_TOOLS: join(dirs.corpus, 'tools'),
    HUNTBOOK_OUT_DIR: dirs.site,
    HUNTBOOK_CACHE_DIR: dirs.cache,
  };
  // Colour codes would only have to be stripped again.
  delete env.FORCE_COLOR;
  // Each launcher finds its own package, so a ref tree's build never runs this tree's code.
  delete env.HUNTBOOK_PACKAGE_ROOT;
  return env;
}

/**
 * The check's environment: the build's, with the check's own cache folder.
 * @example toCheckEnv(dirs).HUNTBOOK_CACHE_DIR // → '<project>/.huntbook/bench/1000-1/check-cache'
 */
export function toCheckEnv(dirs: RunDirs): NodeJS.ProcessEnv {
  return { ...toBuildEnv(dirs), HUNTBOOK_CACHE_DIR: dirs.checkCache };
}

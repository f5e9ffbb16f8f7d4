import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
/** Test builds live inside the project: Astro keeps its prerender chunks beside outDir only then. */
const BUILDS_DIR = join(PROJECT_ROOT, '.huntbook', 'test-builds');
const HUNTBOOK_BIN = join(PROJECT_ROOT, 'bin', 'huntbook.mjs');

export interface BuildOptions {
  /** Name for the output folder, unique per test. */
  name: string;
  rules: string | string[];
  /** Sigma rule folders (`content.sigma`). */
  sigma?: string | string[];
  runbooks?: string | string[];
  tools?: string | string[];
  config?: string;
  base?: string;
  env?: Record<string, string>;
  /** Builds over the last build's output, as a rebuild does, instead of starting from an empty folder. */
  keepOutput?: boolean;
}

export interface BuildResult {
  code: number | null;
  /** stdout and stderr together, in order of arrival. */
  output: string;
  outDir: string;
}

let emptyDir: string | undefined;
/** A directory with nothing in it, for content kinds a fixture does not have. */
export function getEmptyDir(): string {
  emptyDir ??= mkdtempSync(join(BUILDS_DIR, 'empty-'));
  return emptyDir;
}

const toDirs = (dirs: string | string[] | undefined) =>
  dirs === undefined
    ? getEmptyDir()
    : [dirs]
        .flat()
        .map((dir) => resolve(PROJECT_ROOT, dir))
        .join(':');

/**
 * Runs the production build — `huntbook build`: the site, then its search index — against
 * fixture content in a child process.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  mkdirSync(BUILDS_DIR, { recursive: true });
  const outDir = join(BUILDS_DIR, options.name);
  if (!options.keepOutput) rmSync(outDir, { recursive: true, force: true });
  // Vitest sets BASE_URL for its own use; a build must take its base only from Huntbook's settings.
  const { BASE_URL: _testRunnerBase, ...parentEnv } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...parentEnv,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    HUNTBOOK_RULES: toDirs(options.rules),
    // Unset unless asked for: most fixtures have no Sigma folder, and an empty one would be counted in the log.
    HUNTBOOK_SIGMA: options.sigma === undefined ? undefined : toDirs(options.sigma),
    HUNTBOOK_RUNBOOKS: toDirs(options.runbooks),
    HUNTBOOK_TOOLS: toDirs(options.tools),
    HUNTBOOK_CONFIG: options.config ? resolve(PROJECT_ROOT, options.config) : undefined,
    HUNTBOOK_OUT_DIR: outDir,
    HUNTBOOK_CACHE_DIR: `${outDir}-cache`,
    // Fixtures carry their own tool catalogs, which their pages are checked against.
    HUNTBOOK_BUNDLED_TOOLS: '0',
    ...(options.base ? { HUNTBOOK_BASE: options.base } : {}),
    ...options.env,
  };
  return { ...(await run([HUNTBOOK_BIN, 'build'], env)), outDir };
}

/**
 * Builds a fixture folder laid out like a project's content: `rules/`, `runbooks/`, `tools/`
 * and `huntbook.config.yaml`.
 * @example buildFixture('test/fixtures/valid', 'valid', { base: '/soc/wiki/' })
 */
export function buildFixture(dir: string, name: string, options: Partial<BuildOptions> = {}): Promise<BuildResult> {
  return buildSite({
    name,
    rules: `${dir}/rules`,
    runbooks: `${dir}/runbooks`,
    tools: `${dir}/tools`,
    config: `${dir}/huntbook.config.yaml`,
    ...options,
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

/**
 * Astro logs a reused page's path and its status in two calls with nothing in between, but the
 * status may land on the next line when another page's line was still open: `\s*` spans it.
 */
const RESTORED_LINE_RE = /├─ (\S+)\s*\((?:restored|cached)\)/g;
const RENDERED_LINE_RE = /├─ (\S+\/index\.html)(?!\s*\((?:restored|cached)\))/g;

/**
 * Pages a build's log lists as copied from the last build, and as rendered.
 * @example listBuiltPages(result.output).reused // → ['/rules/pdq/index.html', …]
 */
export function listBuiltPages(output: string): { reused: string[]; rendered: string[] } {
  return {
    reused: [...output.matchAll(RESTORED_LINE_RE)].map((match) => match[1] as string),
    rendered: [...output.matchAll(RENDERED_LINE_RE)].map((match) => match[1] as string),
  };
}

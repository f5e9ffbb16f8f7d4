import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { isRunDirectly, takeOptions } from '../src/cli/run-directly.ts';
import { type BenchOptions, parseBenchArgs, USAGE } from './bench-args.ts';
import { type BuildRun, runBuild, runCheck, toBuildEnv, toCheckEnv } from './build-run.ts';
import { generateAnchorCorpus, generateCorpus } from './corpus/index.ts';
import { formatLookupLines, toLookupJson } from './lookup-figures.ts';
import { measureLookup } from './lookup-figures-fs.ts';
import { runPairs } from './pair.ts';
import { installRefPackages, prepareRefTree, type RefTree } from './ref-tree-fs.ts';
import {
  type CheckRuns,
  formatBuildSummary,
  formatCheckLine,
  formatPeakLine,
  formatPhaseTable,
  toResultJson,
} from './report.ts';
import {
  BENCH_ROOT,
  countPages,
  isInsideProject,
  PROJECT_ROOT,
  prepareRunDir,
  resolveRunDirs,
  reviseDescription,
} from './run-folder-fs.ts';

/**
 * Benchmarks the production build against a generated corpus: generates N rules, runs
 * `npm run build` on them and reports wall time, per-phase times read from the build log,
 * page count and the peak memory of the whole build process tree, and the indicator lookup's
 * index size (against Pagefind's) and its slowest lookup.
 * With --check, also times `huntbook check` on the same corpus: with an empty cache of its own,
 * then again with the cache that run filled.
 * With --pair, builds a bare Astro site (bench/bare-site) and Huntbook's site of the same corpus
 * in turn, --pairs times, and prints Huntbook's wall time, CPU time and peak memory over the
 * bare site's per pair (bench/pair.ts). With --against <ref>, each pair also builds the corpus
 * with Huntbook at that git ref (a worktree under .huntbook/bench/), between the two, and
 * prints this tree's figures over the ref's beside them. --shape anchor draws the corpus in the shape of the
 * bundled PDQ rule; it is the pair mode's default.
 * Usage: see USAGE in bench-args.ts.
 */

/**
 * Generates the corpus, runs a cold build (and a rebuild after one edit with --rebuild, the two
 * checks with --check) and prints the figures.
 */
async function runBench(options: BenchOptions): Promise<void> {
  const dirs = resolveRunDirs(options);
  if (!isInsideProject(dirs.run)) {
    console.error(`warning: ${dirs.run} is outside the project, so Astro shares .astro/.prerender with other builds`);
  }
  // Before the run folder is emptied: a ref that cannot be built ends the run with nothing lost.
  const refTree = options.against === undefined ? undefined : prepareAgainst(options.against);
  prepareRunDir(dirs.run);
  try {
    const mode =
      options.pairs === undefined
        ? 'build benchmark'
        : `against a bare Astro site${refTree ? ` and Huntbook at ${refTree.short}` : ''}, ${options.pairs} pair${options.pairs === 1 ? '' : 's'}`;
    console.log(`Huntbook ${mode}: ${options.rules} rules (${options.shape} shape), seed ${options.seed}`);
    const generatedAt = performance.now();
    const generate = options.shape === 'anchor' ? generateAnchorCorpus : generateCorpus;
    const corpus = generate({ rules: options.rules, seed: options.seed, dir: dirs.corpus });
    const generateSeconds = (performance.now() - generatedAt) / 1000;
    console.log(
      `Corpus: ${corpus.rules} rules, ${corpus.runbooks} runbooks, ${corpus.tools} tools, generated in ${generateSeconds.toFixed(2)} s into ${relative(PROJECT_ROOT, dirs.corpus) || dirs.corpus}`,
    );
    if (options.pairs !== undefined) {
      await runPairs({ ...options, pairs: options.pairs }, dirs, corpus, failBuild, refTree);
      return;
    }
    const env = toBuildEnv(dirs);
    const cold = await runBuild(env);
    if (cold.code !== 0) failBuild('Cold build', cold);
    const pages = countPages(dirs.site);
    console.log('');
    console.log(formatPhaseTable('Cold build', cold).join('\n'));
    console.log(formatBuildSummary(pages, cold));
    const peakLine = formatPeakLine(cold);
    if (peakLine) console.log(peakLine);
    // Measured on the cold build's output, before a rebuild changes it.
    const lookup = await measureLookup(dirs.site);
    console.log(formatLookupLines(lookup).join('\n'));

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
    let checks: CheckRuns | undefined;
    if (options.check) {
      // After the build and the rebuild, whose figures it must not disturb; on its own cache, so the first check is cold.
      const coldCheck = await runCheck(toCheckEnv(dirs));
      if (coldCheck.code !== 0) failBuild('Check (cold cache)', coldCheck);
      const warmCheck = await runCheck(toCheckEnv(dirs));
      if (warmCheck.code !== 0) failBuild('Check (warm cache)', warmCheck);
      checks = { cold: coldCheck, warm: warmCheck };
      console.log('');
      console.log('huntbook check');
      console.log(formatCheckLine('Cold cache', checks.cold));
      console.log(formatCheckLine('Warm cache', checks.warm));
    }
    console.log('');
    console.log(
      options.keep
        ? `Kept ${dirs.run}`
        : `Removed ${relative(PROJECT_ROOT, dirs.run) || dirs.run} (use --keep to look at it)`,
    );
    console.log(toResultJson(options.rules, pages, cold, rebuild, checks, toLookupJson(lookup)));
  } finally {
    if (!options.keep) rmSync(dirs.run, { recursive: true, force: true });
  }
}

/** Finds or adds the ref's worktree and installs its packages, saying which it did. */
function prepareAgainst(ref: string): RefTree {
  const tree = prepareRefTree(PROJECT_ROOT, ref, BENCH_ROOT);
  const where = relative(PROJECT_ROOT, tree.dir);
  console.log(`Against ${ref}: commit ${tree.commit} in ${where}`);
  if (installRefPackages(tree.dir)) console.log(`Installed the packages of ${where} (npm ci --prefer-offline)`);
  return tree;
}

/** Prints the whole build output, which is the only way to see why a benchmark build failed. */
function failBuild(title: string, build: BuildRun): never {
  const status = build.signal ? `signal ${build.signal}` : `exit code ${build.code}`;
  console.error(`${title} failed (${status}). Build output:`);
  console.error(build.lines.map((line) => line.text).join('\n'));
  throw new BuildFailed();
}

/** A failed build whose output is already printed; main only sets the exit code. */
class BuildFailed extends Error {}

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

import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BenchOptions } from './bench-args.ts';
import { type BuildRun, runBareBuild, runBuild, toBuildEnv } from './build-run.ts';
import type { CorpusSummary } from './corpus/index.ts';
import { type BuildPair, formatPairTable, formatRatioSummary, toPairJson } from './pair-report.ts';
import type { RefTree } from './ref-tree-fs.ts';
import { formatPhaseTable } from './report.ts';
import { countPages, PROJECT_ROOT, type RunDirs, toRefDirs } from './run-folder-fs.ts';

/**
 * The pair mode: for each pair, a cold build of the bare Astro site (bench/bare-site), with
 * --against then Huntbook's cold build at the ref (its own worktree, packages, output and
 * cache), and then Huntbook's cold build of this tree, all of the same corpus, back to back, so
 * a machine that is slower for a while slows every build of a pair alike. Prints each pair's
 * table and the phase tables, the ratios' median and range, and one JSON line.
 */
export async function runPairs(
  options: BenchOptions & { pairs: number },
  dirs: RunDirs,
  corpus: CorpusSummary,
  fail: (title: string, build: BuildRun) => never,
  refTree?: RefTree,
): Promise<void> {
  const bareSite = join(dirs.run, 'bare-site');
  const refDirs = toRefDirs(dirs);
  const pairs: BuildPair[] = [];
  let pages = 0;
  let barePages = 0;
  let refPages = 0;
  for (let number = 1; number <= options.pairs; number++) {
    clearFolders(bareSite, join(dirs.run, 'bare-cache'), join(dirs.run, 'bare-vite-cache'));
    const bare = await runBareBuild(corpus.rulesDir, bareSite);
    if (bare.code !== 0) fail(`Bare site build (pair ${number})`, bare);
    barePages = countPages(bareSite);
    let ref: BuildRun | undefined;
    if (refTree) {
      clearFolders(refDirs.site, refDirs.cache);
      ref = await runBuild(toBuildEnv(refDirs), refTree.dir);
      if (ref.code !== 0) fail(`Huntbook build at ${refTree.ref} (pair ${number})`, ref);
      refPages = countPages(refDirs.site);
    }
    clearFolders(dirs.site, dirs.cache);
    const huntbook = await runBuild(toBuildEnv(dirs));
    if (huntbook.code !== 0) fail(`Huntbook build (pair ${number})`, huntbook);
    pages = countPages(dirs.site);
    const pair: BuildPair = { bare, huntbook, ...(ref ? { ref } : {}) };
    pairs.push(pair);
    console.log('');
    console.log(formatPairTable(number, pair, refTree).join('\n'));
    console.log(formatPhaseTable(`  Bare site phases (${barePages} pages)`, bare).join('\n'));
    if (ref && refTree)
      console.log(formatPhaseTable(`  Huntbook at ${refTree.short} phases (${refPages} pages)`, ref).join('\n'));
    console.log(formatPhaseTable(`  Huntbook phases (${pages} pages)`, huntbook).join('\n'));
  }
  console.log('');
  console.log(formatRatioSummary(pairs, refTree).join('\n'));
  console.log('');
  console.log(
    options.keep
      ? `Kept ${dirs.run}`
      : `Removed ${relative(PROJECT_ROOT, dirs.run) || dirs.run} (use --keep to look at it)`,
  );
  console.log(toPairJson(options.rules, pages, barePages, pairs, refTree && { ...refTree, pages: refPages }));
}

/** Removes build output and caches, so the next build starts cold. */
function clearFolders(...folders: string[]): void {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

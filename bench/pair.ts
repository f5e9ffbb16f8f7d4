import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BenchOptions } from './bench-args.ts';
import { type BuildRun, runBareBuild, runBuild, toBuildEnv } from './build-run.ts';
import type { CorpusSummary } from './corpus/index.ts';
import { type BuildPair, formatPairTable, formatRatioSummary, toPairJson } from './pair-report.ts';
import { formatPhaseTable } from './report.ts';
import { countPages, PROJECT_ROOT, type RunDirs } from './run-folder-fs.ts';

/**
 * The pair mode: for each pair, a cold build of the bare Astro site (bench/bare-site) and then
 * Huntbook's cold build of the same corpus, back to back, so a machine that is slower for a
 * while slows both sides of a pair alike. Prints each pair's table and both phase tables, the
 * ratios' median and range, and one JSON line.
 */
export async function runPairs(
  options: BenchOptions & { pairs: number },
  dirs: RunDirs,
  corpus: CorpusSummary,
  fail: (title: string, build: BuildRun) => never,
): Promise<void> {
  const bareSite = join(dirs.run, 'bare-site');
  const pairs: BuildPair[] = [];
  let pages = 0;
  let barePages = 0;
  for (let number = 1; number <= options.pairs; number++) {
    clearFolders(bareSite, join(dirs.run, 'bare-cache'), join(dirs.run, 'bare-vite-cache'));
    const bare = await runBareBuild(corpus.rulesDir, bareSite);
    if (bare.code !== 0) fail(`Bare site build (pair ${number})`, bare);
    barePages = countPages(bareSite);
    clearFolders(dirs.site, dirs.cache);
    const huntbook = await runBuild(toBuildEnv(dirs));
    if (huntbook.code !== 0) fail(`Huntbook build (pair ${number})`, huntbook);
    pages = countPages(dirs.site);
    const pair = { bare, huntbook };
    pairs.push(pair);
    console.log('');
    console.log(formatPairTable(number, pair).join('\n'));
    console.log(formatPhaseTable(`  Bare site phases (${barePages} pages)`, bare).join('\n'));
    console.log(formatPhaseTable(`  Huntbook phases (${pages} pages)`, huntbook).join('\n'));
  }
  console.log('');
  console.log(formatRatioSummary(pairs).join('\n'));
  console.log('');
  console.log(
    options.keep
      ? `Kept ${dirs.run}`
      : `Removed ${relative(PROJECT_ROOT, dirs.run) || dirs.run} (use --keep to look at it)`,
  );
  console.log(toPairJson(options.rules, pages, barePages, pairs));
}

/** Removes build output and caches, so the next build starts cold. */
function clearFolders(...folders: string[]): void {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

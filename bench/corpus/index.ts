import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { drawAnchorRules } from './anchor.ts';
import { type CorpusFile, drawCorpus } from './corpus.ts';
import { BUNDLED_TOOLS_DIR, readBundledTools } from './tool-catalog-fs.ts';

/**
 * Generates a synthetic detection repository for the build benchmark: Sentinel rule YAML,
 * runbook Markdown and a tool catalog that grows with the number of rules. Everything is
 * drawn from one seeded generator, so a given size and seed always give the same bytes.
 * This entry reads the catalog and writes the folders; the drawing itself is pure.
 */

export interface CorpusOptions {
  /** Number of rules to generate. */
  rules: number;
  /** Seed of the generator; the same seed and size give the same files. */
  seed: number;
  /** Folder that receives `rules/`, `runbooks/` and `tools/` (those three are replaced). */
  dir: string;
  /** Catalog to copy and to draw real tool names from; defaults to the bundled one. */
  toolsDir?: string;
}

export interface CorpusSummary {
  rules: number;
  runbooks: number;
  tools: number;
  /** Absolute paths of the rule files, in generation order. */
  ruleFiles: string[];
  rulesDir: string;
  runbooksDir: string;
  toolsDir: string;
}

/**
 * Generates a benchmark corpus of rules, runbooks and tools under `dir`.
 * @example generateCorpus({rules: 1000, seed: 1, dir: '.huntbook/bench/1000-1/corpus'}) // → {rules: 1000, runbooks: 800, tools: 81, …}
 */
export function generateCorpus(options: CorpusOptions): CorpusSummary {
  if (!Number.isInteger(options.rules) || options.rules < 1)
    throw new Error(`rules must be a positive integer, got ${options.rules}`);
  const bundled = readBundledTools(options.toolsDir ?? BUNDLED_TOOLS_DIR);
  const files = drawCorpus(options, bundled);
  const dirs = prepareDirs(options.dir);
  writeFiles(dirs.tools, files.tools);
  writeFiles(dirs.rules, files.rules);
  writeFiles(dirs.runbooks, files.runbooks);
  return {
    rules: files.rules.length,
    runbooks: files.runbooks.length,
    tools: files.tools.length,
    ruleFiles: files.rules.map((file) => join(dirs.rules, file.path)),
    rulesDir: dirs.rules,
    runbooksDir: dirs.runbooks,
    toolsDir: dirs.tools,
  };
}

/**
 * Generates the anchor corpus under `dir`: N plain rules in the PDQ rule's shape (anchor.ts), no
 * runbooks, and a copy of the bundled tool catalog, which every Huntbook site has.
 * @example generateAnchorCorpus({rules: 5000, seed: 1, dir: 'run/corpus'}) // → {rules: 5000, runbooks: 0, tools: 40, …}
 */
export function generateAnchorCorpus(options: CorpusOptions): CorpusSummary {
  const bundled = readBundledTools(options.toolsDir ?? BUNDLED_TOOLS_DIR);
  const rules = drawAnchorRules(options);
  const dirs = prepareDirs(options.dir);
  writeFiles(
    dirs.tools,
    bundled.map((entry) => ({ path: entry.fileName, text: entry.text })),
  );
  writeFiles(dirs.rules, rules);
  return {
    rules: rules.length,
    runbooks: 0,
    tools: bundled.length,
    ruleFiles: rules.map((file) => join(dirs.rules, file.path)),
    rulesDir: dirs.rules,
    runbooksDir: dirs.runbooks,
    toolsDir: dirs.tools,
  };
}

/**
 * The corpus folders. `sigma` stays empty: the corpus is Sentinel rules only, and the folder
 * keeps the example settings' own Sigma rules (content.sigma) out of the run.
 */
function prepareDirs(dir: string): { rules: string; sigma: string; runbooks: string; tools: string } {
  const dirs = {
    rules: resolve(dir, 'rules'),
    sigma: resolve(dir, 'sigma'),
    runbooks: resolve(dir, 'runbooks'),
    tools: resolve(dir, 'tools'),
  };
  for (const path of Object.values(dirs)) {
    rmSync(path, { recursive: true, force: true });
    mkdirSync(path, { recursive: true });
  }
  return dirs;
}

/** Writes files below `root`, creating each folder once. */
function writeFiles(root: string, files: readonly CorpusFile[]): void {
  const made = new Set<string>();
  for (const file of files) {
    const target = join(root, file.path);
    const folder = join(target, '..');
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(target, file.text);
  }
}

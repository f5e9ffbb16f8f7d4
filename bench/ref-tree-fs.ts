import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { planRefTree, type RefTreeState, toRefTreeName, toShortCommit } from './ref-tree.ts';

/** The code the pair mode compares this tree with: a git worktree of one commit, with its own packages. */
export interface RefTree {
  /** The ref as given on the command line. */
  ref: string;
  commit: string;
  short: string;
  dir: string;
}

/** npm writes this file when an install is complete, so a folder an interrupted `npm ci` left behind does not count. */
const INSTALLED_MARKER = join('node_modules', '.package-lock.json');

/**
 * Finds or adds `<benchRoot>/ref-<short commit>`, a detached worktree of `ref` in the project's
 * repository, and installs its packages when they are missing. Nothing is measured here.
 * @example prepareRefTree(PROJECT_ROOT, '54866bf', BENCH_ROOT).dir // → '<project>/.huntbook/bench/ref-54866bf'
 */
export function prepareRefTree(projectRoot: string, ref: string, benchRoot: string): RefTree {
  const commit = resolveCommit(projectRoot, ref);
  const dir = join(benchRoot, toRefTreeName(commit));
  const plan = planRefTree(readRefTreeState(dir), commit, dir);
  if (plan.action === 'refuse') throw new Error(plan.reason);
  if (plan.action === 'add') {
    // A worktree whose folder was deleted is still registered, and git would refuse the path.
    git(projectRoot, ['worktree', 'prune']);
    git(projectRoot, ['worktree', 'add', '--detach', dir, commit]);
  }
  return { ref, commit, short: toShortCommit(commit), dir };
}

/** Runs `npm ci --prefer-offline` in the ref tree unless a complete install is there; returns whether it ran. */
export function installRefPackages(dir: string): boolean {
  if (existsSync(join(dir, INSTALLED_MARKER))) return false;
  // npm's output goes to stderr: stdout ends with the run's JSON line.
  const result = spawnSync('npm', ['ci', '--prefer-offline'], { cwd: dir, stdio: ['ignore', 2, 2] });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`npm ci in ${dir} failed (exit code ${result.status})`);
  return true;
}

/** The full commit a ref names, or an error that says the ref is unknown. */
export function resolveCommit(projectRoot: string, ref: string): string {
  try {
    return git(projectRoot, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new Error(`git knows no commit "${ref}" in ${projectRoot}`);
  }
}

function readRefTreeState(dir: string): RefTreeState {
  if (!existsSync(dir)) return { exists: false, empty: true, isWorktree: false, dirty: false };
  const empty = readdirSync(dir).length === 0;
  let topLevel: string;
  try {
    topLevel = git(dir, ['rev-parse', '--show-toplevel']);
  } catch {
    return { exists: true, empty, isWorktree: false, dirty: false };
  }
  if (realpathSync(topLevel) !== realpathSync(dir)) return { exists: true, empty, isWorktree: false, dirty: false };
  return {
    exists: true,
    empty,
    isWorktree: true,
    head: git(dir, ['rev-parse', 'HEAD']),
    dirty: git(dir, ['status', '--porcelain', '--untracked-files=no']) !== '',
  };
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

/** How many hex digits of the commit name the ref tree's folder: fixed, so a run finds the folder an earlier run made. */
const SHORT_COMMIT_LENGTH = 7;

/** What the ref tree's folder holds before a run, as git sees it. */
export interface RefTreeState {
  exists: boolean;
  /** Nothing in it, so `git worktree add` may fill it. */
  empty: boolean;
  /** Its own git worktree root, not a plain folder inside the project's checkout (where git answers for the project). */
  isWorktree: boolean;
  /** The commit its HEAD is at, when it is a worktree. */
  head?: string;
  /** Tracked files differ from the commit, so its build would not be the ref's code. */
  dirty: boolean;
}

/** What to do with the folder: add the worktree, build in the one there, or stop and say why. */
export type RefTreePlan = { action: 'add' } | { action: 'reuse' } | { action: 'refuse'; reason: string };

/** @example toRefTreeName('54866bf0c1d2…') // → 'ref-54866bf' */
export function toRefTreeName(commit: string): string {
  return `ref-${commit.slice(0, SHORT_COMMIT_LENGTH)}`;
}

/** @example toShortCommit('54866bf0c1d2…') // → '54866bf' */
export function toShortCommit(commit: string): string {
  return commit.slice(0, SHORT_COMMIT_LENGTH);
}

/**
 * Decides from the folder's state whether the worktree is added, reused or left alone; a
 * folder at another commit or with edits is never changed, it may hold someone's work.
 * @example planRefTree({exists: true, empty: false, isWorktree: true, head: 'abc', dirty: false}, 'abc', dir) // → {action: 'reuse'}
 */
export function planRefTree(state: RefTreeState, commit: string, dir: string): RefTreePlan {
  if (!state.exists || (state.empty && !state.isWorktree)) return { action: 'add' };
  if (!state.isWorktree)
    return {
      action: 'refuse',
      reason: `${dir} exists and is not a git worktree; remove it to let the benchmark add one`,
    };
  if (state.head !== commit)
    return {
      action: 'refuse',
      reason: `${dir} is at ${state.head ?? 'no commit'}, not ${commit}; remove it with "git worktree remove ${dir}"`,
    };
  if (state.dirty)
    return {
      action: 'refuse',
      reason: `${dir} has changes to tracked files, so it would not build ${commit}; undo them or remove the worktree`,
    };
  return { action: 'reuse' };
}

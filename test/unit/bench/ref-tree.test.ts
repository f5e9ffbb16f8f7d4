import { expect, test } from 'vitest';
import { planRefTree, type RefTreeState, toRefTreeName, toShortCommit } from '../../../bench/ref-tree.ts';

const COMMIT = '54866bf0123456789abcdef0123456789abcdef0';
const OTHER = 'e3198a20123456789abcdef0123456789abcdef0';
const DIR = '/p/.huntbook/bench/ref-54866bf';

const state = (overrides: Partial<RefTreeState>): RefTreeState => ({
  exists: true,
  empty: false,
  isWorktree: true,
  head: COMMIT,
  dirty: false,
  ...overrides,
});

test("the folder is named after the commit's first seven digits", () => {
  expect(toRefTreeName(COMMIT)).toBe('ref-54866bf');
  expect(toShortCommit(COMMIT)).toBe('54866bf');
});

test.each([
  ['no folder', { exists: false, empty: true, isWorktree: false, head: undefined }, 'add'],
  ['an empty plain folder', { empty: true, isWorktree: false, head: undefined }, 'add'],
  ['a clean worktree at the commit', {}, 'reuse'],
  ['a plain folder with files', { isWorktree: false, head: undefined }, /is not a git worktree/],
  ['a worktree at another commit', { head: OTHER }, new RegExp(`is at ${OTHER}, not ${COMMIT}; remove it`)],
  ['a worktree with edits', { dirty: true }, /has changes to tracked files/],
] as const)('%s: %s', (_name, overrides, expected) => {
  const plan = planRefTree(state(overrides), COMMIT, DIR);
  if (typeof expected === 'string') expect(plan).toEqual({ action: expected });
  else expect(plan.action === 'refuse' && plan.reason).toMatch(expected);
});

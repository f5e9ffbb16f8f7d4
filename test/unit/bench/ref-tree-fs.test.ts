import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { prepareRefTree, resolveCommit } from '../../../bench/ref-tree-fs.ts';

let repo: string;
let benchRoot: string;
let first: string;
let second: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

// A repository of two commits, with its bench folder inside it and ignored, as the project's is.
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'huntbook-ref-tree-'));
  benchRoot = join(repo, '.huntbook', 'bench');
  git('init', '--quiet');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'user.name', 'Bench');
  writeFileSync(join(repo, '.gitignore'), '.huntbook/\n');
  writeFileSync(join(repo, 'a.txt'), 'one\n');
  git('add', '.');
  git('commit', '--quiet', '-m', 'one');
  first = git('rev-parse', 'HEAD');
  writeFileSync(join(repo, 'a.txt'), 'two\n');
  git('commit', '--quiet', '-am', 'two');
  second = git('rev-parse', 'HEAD');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

test('adds a detached worktree of the ref, then reuses it', () => {
  const tree = prepareRefTree(repo, 'HEAD~1', benchRoot);
  expect(tree).toEqual({
    ref: 'HEAD~1',
    commit: first,
    short: first.slice(0, 7),
    dir: join(benchRoot, `ref-${first.slice(0, 7)}`),
  });
  expect(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: tree.dir, encoding: 'utf8' }).trim()).toBe(first);
  expect(prepareRefTree(repo, first.slice(0, 9), benchRoot)).toEqual({ ...tree, ref: first.slice(0, 9) });
});

test('adds the worktree again when its folder was deleted', () => {
  const tree = prepareRefTree(repo, 'HEAD~1', benchRoot);
  rmSync(tree.dir, { recursive: true, force: true });
  expect(prepareRefTree(repo, 'HEAD~1', benchRoot).dir).toBe(tree.dir);
});

test('refuses a worktree with edits, a worktree at another commit and a plain folder', () => {
  const tree = prepareRefTree(repo, 'HEAD~1', benchRoot);
  writeFileSync(join(tree.dir, 'a.txt'), 'edited\n');
  expect(() => prepareRefTree(repo, 'HEAD~1', benchRoot)).toThrow(/has changes to tracked files/);
  execFileSync('git', ['checkout', '--quiet', '--force', '--detach', second], { cwd: tree.dir });
  expect(() => prepareRefTree(repo, 'HEAD~1', benchRoot)).toThrow(new RegExp(`is at ${second}, not ${first}`));
  // A plain folder inside the repository, where git would answer for the repository itself.
  const plain = join(benchRoot, `ref-${second.slice(0, 7)}`);
  mkdirSync(plain, { recursive: true });
  writeFileSync(join(plain, 'note.txt'), 'mine\n');
  expect(() => prepareRefTree(repo, second, benchRoot)).toThrow(/is not a git worktree/);
});

test('an unknown ref is named in the error', () => {
  expect(() => resolveCommit(repo, 'no-such-branch')).toThrow(/git knows no commit "no-such-branch"/);
  expect(resolveCommit(repo, 'HEAD')).toBe(second);
});

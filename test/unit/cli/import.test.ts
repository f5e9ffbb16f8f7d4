import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseImportArgs } from '../../../src/cli/import.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/seeds/', import.meta.url));
const CLI = fileURLToPath(new URL('../../../src/cli/import.ts', import.meta.url));
const PDQ = 'remote-management-and-monitoring-tool-pdq-network-connection';
const RUSTDESK = 'remote-management-and-monitoring-tool-rustdesk-network-connection';

describe('parseImportArgs', () => {
  it.each([
    [['seeds'], { inputs: ['seeds'], out: 'content', force: false }],
    [['a.txt', 'b', '--out', 'site/content', '--force'], { inputs: ['a.txt', 'b'], out: 'site/content', force: true }],
    [['--out=x', '-f', 'a'], { inputs: ['a'], out: 'x', force: true }],
    [['-o', 'x', 'a'], { inputs: ['a'], out: 'x', force: false }],
  ])('reads %j', (argv, options) => {
    expect(parseImportArgs(argv)).toEqual({ kind: 'run', options });
  });

  it.each([
    [[], 'no input files or folders given'],
    [['a', '--out', ''], '--out needs a folder'],
  ])('rejects %j', (argv, message) => {
    expect(parseImportArgs(argv)).toEqual({ kind: 'error', message });
  });

  it('rejects an unknown option, naming it', () => {
    const parsed = parseImportArgs(['--overwrite', 'a']);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toContain('--overwrite');
  });

  it('asks for help', () => {
    expect(parseImportArgs(['a', '--help'])).toEqual({ kind: 'help' });
  });
});

describe('import command', () => {
  const execFileAsync = promisify(execFile);

  it('exits 1 when a document fails, after importing the rest', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'huntbook-cli-'));
    try {
      await cp(FIXTURES, path.join(root, 'seeds'), { recursive: true });
      await writeFile(path.join(root, 'seeds/broken.txt'), 'nothing here');
      const result = await execFileAsync(process.execPath, [CLI, 'seeds', '--out', 'content'], { cwd: root }).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (failure: { code: number; stdout: string; stderr: string }) => failure,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('seeds/broken.txt: no "KQL Query" line');
      expect(result.stdout).toContain('Imported 2 of 3 documents: 4 files written');
      expect((await readdir(path.join(root, 'content/rules'))).sort()).toEqual([`${PDQ}.yaml`, `${RUSTDESK}.yaml`]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('prints usage and exits 2 on a bad command line', async () => {
    const failure = await execFileAsync(process.execPath, [CLI]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('error: no input files or folders given\nUsage:');
  });
});

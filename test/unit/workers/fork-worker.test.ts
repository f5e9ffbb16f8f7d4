import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { forkWorker } from '../../../src/workers/fork-worker.ts';

const dir = mkdtempSync(join(tmpdir(), 'fork-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker that answers with the flags it was started with and then exits. */
const ECHO_WORKER = join(dir, 'echo-worker.mjs');
writeFileSync(ECHO_WORKER, 'process.send(process.execArgv, () => process.exit(0));\n');

function readWorkerFlags(flags: string[]): Promise<string[]> {
  const worker = forkWorker(ECHO_WORKER, { flags });
  return new Promise((resolveFlags, reject) => {
    worker.once('message', (message) => resolveFlags(message as string[]));
    worker.once('error', reject);
  });
}

describe('forkWorker', () => {
  test('passes the worker its extra flags after this process’s own, never a debugger flag', async () => {
    const flags = await readWorkerFlags(['--max-old-space-size=64']);
    expect(flags.at(-1)).toBe('--max-old-space-size=64');
    expect(flags.filter((flag) => flag.startsWith('--inspect'))).toEqual([]);
    expect(flags.slice(0, -1)).toEqual(process.execArgv.filter((flag) => !flag.startsWith('--inspect')));
  });
});

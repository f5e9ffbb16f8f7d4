import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { PROJECT_ROOT } from '../support/build-site.ts';

/** Runs a command from the project root and collects its output. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

test('the benchmark builds and checks a small corpus and ends with one JSON line of results', async () => {
  const result = await run(['bench/bench.ts', '--rules', '20', '--check']);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  const lastLine = result.stdout.trimEnd().split('\n').at(-1) ?? '';
  const figures = JSON.parse(lastLine) as Record<string, unknown>;
  expect(figures.rules).toBe(20);
  expect(figures.pages).toBeGreaterThanOrEqual(20);
  expect(figures.seconds).toBeGreaterThan(0);
  expect(figures.peakRssMB).toBeGreaterThan(0);
  expect(figures.checkColdSeconds).toBeGreaterThan(0);
  expect(figures.checkWarmSeconds).toBeGreaterThan(0);
  expect(result.stdout).toMatch(/Cold cache: [\d.]+ s .*A build would publish 20 rules from 20 files/);
  // Without --keep the run folder is gone afterwards.
  expect(existsSync(join(PROJECT_ROOT, '.huntbook', 'bench', '20-1'))).toBe(false);
});

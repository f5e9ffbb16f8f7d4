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

test('the pair mode builds the bare site and Huntbook in turn and ends with the ratios as one JSON line', async () => {
  const result = await run(['bench/bench.ts', '--pair', '--pairs', '1', '--rules', '5']);
  expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  const figures = JSON.parse(result.stdout.trimEnd().split('\n').at(-1) ?? '') as {
    rules: number;
    barePages: number;
    pages: number;
    pairs: { bare: Record<string, number>; huntbook: Record<string, number> }[];
    wallRatio: { median: number };
    cpuRatio: { median: number };
  };
  expect(figures.rules).toBe(5);
  // Five rule pages and the index.
  expect(figures.barePages).toBe(6);
  expect(figures.pages).toBeGreaterThan(5);
  expect(figures.pairs).toHaveLength(1);
  for (const side of [figures.pairs[0]?.bare, figures.pairs[0]?.huntbook]) {
    expect(side?.seconds).toBeGreaterThan(0);
    expect(side?.cpuSeconds).toBeGreaterThan(0);
    expect(side?.peakRssMB).toBeGreaterThan(0);
  }
  expect(figures.wallRatio.median).toBeGreaterThan(0);
  expect(figures.cpuRatio.median).toBeGreaterThan(0);
  expect(result.stdout).toMatch(/Huntbook \/ bare over 1 pair \(median, range\)/);
  expect(existsSync(join(PROJECT_ROOT, '.huntbook', 'bench', 'pair-anchor-5-1'))).toBe(false);
});

test('the pair mode stops before building when the --against ref is not a commit', async () => {
  const result = await run([
    'bench/bench.ts',
    '--pair',
    '--pairs',
    '1',
    '--rules',
    '5',
    '--against',
    'no-such-ref-anywhere',
  ]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/git knows no commit "no-such-ref-anywhere"/);
  expect(result.stdout).not.toMatch(/Corpus:/);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildFixture } from '../support/build-site.ts';
import { listFiles } from '../support/static-server.ts';

const FIXTURE = 'test/fixtures/valid';

/**
 * Files that a tool stamps with a per-build id or time, so they may differ between two builds of
 * the same content; each entry says which tool and why. None today: everything is compared.
 */
const STAMPED_FILES: readonly RegExp[] = [];

let first: BuildResult;
let second: BuildResult;

beforeAll(async () => {
  // One after the other: the other test files already keep both cores busy.
  first = await buildFixture(FIXTURE, 'determinism-a');
  second = await buildFixture(FIXTURE, 'determinism-b');
  expect(first.code, first.output).toBe(0);
  expect(second.code, second.output).toBe(0);
});

/** Lists files present in only one build, and files whose bytes differ, skipping stamped files. */
function compareBuilds(a: string, b: string): string[] {
  const isStamped = (file: string) => STAMPED_FILES.some((pattern) => pattern.test(file));
  const filesA = new Set(listFiles(a).filter((file) => !isStamped(file)));
  const filesB = new Set(listFiles(b).filter((file) => !isStamped(file)));
  const differences: string[] = [];
  for (const file of filesA) if (!filesB.has(file)) differences.push(`${file}: only in the first build`);
  for (const file of filesB) if (!filesA.has(file)) differences.push(`${file}: only in the second build`);
  for (const file of [...filesA].filter((name) => filesB.has(name))) {
    const offset = findFirstDifference(readFileSync(join(a, file)), readFileSync(join(b, file)));
    if (offset !== undefined) differences.push(`${file}: differs from byte ${offset}`);
  }
  return differences.sort();
}

function findFirstDifference(a: Buffer, b: Buffer): number | undefined {
  if (a.equals(b)) return undefined;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return length;
}

describe('determinism', () => {
  test('two builds of the same content are byte-identical', () => {
    expect(listFiles(first.outDir).length).toBeGreaterThan(0);
    const differences = compareBuilds(first.outDir, second.outDir);
    expect(differences, differences.join('\n')).toEqual([]);
  });
});

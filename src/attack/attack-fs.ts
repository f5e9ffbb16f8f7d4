import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ATTACK_DOMAINS, type AttackExtract, type AttackIndex, buildAttackIndex } from './attack.ts';

/**
 * Where the pinned extracts live, one per domain. Resolved from the working directory (the
 * project root for every npm script) because bundled page code no longer sits next to its
 * source file.
 */
export const ATTACK_EXTRACT_PATHS: readonly string[] = ATTACK_DOMAINS.map((domain) =>
  resolve(`content/attack/${domain}.json`),
);

let cached: AttackIndex | undefined;

/** Reads the pinned ATT&CK extracts once per process; other paths are read each call (tests). */
export function loadAttackIndex(paths: readonly string[] = ATTACK_EXTRACT_PATHS): AttackIndex {
  if (paths !== ATTACK_EXTRACT_PATHS) return buildAttackIndex(paths.map(readExtract));
  cached ??= buildAttackIndex(paths.map(readExtract));
  return cached;
}

function readExtract(path: string): AttackExtract {
  return JSON.parse(readFileSync(path, 'utf8')) as AttackExtract;
}

import { readFileSync } from 'node:fs';
import { packagePath } from '../package/package-root.ts';
import { ATTACK_DOMAINS, type AttackExtract, type AttackIndex, buildAttackIndex } from './attack.ts';

/** Where the pinned extracts live, one per domain: in the installed package, not the user's repository. */
export const ATTACK_EXTRACT_PATHS: readonly string[] = ATTACK_DOMAINS.map((domain) =>
  packagePath('content', 'attack', `${domain}.json`),
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

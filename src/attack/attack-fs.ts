import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AttackExtract, type AttackIndex, buildAttackIndex } from './attack.ts';

/**
 * Where the pinned extract lives. Resolved from the working directory (the project root for
 * every npm script) because bundled page code no longer sits next to its source file.
 */
export const ATTACK_EXTRACT_PATH = resolve('content/attack/enterprise-attack.json');

let cached: AttackIndex | undefined;

/** Reads the pinned ATT&CK extract once per process. */
export function loadAttackIndex(path = ATTACK_EXTRACT_PATH): AttackIndex {
  if (path !== ATTACK_EXTRACT_PATH) return buildAttackIndex(readExtract(path));
  cached ??= buildAttackIndex(readExtract(path));
  return cached;
}

function readExtract(path: string): AttackExtract {
  return JSON.parse(readFileSync(path, 'utf8')) as AttackExtract;
}

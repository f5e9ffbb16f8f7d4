import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../build-cache/write-file-atomically.ts';
import { PERMALINK_TARGETS_FILE, type PermalinkTarget } from './permalink-targets.ts';

/**
 * Hands the permanent links to the step that writes them after the pages: the model is built
 * in every build, since `getStaticPaths` computes the page cache keys even when pages are reused.
 * @example writePermalinkTargets('node_modules/.cache/huntbook', targets)
 */
export function writePermalinkTargets(cacheDir: string, targets: readonly PermalinkTarget[]): void {
  writeFileAtomically(join(cacheDir, PERMALINK_TARGETS_FILE), `${JSON.stringify(targets)}\n`);
}

/**
 * The permanent links this build's site model wrote.
 * @example readPermalinkTargets('node_modules/.cache/huntbook')[0]?.path // → '/rules/pdq/'
 */
export function readPermalinkTargets(cacheDir: string): PermalinkTarget[] {
  const file = join(cacheDir, PERMALINK_TARGETS_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new Error(`${file} is missing: the site model was not built, so no permanent links can be written`);
  }
  const targets = JSON.parse(text) as unknown;
  if (!Array.isArray(targets)) throw new Error(`${file} holds no list of permanent links`);
  return targets as PermalinkTarget[];
}

/** Removes the last build's list, so a build that never built the model cannot publish a stale one. */
export function removePermalinkTargets(cacheDir: string): void {
  rmSync(join(cacheDir, PERMALINK_TARGETS_FILE), { force: true });
}

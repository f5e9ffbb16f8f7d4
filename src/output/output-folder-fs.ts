/**
 * The output folder on disk: listing it, its manifest, and removing files. What may be removed
 * is decided in `output-folder.ts`.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeFileAtomically } from '../build-cache/write-file-atomically.ts';
import {
  completeManifest,
  findGuardedPath,
  findStaleFiles,
  formatManifest,
  GIT_DIR,
  type GuardedPath,
  MANIFEST_FILE,
  type OutputFile,
  type OutputManifest,
  type OutputPlan,
  parseManifest,
  planOutputFolder,
  startManifest,
} from './output-folder.ts';

/**
 * Every file under `outDir` but the `.git` checkout, relative with `/` separators; none when the
 * folder does not exist. Symbolic links are listed as files, never followed.
 */
export function listOutputFiles(folder: string): OutputFile[] {
  const outDir = resolve(folder);
  if (!existsSync(outDir)) return [];
  if (!lstatSync(outDir).isDirectory()) throw new Error(`the output folder ${outDir} is a file, not a folder`);
  const files: OutputFile[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (dir === outDir && entry.name === GIT_DIR) continue;
      if (entry.isDirectory()) visit(path);
      else files.push({ path: relative(outDir, path).split(sep).join('/'), mtimeMs: lstatSync(path).mtimeMs });
    }
  };
  visit(outDir);
  return files;
}

/** The folder's manifest; undefined when there is none or it is not one Huntbook wrote. */
export function readManifest(outDir: string): OutputManifest | undefined {
  const file = join(outDir, MANIFEST_FILE);
  return existsSync(file) ? parseManifest(readFileSync(file, 'utf8')) : undefined;
}

export function writeManifest(outDir: string, manifest: OutputManifest): void {
  writeFileAtomically(join(outDir, MANIFEST_FILE), formatManifest(manifest));
}

/**
 * Checks the output folder before a build and, when the plan says so (emptying was allowed),
 * removes the files Huntbook did not write. The plan says what was done or why not.
 */
export function prepareOutputFolder(
  outDir: string,
  options: { emptyAllowed: boolean; guarded: readonly GuardedPath[] },
): OutputPlan {
  const plan = planOutputFolder({
    files: listOutputFiles(outDir),
    manifest: readManifest(outDir),
    emptyAllowed: options.emptyAllowed,
    guarded: findGuardedPath(outDir, options.guarded),
  });
  if (plan.action === 'remove') removeOutputFiles(outDir, plan.files);
  return plan;
}

/** Notes in the manifest that a build is writing into the folder (see `OutputManifest.buildStartedAt`). */
export function markBuildStarted(outDir: string, now = Date.now()): void {
  writeManifest(outDir, startManifest(readManifest(outDir), now));
}

/**
 * Writes the manifest of a finished build, or of one that failed: what the last manifest listed
 * and is still there, and what was written since the build started. Returns how many files it lists.
 */
export function recordBuildOutput(outDir: string): number {
  if (!existsSync(outDir)) return 0;
  const manifest = completeManifest(readManifest(outDir), listOutputFiles(outDir));
  writeManifest(outDir, manifest);
  return manifest.files.length;
}

/**
 * Removes the files of earlier builds this build did not produce again (and folders left
 * empty); returns them, relative.
 */
export function pruneStaleOutput(
  outDir: string,
  options: { since: number; pages: ReadonlySet<string>; ownedElsewhere: readonly string[] },
): string[] {
  const stale = findStaleFiles({ ...options, manifest: readManifest(outDir), files: listOutputFiles(outDir) });
  removeOutputFiles(outDir, stale);
  return stale;
}

/** Removes files of the folder, then each of their folders that is left empty, up to `outDir`. */
function removeOutputFiles(folder: string, files: readonly string[]): void {
  const outDir = resolve(folder);
  const dirs = new Set<string>();
  for (const file of files) {
    const path = join(outDir, file);
    rmSync(path, { force: true });
    for (let dir = dirname(path); dir !== outDir && dir.startsWith(outDir); dir = dirname(dir)) dirs.add(dir);
  }
  // Deepest first, so a parent is empty by the time it is looked at.
  for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  }
}

/**
 * What Huntbook may do with its output folder. Huntbook deletes only files it wrote itself: the
 * output folder keeps a manifest of the files the last build left there, and a build refuses to
 * start in a folder that holds anything else (a folder of another site, a `robots.txt` someone
 * added) unless emptying it was allowed. A rebuild keeps the last output in place, so after the
 * build only the listed files this build did not produce again are removed.
 *
 * Pure: `output-folder-fs.ts` lists the folder and reads and writes the manifest.
 */
import { isAbsolute, relative } from 'node:path';

/** The manifest of the files Huntbook wrote, kept in the output folder itself. */
export const MANIFEST_FILE = '.huntbook-output.json';
/** A git checkout in the output folder (a GitHub Pages worktree) is never touched, nor listed. */
export const GIT_DIR = '.git';
/** How many of the files Huntbook did not write a refusal lists by name. */
const LISTED_FOREIGN_FILES = 5;
const MANIFEST_VERSION = 1;

export interface OutputManifest {
  /** Files Huntbook wrote, relative to the output folder with `/` separators, sorted. */
  files: string[];
  /**
   * Set while a build runs (ms since the epoch): files modified since then were written by that
   * build, so a build that failed or was stopped halfway leaves no files nobody owns.
   */
  buildStartedAt?: number | undefined;
}

/** A file in the output folder, relative with `/` separators, and when it was last written. */
export interface OutputFile {
  path: string;
  mtimeMs: number;
}

/** Where the output folder's path came from, for the message that names it. */
export type OutDirOrigin = '--out' | 'HUNTBOOK_OUT_DIR' | 'outDir' | 'default';

/** What a build does with the output folder before it starts. */
export type OutputPlan =
  /** Nothing there but Huntbook's own files (or nothing at all): build over them. */
  | { action: 'build' }
  /** Emptying was allowed: these files Huntbook did not write go first. */
  | { action: 'remove'; files: string[] }
  /** Files Huntbook did not write, and emptying was not allowed. */
  | { action: 'refuse'; files: string[] }
  /** Emptying was allowed, but the folder holds something that must never be emptied. */
  | { action: 'protect'; files: string[]; guarded: GuardedPath };

/** A path the output folder must not contain when it is emptied: the settings file, content, home. */
export interface GuardedPath {
  /** What it is, e.g. `the settings file`. */
  label: string;
  path: string;
}

/**
 * The manifest a file holds, or undefined when the text is not one (then nothing in the folder
 * counts as Huntbook's).
 * @example parseManifest('{"huntbookOutput":1,"files":["index.html"]}') // → { files: ['index.html'] }
 */
export function parseManifest(text: string): OutputManifest | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { huntbookOutput, files, buildStartedAt } = data as Record<string, unknown>;
  if (huntbookOutput !== MANIFEST_VERSION || !Array.isArray(files)) return undefined;
  if (!files.every((file) => typeof file === 'string')) return undefined;
  return {
    files,
    ...(typeof buildStartedAt === 'number' ? { buildStartedAt } : {}),
  };
}

/**
 * The manifest as its file holds it, one file a line so a diff of two builds reads well.
 * @example formatManifest({ files: ['index.html'] }) // → '{"huntbookOutput":1,"files":[\n"index.html"\n]}\n'
 */
export function formatManifest(manifest: OutputManifest): string {
  const started = manifest.buildStartedAt === undefined ? '' : `"buildStartedAt":${manifest.buildStartedAt},`;
  const files = manifest.files.map((file) => JSON.stringify(file)).join(',\n');
  return `{"huntbookOutput":${MANIFEST_VERSION},${started}"files":[\n${files}\n]}\n`;
}

/**
 * The files of the folder Huntbook wrote: those the manifest lists, and those a build that did not
 * finish wrote after it started.
 */
export function findOwnedFiles(files: readonly OutputFile[], manifest: OutputManifest | undefined): Set<string> {
  const listed = new Set(manifest?.files);
  const started = manifest?.buildStartedAt;
  const owned = new Set<string>();
  for (const file of files) {
    if (file.path === MANIFEST_FILE || listed.has(file.path)) owned.add(file.path);
    else if (started !== undefined && file.mtimeMs >= started) owned.add(file.path);
  }
  return owned;
}

/**
 * Decides what a build does with its output folder, from the files in it (the `.git` checkout
 * left out) and its manifest.
 * @example planOutputFolder({ files: [{ path: 'robots.txt', mtimeMs: 0 }], manifest: undefined, emptyAllowed: false }) // → { action: 'refuse', files: ['robots.txt'] }
 */
export function planOutputFolder(input: {
  files: readonly OutputFile[];
  manifest: OutputManifest | undefined;
  emptyAllowed: boolean;
  /** The first guarded path inside the folder, if any (`findGuardedPath`). */
  guarded?: GuardedPath | undefined;
}): OutputPlan {
  const owned = findOwnedFiles(input.files, input.manifest);
  const foreign = input.files
    .map((file) => file.path)
    .filter((path) => !owned.has(path))
    .sort();
  if (foreign.length === 0) return { action: 'build' };
  if (!input.emptyAllowed) return { action: 'refuse', files: foreign };
  if (input.guarded) return { action: 'protect', files: foreign, guarded: input.guarded };
  return { action: 'remove', files: foreign };
}

/**
 * The first guarded path that is the output folder or lies inside it: emptying such a folder
 * would delete the user's own work.
 * @example findGuardedPath('/repo', [{ label: 'the settings file', path: '/repo/huntbook.config.yaml' }]) // → { label: 'the settings file', … }
 */
export function findGuardedPath(outDir: string, guarded: readonly GuardedPath[]): GuardedPath | undefined {
  return guarded.find(({ path }) => {
    const inside = relative(outDir, path);
    return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
  });
}

/**
 * The manifest once a build is done: the listed files still there, and every file the build
 * wrote since it started.
 * @example completeManifest({ files: ['a.html', 'gone.html'], buildStartedAt: 10 }, [{ path: 'a.html', mtimeMs: 1 }, { path: 'b.html', mtimeMs: 12 }]) // → { files: ['a.html', 'b.html'] }
 */
export function completeManifest(manifest: OutputManifest | undefined, files: readonly OutputFile[]): OutputManifest {
  const owned = findOwnedFiles(files, manifest);
  owned.delete(MANIFEST_FILE);
  return { files: [...owned].sort() };
}

/**
 * The manifest as a build starts: an earlier start that never finished is kept, so the files
 * that build wrote stay Huntbook's.
 */
export function startManifest(manifest: OutputManifest | undefined, now: number): OutputManifest {
  return { files: manifest?.files ?? [], buildStartedAt: manifest?.buildStartedAt ?? now };
}

/**
 * Files of earlier builds to remove after this one: listed in the manifest, not a page of this
 * build, not written since it started, and not in a folder another step prunes itself.
 */
export function findStaleFiles(input: {
  manifest: OutputManifest | undefined;
  files: readonly OutputFile[];
  /** Output files of this build's pages. */
  pages: ReadonlySet<string>;
  /** When this build started (ms since the epoch). */
  since: number;
  /** Top-level folders other steps own and prune themselves, e.g. `r` (permalinks) and `pagefind`. */
  ownedElsewhere: readonly string[];
}): string[] {
  const listed = new Set(input.manifest?.files);
  return input.files
    .filter(
      (file) =>
        listed.has(file.path) &&
        !input.pages.has(file.path) &&
        file.mtimeMs < input.since &&
        !input.ownedElsewhere.includes(file.path.split('/')[0] ?? ''),
    )
    .map((file) => file.path)
    .sort();
}

/**
 * Why the build did not start, and how to let it: the folder, a few of the files and their
 * count, where the folder's path came from.
 */
export function formatOutputRefusal(input: {
  outDir: string;
  plan: Extract<OutputPlan, { action: 'refuse' | 'protect' }>;
  origin: OutDirOrigin;
  configFile: string | undefined;
}): string {
  const { outDir, plan } = input;
  const count = plan.files.length;
  const listed = plan.files.slice(0, LISTED_FOREIGN_FILES).map((file) => `  ${file}`);
  if (count > LISTED_FOREIGN_FILES) listed.push(`  … and ${count - LISTED_FOREIGN_FILES} more`);
  const lines = [
    `error: the output folder ${outDir} holds ${count === 1 ? '1 file' : `${count} files`} Huntbook did not write:`,
    ...listed,
    `${describeOutDirOrigin(input.origin, input.configFile)} Nothing was changed.`,
  ];
  if (plan.action === 'protect') {
    lines.push(
      `Emptying it is allowed, but it holds ${plan.guarded.label} (${plan.guarded.path}), so Huntbook will not empty it.`,
      'Choose an output folder of its own with --out or the outDir setting.',
    );
  } else {
    lines.push(
      'Huntbook only removes files it wrote itself. To remove these files and build there, run',
      'huntbook build --empty-out-dir (or set emptyOutDir: true in the settings); or choose another',
      'folder with --out or the outDir setting.',
    );
  }
  return lines.join('\n');
}

/**
 * Says where the output folder's path was set.
 * @example describeOutDirOrigin('outDir', '/repo/huntbook.config.yaml') // → 'It is set by outDir in /repo/huntbook.config.yaml.'
 */
export function describeOutDirOrigin(origin: OutDirOrigin, configFile: string | undefined): string {
  switch (origin) {
    case '--out':
      return 'It was given with --out.';
    case 'HUNTBOOK_OUT_DIR':
      return 'It is set by the HUNTBOOK_OUT_DIR variable.';
    case 'outDir':
      return `It is set by outDir in ${configFile ?? 'the settings'}.`;
    default:
      return configFile
        ? `It is the default output folder, dist/ beside ${configFile} (no outDir setting).`
        : 'It is the default output folder, dist/ in the working folder (no settings file).';
  }
}

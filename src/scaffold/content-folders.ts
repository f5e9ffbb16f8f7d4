import { posix } from 'node:path';

/**
 * Which folders to name in the settings for one kind of content, from the files a repository
 * holds. Huntbook reads every file of a content folder with that kind's extensions, so a folder
 * is named as high up as it can be while holding no other files of those extensions: a
 * Sentinel checkout gets `Detections` and `Hunting Queries`, not a folder per tool, and a
 * `content/` holding both rules and a tool catalog gets `content/rules`.
 */

/** A file with one of the kind's extensions, and whether it is content of that kind. */
export interface CandidateFile {
  /** Relative to the repository root, with `/` between folders. */
  path: string;
  isContent: boolean;
}

export interface ContentFolder {
  /** Relative to the repository root, `.` for the root itself. */
  path: string;
  /** Files of the kind it holds. */
  contentFiles: number;
  /** Other files with the kind's extensions it holds, which Huntbook would read too. */
  otherFiles: number;
}

/**
 * The fewest folders that hold every content file, each as high as it can be without taking in
 * other files; never the root unless content sits in it, since the settings file and the
 * repository's own YAML live there.
 * @example chooseContentFolders([{ path: 'Detections/PDQ/a.yaml', isContent: true }, { path: 'Detections/RustDesk/b.yaml', isContent: true }])
 *   // → [{ path: 'Detections', contentFiles: 2, otherFiles: 0 }]
 */
export function chooseContentFolders(files: readonly CandidateFile[]): ContentFolder[] {
  const holdsOther = new Set(files.filter((file) => !file.isContent).flatMap((file) => listAncestors(file.path)));
  const chosen = new Set<string>();
  for (const file of files) {
    if (!file.isContent) continue;
    let folder = posix.dirname(file.path);
    for (let parent = posix.dirname(folder); folder !== '.' && parent !== '.'; parent = posix.dirname(parent)) {
      if (holdsOther.has(parent)) break;
      folder = parent;
    }
    chosen.add(folder);
  }
  const outermost = [...chosen].filter((folder) => ![...chosen].some((other) => isInside(folder, other)));
  return outermost.sort().map((path) => ({
    path,
    contentFiles: files.filter((file) => file.isContent && isWithin(file.path, path)).length,
    otherFiles: files.filter((file) => !file.isContent && isWithin(file.path, path)).length,
  }));
}

/** Every folder a file sits in, innermost first: `a/b/c.yaml` → `a/b`, `a`, `.`. */
function listAncestors(path: string): string[] {
  const folders: string[] = [];
  for (let folder = posix.dirname(path); ; folder = posix.dirname(folder)) {
    folders.push(folder);
    if (folder === '.') return folders;
  }
}

/** `folder` is strictly inside `other`. */
function isInside(folder: string, other: string): boolean {
  return folder !== other && (other === '.' || folder.startsWith(`${other}/`));
}

function isWithin(path: string, folder: string): boolean {
  return folder === '.' || path.startsWith(`${folder}/`);
}

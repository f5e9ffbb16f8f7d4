import { type Dirent, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { Finding } from '../checks/findings.ts';

/** Folders that are never content and are skipped without a word: version control and packages. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/** A symbolic link, followed after the real folders so that a file reached both ways keeps its own path. */
interface PendingLink {
  path: string;
  realPath: string;
  isFolder: boolean;
}

interface Walk {
  extensions: readonly string[];
  setting: string;
  /** Real paths of the configured folders: a link leading outside all of them is named. */
  roots: readonly string[];
  /** Real paths of folders already walked: a folder reached twice, or a link cycle, is walked once. */
  walkedFolders: Set<string>;
  /** Real paths of files already listed: a file reached twice is read once, under its first path. */
  listedFiles: Set<string>;
  files: string[];
  links: PendingLink[];
  findings: Finding[];
}

/**
 * Lists every file with one of the given extensions under the directories, recursively,
 * sorted so that builds are deterministic. Nothing is left out without a word:
 * - a hidden file or folder (`.github/`, `.script/`, `.hidden/`) is not read, and each one that
 *   holds content files is named in a warning with how many: in a Sentinel checkout such
 *   folders hold workflow and tooling YAML, not rules;
 * - symbolic links to files and folders are followed; a file reached twice (through a link
 *   and by its own path) is read once, under its own path, and link cycles end; a link that
 *   leads outside the content folders is read with a warning, and a broken one is named;
 * - `.git` and `node_modules` are skipped: they never hold content.
 * A directory that does not exist is an error finding: a mistyped HUNTBOOK_RULES must not
 * build an empty site.
 */
export function listContentFiles(
  dirs: readonly string[],
  extensions: readonly string[],
  setting: string,
): { files: string[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const existing = dirs.filter((dir) => {
    if (existsSync(dir) && statSync(dir).isDirectory()) return true;
    findings.push({ severity: 'error', file: toDisplayPath(dir), field: setting, message: 'directory does not exist' });
    return false;
  });
  const walk: Walk = {
    extensions,
    setting,
    roots: existing.map((dir) => realpathSync(dir)),
    walkedFolders: new Set(),
    listedFiles: new Set(),
    files: [],
    links: [],
    findings,
  };
  for (const dir of [...existing].sort()) collectFolder(dir, realpathSync(dir), walk);
  // Links last, each batch in path order: a folder reached by its own path and by a link keeps its own.
  while (walk.links.length > 0) {
    const links = walk.links.sort((a, b) => a.path.localeCompare(b.path));
    walk.links = [];
    for (const link of links) {
      if (link.isFolder) collectFolder(link.path, link.realPath, walk);
      else listFile(link.path, link.realPath, walk);
    }
  }
  return { files: walk.files.sort(), findings };
}

function collectFolder(dir: string, realDir: string, walk: Walk): void {
  if (walk.walkedFolders.has(realDir)) return;
  walk.walkedFolders.add(realDir);
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.')) noteHidden(entry, path, walk);
    else if (entry.isSymbolicLink()) followLink(path, walk);
    else if (entry.isDirectory()) collectFolder(path, join(realDir, entry.name), walk);
    else if (entry.isFile()) listFile(path, join(realDir, entry.name), walk);
  }
}

function listFile(path: string, realPath: string, walk: Walk): void {
  if (!walk.extensions.includes(extname(path).toLowerCase()) || walk.listedFiles.has(realPath)) return;
  walk.listedFiles.add(realPath);
  walk.files.push(path);
}

function followLink(path: string, walk: Walk): void {
  let realPath: string;
  let isFolder: boolean;
  try {
    realPath = realpathSync(path);
    isFolder = statSync(realPath).isDirectory();
  } catch {
    walk.findings.push(linkFinding(path, walk, 'is a broken symbolic link and is not read'));
    return;
  }
  if (!isFolder && !walk.extensions.includes(extname(path).toLowerCase())) return;
  if (!walk.roots.some((root) => isInside(realPath, root))) {
    const count = isFolder ? countContentFiles(realPath, walk.extensions) : 1;
    if (count === 0) return;
    walk.findings.push(
      linkFinding(
        path,
        walk,
        `is a symbolic link to ${realPath}, outside the content folders: ${count === 1 ? 'the' : 'its'} ${describeCount(count, walk)} read as if ${count === 1 ? 'it was' : 'they were'} here`,
        'symlink-outside',
      ),
    );
  }
  walk.links.push({ path, realPath, isFolder });
}

function noteHidden(entry: Dirent, path: string, walk: Walk): void {
  const folder = entry.isDirectory() || (entry.isSymbolicLink() && isFolderPath(path));
  const count = folder
    ? countContentFiles(path, walk.extensions)
    : Number(walk.extensions.includes(extname(entry.name).toLowerCase()));
  if (count === 0) return;
  const what = folder
    ? `is a hidden folder holding ${describeCount(count, walk)} not read`
    : 'is a hidden file and is not read';
  walk.findings.push({
    severity: 'warning',
    file: folder ? `${toDisplayPath(path)}/` : toDisplayPath(path),
    field: walk.setting,
    code: 'hidden-content',
    message: `${what}: hidden files and folders hold tooling, not content; rename it without the leading dot to publish it`,
  });
}

/** `1 .yaml or .yml file, which is` / `3 .yaml or .yml files, which are`. */
function describeCount(count: number, walk: Walk): string {
  const kind = walk.extensions.join(' or ');
  return count === 1 ? `1 ${kind} file, which is` : `${count} ${kind} files, which are`;
}

function linkFinding(path: string, walk: Walk, message: string, code = 'broken-symlink'): Finding {
  return { severity: 'warning', file: toDisplayPath(path), field: walk.setting, code, message };
}

/** Content files under a folder, hidden ones included, each real folder counted once. */
function countContentFiles(dir: string, extensions: readonly string[], seen = new Set<string>()): number {
  let realDir: string;
  try {
    realDir = realpathSync(dir);
  } catch {
    return 0;
  }
  if (seen.has(realDir)) return 0;
  seen.add(realDir);
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && isFolderPath(path));
    if (isFolder) count += countContentFiles(path, extensions, seen);
    else if (extensions.includes(extname(entry.name).toLowerCase())) count++;
  }
  return count;
}

function isFolderPath(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Path as an author would type it: relative to the project when inside it, absolute otherwise. */
export function toDisplayPath(path: string, root = process.cwd()): string {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path;
  return rel.split(sep).join('/');
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

import { type Dirent, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { Finding } from '../checks/findings.ts';
import { type ContentLocation, isExcluded, isSelected, toTriedPath } from './content-location.ts';
import { type DecodedText, decodeContentBytes } from './text-decoding.ts';

/** Folders that are never content and are skipped without a word: version control and packages. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/** A symbolic link, followed after the real folders so that a file reached both ways keeps its own path. */
interface PendingLink {
  path: string;
  realPath: string;
  isFolder: boolean;
  location: ContentLocation;
}

/** What one location's walk has found so far; `listedFiles`, `files` and `findings` are shared by all locations. */
interface Walk {
  extensions: readonly string[];
  location: ContentLocation;
  /** Real paths of the configured folders: a link leading outside all of them is named. */
  roots: readonly string[];
  /** Real paths of folders this location has walked: a folder reached twice, or a link cycle, is walked once. */
  walkedFolders: Set<string>;
  /** Real paths of files already listed: a file reached twice is read once, under its first path. */
  listedFiles: Set<string>;
  files: string[];
  links: PendingLink[];
  findings: Finding[];
  /** Files of the kind left out by `content.exclude`, per location base. */
  excluded: Map<string, number>;
  /** Paths (folders with a trailing `/`) already counted as left out: two locations over one folder count it once. */
  excludedPaths: Set<string>;
  /** Files of the kind this location selected, listed or already listed by another location. */
  selected: number;
}

/** Files the exclude patterns left out of one location's folder: the build log says how many. */
export interface ExcludedCount {
  /** The location's folder (a pattern's fixed prefix), absolute. */
  folder: string;
  count: number;
}

export interface ContentListing {
  files: string[];
  findings: Finding[];
  /** Per folder, the files `content.exclude` left out (folders where it left out none are not listed). */
  excluded: ExcludedCount[];
}

export interface ListOptions {
  /** The setting named in findings about plain paths (tests and tools pass folders as strings). */
  setting?: string;
  /**
   * Severity of a location given explicitly that does not exist or matches nothing: an error
   * for rules (nothing to publish from it), a warning for runbooks and tools, whose absence
   * leaves the rest publishable. A default location that does not exist is no finding.
   */
  missing?: Finding['severity'];
}

/**
 * Lists every file with one of the given extensions in the locations (folders, files or glob
 * patterns), recursively, sorted so that builds are deterministic. Nothing is left out without a word:
 * - a file matching `content.exclude` is not read, and counted per folder for the build log;
 * - a hidden file or folder (`.github/`, `.script/`, `.hidden/`) in a plain folder is not read,
 *   and each one that holds content files is named in a warning with how many: in a Sentinel
 *   checkout such folders hold workflow and tooling YAML, not rules (a glob pattern's `*` and
 *   `**` do not match hidden names, so a pattern never selects them);
 * - symbolic links to files and folders are followed; a file reached twice (through a link
 *   and by its own path) is read once, under its own path, and link cycles end; a link that
 *   leads outside the content folders is read with a warning, and a broken one is named;
 * - `.git` and `node_modules` are skipped: they never hold content.
 * A location given explicitly that does not exist or matches nothing is a finding naming the
 * setting as written and the path tried: a mistyped `content.rules` must not build an empty site.
 */
export function listContentFiles(
  locations: readonly (string | ContentLocation)[],
  extensions: readonly string[],
  options: ListOptions | string = {},
): ContentListing {
  const { setting = 'content', missing = 'error' } = typeof options === 'string' ? { setting: options } : options;
  const all = locations.map((location) =>
    typeof location === 'string'
      ? { base: location, exclude: [], origin: { kind: 'env' as const, setting, written: location } }
      : location,
  );
  const findings: Finding[] = [];
  const existing = all.filter((location) => {
    if (existsSync(location.base)) return true;
    if (location.origin.kind !== 'default') findings.push(missingLocation(location, missing, 'does not exist'));
    return false;
  });
  const shared = {
    extensions,
    roots: existing.map((location) => realpathSync(location.base)),
    listedFiles: new Set<string>(),
    files: [] as string[],
    findings,
    excluded: new Map<string, number>(),
    excludedPaths: new Set<string>(),
  };
  const walks: Walk[] = [...existing]
    .sort((a, b) => a.base.localeCompare(b.base))
    .map((location) => ({ ...shared, location, walkedFolders: new Set<string>(), links: [], selected: 0 }));
  for (const walk of walks) {
    const { base } = walk.location;
    if (statSync(base).isDirectory()) collectFolder(base, realpathSync(base), walk);
    else selectFile(base, realpathSync(base), walk);
  }
  // Links last, each batch in path order: a folder reached by its own path and by a link keeps its own.
  for (let links = walks.flatMap(takeLinks); links.length > 0; links = walks.flatMap(takeLinks)) {
    for (const link of links.sort((a, b) => a.path.localeCompare(b.path))) {
      const walk = walks.find((candidate) => candidate.location === link.location) as Walk;
      if (link.isFolder) collectFolder(link.path, link.realPath, walk);
      else selectFile(link.path, link.realPath, walk);
    }
  }
  for (const walk of walks) {
    const { location } = walk;
    if (walk.selected === 0 && location.pattern !== undefined && location.origin.kind !== 'default') {
      const kind = extensions.join(' or ');
      findings.push(missingLocation(location, missing, `matches no ${kind} files`));
    }
  }
  const excluded = [...shared.excluded].map(([folder, count]) => ({ folder, count }));
  return { files: shared.files.sort(), findings: dedupeFindings(findings), excluded };
}

function takeLinks(walk: Walk): PendingLink[] {
  const links = walk.links;
  walk.links = [];
  return links;
}

/** A location that gave nothing, named as the user wrote it, with the path that was tried. */
function missingLocation(location: ContentLocation, severity: Finding['severity'], what: string): Finding {
  const { origin } = location;
  const tried = toTriedPath(location);
  const written = origin.written === tried ? '' : `"${origin.written}" `;
  return {
    severity,
    file: origin.kind === 'settings' && origin.file ? origin.file : toDisplayPath(tried),
    ...(origin.line === undefined ? {} : { line: origin.line }),
    ...(origin.column === undefined ? {} : { column: origin.column }),
    field: origin.setting,
    code: 'content-location-missing',
    message: `${written}${what} (tried ${tried}${origin.kind === 'env' ? ', from the environment' : ''})`,
  };
}

/** Two locations over one folder would name its hidden folders twice. */
function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = JSON.stringify(finding);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
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
    else if (entry.isDirectory()) collectSubfolder(path, join(realDir, entry.name), walk);
    else if (entry.isFile()) selectFile(path, join(realDir, entry.name), walk);
  }
}

/** A folder the exclude patterns leave out is not walked: its files are counted as left out. */
function collectSubfolder(path: string, realPath: string, walk: Walk): void {
  if (isExcluded(walk.location.exclude, `${path}/`)) {
    countExcluded(walk, `${path}/`, () => countContentFiles(path, walk.extensions));
    return;
  }
  collectFolder(path, realPath, walk);
}

/** Lists a file of the kind that the location's pattern selects and no exclude pattern leaves out. */
function selectFile(path: string, realPath: string, walk: Walk): void {
  if (!walk.extensions.includes(extname(path).toLowerCase()) || !isSelected(walk.location, path)) return;
  if (isExcluded(walk.location.exclude, path)) {
    countExcluded(walk, path, () => 1);
    return;
  }
  walk.selected++;
  listFile(path, realPath, walk);
}

function countExcluded(walk: Walk, path: string, countFiles: () => number): void {
  if (walk.excludedPaths.has(path)) return;
  walk.excludedPaths.add(path);
  const count = countFiles();
  if (count === 0) return;
  const folder = walk.location.base;
  walk.excluded.set(folder, (walk.excluded.get(folder) ?? 0) + count);
}

function listFile(path: string, realPath: string, walk: Walk): void {
  if (walk.listedFiles.has(realPath)) return;
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
  if (isExcluded(walk.location.exclude, isFolder ? `${path}/` : path)) {
    countExcluded(walk, isFolder ? `${path}/` : path, () =>
      isFolder ? countContentFiles(realPath, walk.extensions) : 1,
    );
    return;
  }
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
  walk.links.push({ path, realPath, isFolder, location: walk.location });
}

function noteHidden(entry: Dirent, path: string, walk: Walk): void {
  // A pattern never selects hidden names, and what the exclude patterns leave out is counted, not named.
  if (walk.location.pattern !== undefined) return;
  const folder = entry.isDirectory() || (entry.isSymbolicLink() && isFolderPath(path));
  const count = folder
    ? countContentFiles(path, walk.extensions)
    : Number(walk.extensions.includes(extname(entry.name).toLowerCase()));
  if (count === 0 || isExcluded(walk.location.exclude, folder ? `${path}/` : path)) return;
  const what = folder
    ? `is a hidden folder holding ${describeCount(count, walk)} not read`
    : 'is a hidden file and is not read';
  walk.findings.push({
    severity: 'warning',
    file: folder ? `${toDisplayPath(path)}/` : toDisplayPath(path),
    field: walk.location.origin.setting,
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
  return { severity: 'warning', file: toDisplayPath(path), field: walk.location.origin.setting, code, message };
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

/**
 * Reads a content file as text: UTF-8, or UTF-16 by its byte-order mark, with warnings about
 * bytes that are not text (src/loaders/text-decoding.ts) for the caller to list with the file's own.
 */
export function readContentText(path: string, file = toDisplayPath(path)): DecodedText {
  return decodeContentBytes(readFileSync(path), file);
}

/** The text of a content file, for callers that only need what it says, not what is wrong with it. */
export function readText(path: string): string {
  return readContentText(path).text;
}

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { Finding } from '../checks/findings.ts';

/**
 * Lists every file with one of the given extensions under the directories, recursively,
 * sorted so that builds are deterministic. Hidden folders (.git) are skipped.
 * A directory that does not exist is an error finding: a mistyped HUNTBOOK_RULES must not
 * build an empty site.
 */
export function listContentFiles(
  dirs: readonly string[],
  extensions: readonly string[],
  setting: string,
): { files: string[]; findings: Finding[] } {
  const files: string[] = [];
  const findings: Finding[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      findings.push({
        severity: 'error',
        file: toDisplayPath(dir),
        field: setting,
        message: 'directory does not exist',
      });
      continue;
    }
    collect(dir, extensions, files);
  }
  return { files: [...new Set(files)].sort(), findings };
}

function collect(dir: string, extensions: readonly string[], into: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) collect(path, extensions, into);
    else if (extensions.includes(extname(entry.name).toLowerCase())) into.push(path);
  }
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

/**
 * What build caches key their contents by besides the content itself: the project's own code
 * that produced an entry and the installed packages' versions. Paths are read from the project
 * root, every npm script's working directory, because bundled code no longer sits beside its
 * source.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { findPackageJSON } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A digest of the files' contents; a missing file counts as empty (its path still counts).
 * @example digestProjectFiles(['package-lock.json', 'src/kql/highlight.ts']) // → '9f86…' (64 hex digits)
 */
export function digestProjectFiles(paths: readonly string[]): string {
  const hash = createHash('sha256');
  for (const path of paths) {
    hash.update(`${path}\0`);
    try {
      hash.update(readFileSync(resolve(path)));
    } catch {
      // Missing: the path alone goes into the digest.
    }
  }
  return hash.digest('hex');
}

/**
 * The `.ts` files of a project folder, sorted, as project-relative paths; none when it is missing.
 * @example listSourceFiles('src/schemas') // → ['src/schemas/navigator-layer.ts', 'src/schemas/rule.ts', …]
 */
export function listSourceFiles(dir: string): string[] {
  try {
    return readdirSync(resolve(dir))
      .filter((name) => name.endsWith('.ts'))
      .sort()
      .map((name) => `${dir}/${name}`);
  } catch {
    return [];
  }
}

/**
 * The version of a package as the project resolves it, whatever its `exports` allow; undefined
 * when it is not installed.
 * @example readInstalledVersion('pagefind') // → '1.6.0'
 */
export function readInstalledVersion(name: string): string | undefined {
  try {
    const manifest = findPackageJSON(name, pathToFileURL(resolve('package.json')));
    return manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads what a producer's digest is made of: its source files, its data files and the
 * installed versions of its packages. Paths are read from the installed package (PACKAGE_ROOT),
 * never the working directory: `huntbook` runs from the user's repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { findPackageJSON } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../package/package-root.ts';
import { digest } from './digest.ts';
import { BUILD_CACHE_SOURCES, type Producer } from './producers.ts';

const SOURCE_FILE_RE = /\.(?:ts|mts|mjs|js|json)$/;

const producerDigests = new Map<string, string>();

/**
 * The digest of everything a producer's items depend on besides their own inputs, read once per
 * process: every item key of that kind starts with it.
 * @example digestProducer(KQL_ANALYSIS) // → '9f86…' (64 hex digits)
 */
export function digestProducer(producer: Producer): string {
  const known = producerDigests.get(producer.name);
  if (known !== undefined) return known;
  const made = readProducerDigest(producer);
  producerDigests.set(producer.name, made);
  return made;
}

/**
 * `digestProducer` read afresh, from the project in `root`.
 * @example readProducerDigest(KQL_ANALYSIS, '/tmp/project') // → '9f86…' (64 hex digits)
 */
export function readProducerDigest(producer: Producer, root = PACKAGE_ROOT): string {
  const versions = producer.packages.map((name) => `${name}@${readInstalledVersion(name, root) ?? 'not installed'}`);
  return digest(
    producer.name,
    digestProjectFiles(listProducerSources(producer, root), root),
    digestProjectFiles(producer.dataFiles ?? [], root),
    ...versions,
  );
}

/**
 * Every source file whose code goes into a producer's digest, the build cache's own included.
 * @example listProducerSources(KQL_ANALYSIS) // → ['src/build-cache/content-payloads.ts', …, 'src/kql/analysis.ts', …]
 */
export function listProducerSources(producer: Producer, root = PACKAGE_ROOT): string[] {
  const files = [...BUILD_CACHE_SOURCES, ...producer.sources].flatMap((path) => listSourceFiles(path, root));
  return [...new Set(files)].sort();
}

/**
 * A digest of the files' paths and contents; a missing file counts as empty (its path still counts).
 * @example digestProjectFiles(['package-lock.json', 'src/kql/highlight.ts']) // → '9f86…' (64 hex digits)
 */
export function digestProjectFiles(paths: readonly string[], root = PACKAGE_ROOT): string {
  return digest(...paths.flatMap((path) => [path, readOrEmpty(resolve(root, path))]));
}

function readOrEmpty(file: string): Uint8Array | string {
  try {
    return readFileSync(file);
  } catch {
    return '';
  }
}

/**
 * The source files of a project folder and every folder under it (or the one file the path
 * names), sorted, as project-relative paths; none when the path is missing.
 * @example listSourceFiles('src/schemas') // → ['src/schemas/navigator-layer.ts', 'src/schemas/rule.ts', …]
 * @example listSourceFiles('astro.config.mjs') // → ['astro.config.mjs']
 */
export function listSourceFiles(path: string, root = PACKAGE_ROOT): string[] {
  const stats = statSync(resolve(root, path), { throwIfNoEntry: false });
  if (!stats) return [];
  if (stats.isFile()) return [path];
  return readdirSync(resolve(root, path), { recursive: true, encoding: 'utf8' })
    .map((name) => `${path}/${name.replaceAll('\\', '/')}`)
    .filter((file) => SOURCE_FILE_RE.test(file))
    .sort();
}

/**
 * The version of a package as the project resolves it, whatever its `exports` allow; undefined
 * when it is not installed.
 * @example readInstalledVersion('pagefind') // → '1.6.0'
 */
export function readInstalledVersion(name: string, root = PACKAGE_ROOT): string | undefined {
  try {
    const manifest = findPackageJSON(name, pathToFileURL(resolve(root, 'package.json')));
    return manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : undefined;
  } catch {
    return undefined;
  }
}

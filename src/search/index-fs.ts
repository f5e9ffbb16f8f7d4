// Filesystem side of the sharded search index: reading built pages, the bundle cache, and
// putting bundles in place in the built site.
import {
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { digest } from '../build-cache/digest.ts';
import { readInstalledVersion } from '../build-cache/producers-fs.ts';
import { SEARCH_MANIFEST_FILE } from './client.ts';
import { type DigestedShard, hasPagefindBody, isPrimaryOnlyFile, type SearchPage, toSearchManifest } from './shards.ts';

/** The bundle folder in the built site; pages load Pagefind from here. */
export const PAGEFIND_DIR = 'pagefind';
/** Every Pagefind bundle has it; the browser reads it first. */
const ENTRY_FILE = 'pagefind-entry.json';
const DIGEST_RE = /^[0-9a-f]{64}$/;

/**
 * Reads the pages to index from `folders` of the built site: those that mark their content
 * with `data-pagefind-body`. A site where none does (no rules or tools yet) is indexed whole,
 * as Pagefind would do. Sorted by path.
 */
export function readSearchPages(outDir: string, folders: readonly string[]): SearchPage[] {
  const reader = createPageReader(outDir);
  const marked = folders
    .flatMap((folder) => listHtmlFiles(outDir, folder))
    .map(reader)
    .filter((page) => page.marked);
  const pages = marked.length > 0 ? marked : listHtmlFiles(outDir, '').map(reader);
  return pages.map(({ path, hash }) => ({ path, hash })).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/**
 * Reads pages into one reused buffer: a buffer per page adds up to the size of the whole site
 * and is freed only when the garbage collector gets round to it.
 */
function createPageReader(outDir: string): (path: string) => SearchPage & { marked: boolean } {
  let scratch = Buffer.alloc(256 * 1024);
  return (path) => {
    const fd = openSync(join(outDir, path), 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > scratch.length) scratch = Buffer.alloc(size);
      let length = 0;
      for (let read = -1; length < size && read !== 0; length += read) {
        read = readSync(fd, scratch, length, size - length, length);
      }
      const bytes = scratch.subarray(0, length);
      return { path, hash: digest(bytes), marked: isMarked(bytes) };
    } finally {
      closeSync(fd);
    }
  };
}

const PAGEFIND_BODY = 'data-pagefind-body';

/** `hasPagefindBody` on the bytes, decoding only the tags that mention the attribute. */
function isMarked(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(PAGEFIND_BODY); at >= 0; at = bytes.indexOf(PAGEFIND_BODY, at + 1)) {
    const tagStart = bytes.lastIndexOf('<', at);
    if (tagStart >= 0 && hasPagefindBody(bytes.toString('latin1', tagStart, at + PAGEFIND_BODY.length + 1)))
      return true;
  }
  return false;
}

/** `.html` files under `folder` of the site (`''` for all), as `/`-separated site paths; never Pagefind's own. */
function listHtmlFiles(outDir: string, folder: string): string[] {
  const dir = join(outDir, folder);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => (folder ? `${folder}/${name}` : name).split(sep).join('/'))
    .filter((path) => path.endsWith('.html') && !path.startsWith(`${PAGEFIND_DIR}/`));
}

/** The version of the installed Pagefind; throws when it is not installed. */
export function readPagefindVersion(): string {
  const version = readInstalledVersion('pagefind');
  if (version === undefined) throw new Error('search index: cannot find the pagefind package');
  return version;
}

/** Complete bundles in the cache, by digest. */
export function listCachedBundles(cacheDir: string): string[] {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir).filter((name) => DIGEST_RE.test(name) && existsSync(join(cacheDir, name, ENTRY_FILE)));
}

/**
 * Has `write` produce a bundle in a scratch folder and moves it into the cache as a whole, so
 * an interrupted build never leaves a bundle that looks complete.
 */
export async function storeBundle(
  cacheDir: string,
  digest: string,
  write: (dir: string) => Promise<void>,
): Promise<void> {
  const scratch = join(cacheDir, `${digest}.partial-${process.pid}`);
  const target = join(cacheDir, digest);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  try {
    await write(scratch);
    if (!existsSync(join(scratch, ENTRY_FILE))) throw new Error(`Pagefind wrote no ${ENTRY_FILE} to ${scratch}`);
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(scratch, target);
}

/** Removes every cache entry but `keep`, including scratch folders of interrupted builds. */
export function pruneCache(cacheDir: string, keep: ReadonlySet<string>): number {
  if (!existsSync(cacheDir)) return 0;
  const stale = readdirSync(cacheDir).filter((name) => !keep.has(name));
  for (const name of stale) rmSync(join(cacheDir, name), { recursive: true, force: true });
  return stale.length;
}

/**
 * Puts the shards' cached bundles in the site's `pagefind/`, with the shard list, and removes
 * merged bundles this build does not have. A bundle folder that already holds its shard's
 * files (a rebuild over the last build's output) is left alone; any other is emptied and
 * filled again. Copies (cloned where the filesystem can) rather than links, so nothing done
 * to the built site can change the cache. Merged bundles leave out the primary's scripts.
 * Returns how many bundle folders were written.
 */
export function installBundles(outDir: string, cacheDir: string, shards: readonly DigestedShard[]): number {
  const root = join(outDir, PAGEFIND_DIR);
  let written = 0;
  for (const shard of shards) {
    const source = join(cacheDir, shard.digest);
    const target = join(root, shard.bundle);
    const primary = shard.bundle === '';
    const wanted = listBundleFiles(source).filter((file) => primary || !isPrimaryOnlyFile(basename(file)));
    if (holdsBundle(target, source, wanted)) continue;
    clearBundleFolder(target);
    for (const file of wanted) {
      mkdirSync(dirname(join(target, file)), { recursive: true });
      copyFileSync(join(source, file), join(target, file), constants.COPYFILE_FICLONE);
    }
    written++;
  }
  const planned = new Set(shards.map((shard) => shard.bundle));
  for (const name of existsSync(join(root, SHARDS_DIR)) ? readdirSync(join(root, SHARDS_DIR)) : []) {
    if (!planned.has(`${SHARDS_DIR}/${name}/`)) rmSync(join(root, SHARDS_DIR, name), { recursive: true, force: true });
  }
  writeFileSync(join(root, SEARCH_MANIFEST_FILE), `${JSON.stringify(toSearchManifest(shards))}\n`);
  return written;
}

/** The merged bundles' folder inside the primary one. */
const SHARDS_DIR = 'shards';

/** Entries of the primary bundle folder that are not the primary bundle's own files. */
function isOtherEntry(name: string): boolean {
  return name === SHARDS_DIR || name === SEARCH_MANIFEST_FILE;
}

/** A bundle's files, relative and `/`-separated, sorted; for the primary, without the merged bundles. */
function listBundleFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !isOtherEntry(entry.name))
    .flatMap((entry) =>
      entry.isDirectory()
        ? readdirSync(join(dir, entry.name), { recursive: true, encoding: 'utf8' }).map(
            (name) => `${entry.name}/${name}`,
          )
        : [entry.name],
    )
    .map((file) => file.split(sep).join('/'))
    .sort();
}

/**
 * True when `target` has exactly the files of the cached bundle: Pagefind names its index
 * files by their content, and the entry file names the index's hash.
 */
function holdsBundle(target: string, source: string, wanted: readonly string[]): boolean {
  const present = listBundleFiles(target);
  if (present.length !== wanted.length || present.some((file, index) => file !== wanted[index])) return false;
  return readFileSync(join(target, ENTRY_FILE)).equals(readFileSync(join(source, ENTRY_FILE)));
}

function clearBundleFolder(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (!isOtherEntry(name)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** Pages Pagefind put in a bundle, from its entry file. */
export function countBundlePages(bundleDir: string): number {
  const entry = JSON.parse(readFileSync(join(bundleDir, ENTRY_FILE), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/**
 * Writes one search shard's bundle with Pagefind: used by the index step in its own process
 * and by its lane process (shard-worker.ts). Pagefind's Node API drives one Pagefind process
 * per Node process: a lane closes it after each shard to hand its memory back; the index step's
 * own is kept from shard to shard (see startSearchService).
 */
import * as pagefind from 'pagefind';
import { toPagefindGlob } from './shards.ts';

/** Pagefind's options. Pagefind splits words at these characters unless told to keep them: ids and domains need `-` and `.`. */
export const INDEX_OPTIONS: pagefind.PagefindServiceConfig = { includeCharacters: '-._' };

/** One shard to write: its pages, as paths under the site folder, and the folder for its bundle. */
export interface ShardJob {
  outDir: string;
  paths: readonly string[];
  into: string;
}

/**
 * Indexes the pages and writes the bundle; throws with Pagefind's errors. Pagefind's process is
 * closed afterwards, handing its memory back, unless `keepService` keeps it for the next shard
 * (the index itself is deleted either way).
 */
export async function writeShard(
  { outDir, paths, into }: ShardJob,
  { keepService = false }: { keepService?: boolean } = {},
): Promise<void> {
  let index: pagefind.PagefindIndex | undefined;
  try {
    const created = await pagefind.createIndex(INDEX_OPTIONS);
    index = created.index;
    if (!index || created.errors.length > 0) throw new Error(`could not start Pagefind: ${created.errors.join('; ')}`);
    // One glob listing the pages lets Pagefind read and parse them in parallel.
    const added = await index.addDirectory({ path: outDir, glob: toPagefindGlob(paths) });
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: into });
    if (written.errors.length > 0) throw new Error(written.errors.join('; '));
  } finally {
    if (!keepService) await pagefind.close();
    // A failure to free the index must not hide the failure that ended the shard.
    else await index?.deleteIndex().catch(() => {});
  }
}

/**
 * Starts this process's Pagefind now and keeps it for the index step. Starting a process forks
 * this one: a fork of a process that has grown through the build briefly counts all of its
 * memory twice, one of a process that has only read its settings does not.
 * @example await startSearchService(); await build(); await indexSite(…); await closeSearchService();
 */
export async function startSearchService(): Promise<void> {
  try {
    const { index } = await pagefind.createIndex(INDEX_OPTIONS);
    await index?.deleteIndex();
  } catch {
    // Started again for the first shard, where a Pagefind that cannot start fails the index step with its reason.
  }
}

/** Ends this process's Pagefind, if it runs. */
export function closeSearchService(): Promise<void> {
  return pagefind.close().then(() => {});
}

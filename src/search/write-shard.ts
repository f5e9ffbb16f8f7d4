/**
 * Writes one search shard's bundle with Pagefind: used by the index step in its own process
 * and by its lane processes (index-shard-worker.ts). Pagefind's Node API drives one Pagefind
 * process per Node process, closed after each shard to hand its memory back.
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

/** Indexes the pages and writes the bundle; throws with Pagefind's errors. */
export async function writeShard({ outDir, paths, into }: ShardJob): Promise<void> {
  try {
    const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
    if (!index || errors.length > 0) throw new Error(`could not start Pagefind: ${errors.join('; ')}`);
    // One glob listing the pages lets Pagefind read and parse them in parallel.
    const added = await index.addDirectory({ path: outDir, glob: toPagefindGlob(paths) });
    if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    const written = await index.writeFiles({ outputPath: into });
    if (written.errors.length > 0) throw new Error(written.errors.join('; '));
  } finally {
    await pagefind.close();
  }
}

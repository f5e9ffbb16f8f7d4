/**
 * A lane of the streamed search index (render-stream.ts, child_process.fork): holds one
 * Pagefind index per bucket it is given, adds each page as it is sent while Astro renders the
 * rest, and writes a bucket's bundle when asked. Pagefind keeps little per added page (about
 * 160 MB for 5,000 rule pages); its memory peaks while writing, one bucket at a time here.
 */
import { setPriority } from 'node:os';
import * as pagefind from 'pagefind';
import { INDEX_OPTIONS } from './write-shard.ts';

/** What the build sends a lane. */
export type StreamLaneRequest =
  | { kind: 'add'; bucket: number; path: string; html: string }
  | { kind: 'write'; bucket: number; into: string };

/**
 * A lane's answers: a written bucket, or a bucket that cannot be written (Pagefind refused a
 * page or the bundle), which the index step then indexes from the built files instead.
 */
export type StreamLaneAnswer = { kind: 'written'; bucket: number } | { kind: 'failed'; bucket: number; error: string };

/** Niceness of the lane and its Pagefind (0 is normal, 19 the lowest priority). */
const LANE_NICENESS = 10;

if (!process.send) throw new Error('stream-lane.ts runs as a lane of the streamed search index (child_process.fork)');

// Below the page render, which runs on one thread and must not wait for the index: the lane and
// the Pagefind it starts take only the time the render leaves over.
try {
  setPriority(LANE_NICENESS);
} catch {
  // Not allowed here (some containers): the lane runs at the build's priority.
}

// A build that is done, or has gone away, wants no more bundles: Pagefind is closed first, so
// its process ends with the lane's.
process.on('disconnect', () => {
  pagefind.close().finally(() => process.exit(0));
});

/** Per bucket, the index and the chain of its pending adds: Pagefind takes one call at a time per index. */
const buckets = new Map<number, { index: Promise<pagefind.PagefindIndex>; pending: Promise<void>; error?: string }>();
/** Bundles are written one after the other: writing is when Pagefind's memory peaks. */
let writing = Promise.resolve();

process.on('message', (request: StreamLaneRequest) => {
  const bucket = openBucket(request.bucket);
  if (request.kind === 'add') {
    bucket.pending = bucket.pending.then(async () => {
      if (bucket.error) return;
      const added = await (await bucket.index).addHTMLFile({ sourcePath: request.path, content: request.html });
      if (added.errors.length > 0) bucket.error = `${request.path}: ${added.errors.join('; ')}`;
    });
    bucket.pending = bucket.pending.catch((error: unknown) => {
      bucket.error = toMessage(error);
    });
    return;
  }
  writing = writing.then(() => bucket.pending).then(() => writeBucket(request.bucket, request.into));
});

function openBucket(bucket: number) {
  let open = buckets.get(bucket);
  if (!open) {
    const index = pagefind.createIndex(INDEX_OPTIONS).then(({ index: created, errors }) => {
      if (!created || errors.length > 0) throw new Error(`could not start Pagefind: ${errors.join('; ')}`);
      return created;
    });
    // A failed start is reported when the bucket is written.
    index.catch(() => {});
    open = { index, pending: Promise.resolve() };
    buckets.set(bucket, open);
  }
  return open;
}

async function writeBucket(bucket: number, into: string): Promise<void> {
  const open = openBucket(bucket);
  try {
    if (open.error) throw new Error(open.error);
    const index = await open.index;
    const written = await index.writeFiles({ outputPath: into });
    if (written.errors.length > 0) throw new Error(written.errors.join('; '));
    // Hands the bucket's memory back before the next one is written.
    await index.deleteIndex();
    answer({ kind: 'written', bucket });
  } catch (error) {
    answer({ kind: 'failed', bucket, error: toMessage(error) });
  } finally {
    buckets.delete(bucket);
  }
}

function toMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function answer(message: StreamLaneAnswer): void {
  process.send?.(message);
}

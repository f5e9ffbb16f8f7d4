/**
 * A lane of the index step (index-site.ts, child_process.fork): writes each shard it is sent
 * and answers when it is done, so two Pagefind processes can work at once. Its Pagefind is
 * closed after each shard, handing the shard's memory back; a kept one stays at its largest
 * shard's size (docs/performance.md).
 */
import * as pagefind from 'pagefind';
import { type ShardJob, writeShard } from './write-shard.ts';

/** A lane's answer to one job. */
export type ShardLaneMessage = { done: true } | { error: string };

if (!process.send) throw new Error('shard-worker.ts runs as a lane of the index step (child_process.fork)');

// An index step that has gone away, or is done, wants no more shards.
process.on('disconnect', () => {
  pagefind.close().finally(() => process.exit(0));
});

process.on('message', (job: ShardJob) => {
  writeShard(job).then(
    () => answer({ done: true }),
    (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
  );
});

function answer(message: ShardLaneMessage): void {
  process.send?.(message);
}

/**
 * The streamed search index: pages go to Pagefind lanes (stream-lane.ts) as Astro renders
 * them, so that indexing runs on the core the render leaves idle and the index step after the
 * build only writes the bundles. What was streamed is used only where it is exactly what the
 * built files hold (see `findBucket`); everything else is indexed from the files as before.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { digest } from '../build-cache/digest.ts';
import { packagePath } from '../package/package-root.ts';
import { forkWorker } from '../workers/fork-worker.ts';
import type { RenderedPageSink } from './rendered-pages.ts';
import { countStreamBuckets, hasPagefindBody, type SearchShard, toStreamBucket } from './shards.ts';
import type { StreamLaneAnswer, StreamLaneRequest } from './stream-lane.ts';

const LANE_PATH = packagePath('src/search/stream-lane.ts');

/**
 * Pages held back before the lanes start: a rebuild renders a handful of pages, too few to
 * make a bucket whole, and starting Pagefind for them would only cost time.
 */
export const STREAM_AFTER_PAGES = 64;

/** What the index step asks of the streamed buckets. */
export interface StreamedIndex {
  /** The bucket whose pages are exactly the shard's, with the same bytes; else `undefined`. */
  findBucket(shard: Pick<SearchShard, 'pages'>): number | undefined;
  /** Writes a bucket's bundle into `into`; rejects when its lane could not. */
  write(bucket: number, into: string): Promise<void>;
  /** Pages streamed so far. */
  readonly pageCount: number;
  /** Ends the lanes. */
  stop(): void;
}

export interface RenderStreamOptions {
  /** `search.shardPages`, as the index step will use it. */
  shardPages?: number | undefined;
  /** Lane processes, each with its own Pagefind. */
  lanes: number;
  /** Pages held back before the lanes start (default STREAM_AFTER_PAGES). */
  startAfter?: number;
}

interface Lane {
  process: ChildProcess;
  /** Buckets whose write was asked for, waiting for the answer. */
  waiting: Map<number, { resolve: () => void; reject: (error: Error) => void }>;
  /** Set when the lane stopped or failed: none of its buckets can be used. */
  lost?: string;
}

/**
 * A sink for the page build and, once the build is done, the streamed buckets for the index
 * step. Lanes start after `startAfter` searchable pages; a lane that stops takes its buckets
 * out of use.
 * @example const stream = createRenderStream({ lanes: 2 }); installRenderedPageSink(stream);
 */
export function createRenderStream(options: RenderStreamOptions): RenderedPageSink & StreamedIndex {
  const startAfter = options.startAfter ?? STREAM_AFTER_PAGES;
  let bucketCount: number | undefined;
  /** Per bucket, the pages sent to it: path → digest of the page's bytes. */
  const buckets = new Map<number, Map<string, string>>();
  let held: StreamLaneRequest[] | undefined = [];
  let lanes: Lane[] = [];
  let pageCount = 0;

  const laneOf = (bucket: number): Lane | undefined => lanes[bucket % lanes.length];
  const send = (request: StreamLaneRequest) => {
    const lane = laneOf(request.bucket);
    if (lane && !lane.lost) lane.process.send(request, (error) => error && loseLane(lane, error.message));
  };
  const startLanes = () => {
    lanes = Array.from({ length: Math.max(1, options.lanes) }, () => startLane());
    for (const request of held ?? []) send(request);
    held = undefined;
  };
  const loseLane = (lane: Lane, reason: string) => {
    lane.lost ??= reason;
    for (const { reject } of lane.waiting.values()) reject(new Error(reason));
    lane.waiting.clear();
  };
  const startLane = (): Lane => {
    const lane: Lane = { process: forkWorker(LANE_PATH), waiting: new Map() };
    lane.process.on('message', (answer: StreamLaneAnswer) => {
      const waiting = lane.waiting.get(answer.bucket);
      lane.waiting.delete(answer.bucket);
      if (answer.kind === 'written') waiting?.resolve();
      else waiting?.reject(new Error(answer.error));
    });
    lane.process.on('error', (error) => loseLane(lane, error.message));
    lane.process.on('exit', (code, signal) =>
      loseLane(lane, `the index lane stopped (${signal ?? `exit code ${code}`})`),
    );
    return lane;
  };

  return {
    expect(expectedPages) {
      bucketCount ??= countStreamBuckets(expectedPages, options.shardPages);
    },
    add(path, html) {
      if (bucketCount === undefined || !existsSync(LANE_PATH) || !hasPagefindBody(html)) return;
      const bucket = toStreamBucket(path, bucketCount);
      const pages = buckets.get(bucket) ?? new Map<string, string>();
      buckets.set(bucket, pages);
      // A page rendered twice under one path cannot be told apart in the index: the bucket is dropped.
      pages.set(path, pages.has(path) ? '' : digest(html));
      pageCount++;
      const request: StreamLaneRequest = { kind: 'add', bucket, path, html };
      if (held) {
        held.push(request);
        if (held.length >= startAfter) startLanes();
      } else send(request);
    },
    findBucket(shard) {
      const first = shard.pages[0];
      if (bucketCount === undefined || held || !first) return undefined;
      const bucket = toStreamBucket(first.path, bucketCount);
      const pages = buckets.get(bucket);
      const lane = laneOf(bucket);
      if (!pages || !lane || lane.lost || pages.size !== shard.pages.length) return undefined;
      return shard.pages.every((page) => pages.get(page.path) === page.hash) ? bucket : undefined;
    },
    write(bucket, into) {
      const lane = laneOf(bucket);
      if (!lane) return Promise.reject(new Error(`no index lane holds bucket ${bucket}`));
      if (lane.lost) return Promise.reject(new Error(lane.lost));
      return new Promise<void>((resolve, reject) => {
        lane.waiting.set(bucket, { resolve, reject });
        send({ kind: 'write', bucket, into });
      });
    },
    get pageCount() {
      return pageCount;
    },
    stop() {
      held = undefined;
      for (const lane of lanes) {
        lane.lost ??= 'the index lanes were stopped';
        // The lane closes its Pagefind and exits once its channel is closed.
        if (lane.process.connected) lane.process.disconnect();
      }
    },
  };
}

import type { APIRoute, GetStaticPaths } from 'astro';
import { getLookupShardFiles } from '../../site/index.ts';

export const getStaticPaths = (async () =>
  (await getLookupShardFiles()).map(({ shard, bytes }) => ({
    params: { shard: String(shard) },
    props: { bytes },
  }))) satisfies GetStaticPaths;

/** Gzip-compressed JSON (src/lookup/lookup-format.ts), unpacked by the page itself. */
export const GET: APIRoute = ({ props }) =>
  new Response((props as { bytes: Uint8Array<ArrayBuffer> }).bytes, {
    headers: { 'Content-Type': 'application/octet-stream' },
  });

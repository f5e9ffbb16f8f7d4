import type { APIRoute, GetStaticPaths } from 'astro';
import type { LookupShard } from '../../lookup/lookup-format.ts';
import { getLookupIndex } from '../../site/index.ts';

export const getStaticPaths = (async () =>
  (await getLookupIndex()).shards.map((shard, number) => ({
    params: { shard: String(number) },
    props: { shard },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { shard: LookupShard }).shard), {
    headers: { 'Content-Type': 'application/json' },
  });

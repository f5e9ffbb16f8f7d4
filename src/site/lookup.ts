import { encodeShard } from '../lookup/lookup-format.ts';
import { buildLookupIndex, type LookupIndex } from '../lookup/lookup-index.ts';
import { toLookupSources } from '../lookup/lookup-sources.ts';
import { getSiteModel } from './data.ts';
import { routes } from './settings.ts';

let indexPromise: Promise<LookupIndex> | undefined;

/** The indicator lookup index, built once per build: the manifest and every shard come from one pass. */
export function getLookupIndex(): Promise<LookupIndex> {
  indexPromise ??= getSiteModel().then((model) => buildLookupIndex(toLookupSources(model, routes)));
  return indexPromise;
}

/** The stored shards, gzip-compressed, each with its number: what `lookup/<n>.lookup` holds. */
export async function getLookupShardFiles(): Promise<{ shard: number; bytes: Uint8Array }[]> {
  const index = await getLookupIndex();
  return Promise.all(index.shards.map(async (shard, number) => ({ shard: number, bytes: await encodeShard(shard) })));
}

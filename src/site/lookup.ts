import { encodeShard } from '../lookup/lookup-format.ts';
import { buildLookupIndex, type LookupIndex } from '../lookup/lookup-index.ts';
import { toLookupSources } from '../lookup/lookup-sources.ts';
import type { SiteModel } from '../model/site-model.ts';
import { getSiteModel } from './data.ts';
import { routes } from './settings.ts';

/** Built once per model: the manifest and every shard come from one pass, and a new model (the dev server after an edit) gets a new index. */
const indexes = new WeakMap<SiteModel, LookupIndex>();

/** The indicator lookup index of the site's current model. */
export async function getLookupIndex(): Promise<LookupIndex> {
  const model = await getSiteModel();
  let index = indexes.get(model);
  if (!index) {
    index = buildLookupIndex(toLookupSources(model, routes));
    indexes.set(model, index);
  }
  return index;
}

/** The stored shards, gzip-compressed, each with its number: what `lookup/<n>.lookup` holds. */
export async function getLookupShardFiles(): Promise<{ shard: number; bytes: Uint8Array }[]> {
  const index = await getLookupIndex();
  return Promise.all(index.shards.map(async (shard, number) => ({ shard: number, bytes: await encodeShard(shard) })));
}

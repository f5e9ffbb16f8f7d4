/**
 * Answers a pasted value from the lookup index: the rules whose queries match it, then the
 * tools whose catalog facts do, each with the fields that matched and how. Pure, so the browser
 * and the benchmark run the same code; the caller fetches shards.
 */
import { kindOfRow, type LookupManifest, type LookupShard, shardOfKey } from './lookup-format.ts';
import { type LookupKey, type MatchHow, toLookupKeys } from './normalise.ts';

export interface LookupMatch {
  /** A query column such as `RemoteUrl`, or a catalog field such as `domains`. */
  field: string;
  how: MatchHow;
  /** The indexed value, as keyed: `anydesk.com` for a rule's `has 'AnyDesk.com'`. */
  value: string;
  /** The indexed domain stands for its subdomains, as `*.anydesk.com` does. */
  wildcard?: boolean;
}

export interface LookupHit {
  title: string;
  url: string;
  /** Best match first. */
  matches: LookupMatch[];
}

export interface LookupResults {
  /** The keys tried, best first. */
  keys: LookupKey[];
  /** "Rules that match this value": a runbook before a tool page, since it says what to do. */
  rules: LookupHit[];
  tools: LookupHit[];
}

/**
 * The shards that hold a value's keys, each once.
 * @example listNeededShards(toLookupKeys('anydesk.com'), { version: 1, shards: 1 }) // → [0]
 */
export function listNeededShards(keys: readonly LookupKey[], manifest: LookupManifest): number[] {
  return [...new Set(keys.map((key) => shardOfKey(key.key, manifest.shards)))].sort((a, b) => a - b);
}

/**
 * Looks up a pasted value, loading the shards it needs.
 * @example await lookUpValue('relay-1.net.anydesk.com', manifest, (n) => fetchShard(n))
 *   // → { rules: [{ title: 'AnyDesk - Network', matches: [{ field: 'RemoteUrl', how: 'parent domain', value: 'anydesk.com' }] }], tools: […] }
 */
export async function lookUpValue(
  pasted: string,
  manifest: LookupManifest,
  loadShard: (shard: number) => LookupShard | Promise<LookupShard>,
): Promise<LookupResults> {
  const keys = toLookupKeys(pasted);
  const shards = new Map<number, LookupShard>();
  await Promise.all(
    listNeededShards(keys, manifest).map(async (index) => {
      shards.set(index, await loadShard(index));
    }),
  );
  return lookUpKeys(keys, manifest, shards);
}

/** Looks up keys in shards already loaded; a key whose shard is missing finds nothing. */
export function lookUpKeys(
  keys: readonly LookupKey[],
  manifest: LookupManifest,
  shards: ReadonlyMap<number, LookupShard>,
): LookupResults {
  const hits = new Map<string, LookupHit & { type: 'r' | 't'; rank: number }>();
  for (const key of keys) {
    const shard = shards.get(shardOfKey(key.key, manifest.shards));
    if (!shard || !Object.hasOwn(shard.keys, key.key)) continue;
    for (const row of shard.keys[key.key] ?? []) {
      if (key.kinds && !key.kinds.includes(kindOfRow(row))) continue;
      const target = shard.targets[row[0]];
      const field = shard.fields[row[1]];
      if (!target || field === undefined) continue;
      const [type, title, url] = target;
      const match: LookupMatch = { field, how: key.how, value: key.key, ...(row[3] === 1 ? { wildcard: true } : {}) };
      const hit = hits.get(url);
      if (!hit) {
        hits.set(url, { type, title, url, matches: [match], rank: key.rank });
      } else if (!hit.matches.some((seen) => seen.field === field && seen.value === key.key)) {
        hit.matches.push(match);
        hit.rank = Math.min(hit.rank, key.rank);
      }
    }
  }
  const ranked = [...hits.values()].sort(
    (a, b) => a.rank - b.rank || b.matches.length - a.matches.length || a.title.localeCompare(b.title),
  );
  const strip = ({ title, url, matches }: LookupHit): LookupHit => ({ title, url, matches });
  return {
    keys: [...keys],
    rules: ranked.filter((hit) => hit.type === 'r').map(strip),
    tools: ranked.filter((hit) => hit.type === 't').map(strip),
  };
}

/**
 * One match as a result line says it: the field, how the pasted value matched, and the value.
 * @example describeMatch({ field: 'domains', how: 'parent domain', value: 'anydesk.com', wildcard: true })
 *   // → 'domains · parent domain · *.anydesk.com'
 */
export function describeMatch(match: LookupMatch): string {
  return `${match.field} · ${match.how} · ${match.wildcard ? '*.' : ''}${match.value}`;
}

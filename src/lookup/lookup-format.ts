/**
 * The files of the lookup index: a manifest that says how many shards there are, and shards
 * that each hold the keys whose hash falls in them. Entries are arrays of small numbers into
 * the shard's own tables, so the index stays a fraction of the full-text index's size.
 */
import { LOOKUP_KINDS, type LookupKind } from './indicator-kinds.ts';

export const LOOKUP_FORMAT_VERSION = 1;

export interface LookupManifest {
  version: number;
  /** Shard files are `0.json` … `<shards - 1>.json` beside the manifest. */
  shards: number;
}

/** A page an entry leads to: `r` a rule's runbook, `t` a tool page. */
export type LookupTargetRow = [type: 'r' | 't', title: string, url: string];

/** One indicator of one page: indexes into the shard's `targets`, `fields` and {@link LOOKUP_KINDS}; `1` last for a wildcard domain. */
export type LookupEntryRow = [target: number, field: number, kind: number] | [number, number, number, 1];

export interface LookupShard {
  targets: LookupTargetRow[];
  /** Where the value sits: a query column such as `RemoteUrl`, or a catalog field such as `domains`. */
  fields: string[];
  keys: Record<string, LookupEntryRow[]>;
}

const NETWORK_KEY_RE = /^(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}\/\d{1,2}$/;

/**
 * The shard a key lives in. Network keys shard by their first octet, so the two dozen networks
 * tried for one pasted address need one shard, not all of them.
 * @example shardOfKey('anydesk.com', 1) // → 0
 */
export function shardOfKey(key: string, shards: number): number {
  const network = NETWORK_KEY_RE.exec(key);
  return hashKey(network ? `network:${network[1]}` : key) % shards;
}

/** FNV-1a over UTF-16 code units: the same in Node and the browser, and fast enough for either. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * Reads a manifest, refusing one of another format so the page never guesses.
 * @example parseLookupManifest({ version: 1, shards: 2 }) // → { version: 1, shards: 2 }
 */
export function parseLookupManifest(data: unknown): LookupManifest {
  const manifest = data as Partial<LookupManifest> | null;
  if (
    manifest?.version !== LOOKUP_FORMAT_VERSION ||
    typeof manifest.shards !== 'number' ||
    !Number.isInteger(manifest.shards) ||
    manifest.shards < 1
  ) {
    throw new Error(`lookup manifest: expected { "version": ${LOOKUP_FORMAT_VERSION}, "shards": <count> }`);
  }
  return { version: manifest.version, shards: manifest.shards };
}

export function kindOfRow(row: LookupEntryRow): LookupKind {
  return LOOKUP_KINDS[row[2]] ?? 'other';
}

/**
 * The files of the lookup index: a manifest that says how many shards there are, and shards
 * that each hold the keys whose hash falls in them. Entries are arrays of small numbers into
 * the shard's own tables, and a shard is stored gzip-compressed, as Pagefind stores its own
 * files, so the index stays a small fraction of the full-text index's size on any host.
 */
import { LOOKUP_KINDS, type LookupKind } from './indicator-kinds.ts';

export const LOOKUP_FORMAT_VERSION = 1;

export interface LookupManifest {
  version: number;
  /** Shard files are `0.lookup` … `<shards - 1>.lookup` beside the manifest. */
  shards: number;
}

/**
 * A shard's file extension. Not `.gz`: some servers would then send the file with
 * `Content-Encoding: gzip`, and the browser would unpack it before the page sees it.
 */
export const LOOKUP_SHARD_EXTENSION = 'lookup';

/** The first bytes of every gzip stream. */
const GZIP_MAGIC = [0x1f, 0x8b];

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

/**
 * A shard as stored: its JSON, gzip-compressed.
 * @example await encodeShard({ targets: [], fields: [], keys: {} }) // → Uint8Array [0x1f, 0x8b, …]
 */
export async function encodeShard(shard: LookupShard): Promise<Uint8Array> {
  const stream = new Blob([JSON.stringify(shard)]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A stored shard read back, in the browser and in Node alike; a shard a server has already
 * unpacked (it took the file for a compressed one) is read as it is.
 */
export async function decodeShard(bytes: Uint8Array): Promise<LookupShard> {
  const compressed = bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
  if (!compressed) return JSON.parse(new TextDecoder().decode(bytes)) as LookupShard;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text()) as LookupShard;
}

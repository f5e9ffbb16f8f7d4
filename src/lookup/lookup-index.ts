/**
 * Builds the lookup index: every indicator the site knows — the literal values each rule's
 * query matches and every catalog fact — keyed the way pasted values are (normalise.ts), each
 * pointing at its rule or tool page with the field it came from.
 */
import type { KqlIndicatorKind } from '../kql/analysis.ts';
import { LOOKUP_KINDS, type LookupKind, toGuidKey, toHashKey, toTextKey } from './indicator-kinds.ts';
import {
  LOOKUP_FORMAT_VERSION,
  type LookupEntryRow,
  type LookupManifest,
  type LookupShard,
  shardOfKey,
} from './lookup-format.ts';
import {
  isWildcardDomain,
  readUrlHost,
  toCidrKey,
  toDomainKey,
  toNetworkKey,
  toPathKey,
  toRegistryKey,
} from './normalise.ts';

export interface LookupRuleSource {
  title: string;
  url: string;
  id: string;
  /** What the query compares columns with (src/kql/analysis.ts). */
  indicators: readonly { value: string; kind: KqlIndicatorKind; column?: string }[];
}

export interface LookupToolSource {
  title: string;
  url: string;
  /** Catalog fields by name, e.g. `{ domains: ['*.anydesk.com'], processNames: ['AnyDesk.exe'] }`. */
  facts: Readonly<Record<string, readonly string[]>>;
}

export interface LookupIndex {
  manifest: LookupManifest;
  shards: LookupShard[];
}

/** What a catalog field holds; fields not named here are not indexed. */
const TOOL_FIELD_KINDS: Record<string, LookupKind> = {
  name: 'name',
  aliases: 'name',
  vendor: 'name',
  domains: 'domain',
  productNames: 'product',
  processNames: 'process',
  signers: 'signer',
  companies: 'signer',
  installPaths: 'path',
};

/** A shard this size is one quick download; more entries than this make more shards. */
const ENTRIES_PER_SHARD = 4000;
/** Longer literals are command lines and scripts, not values an alert shows on their own. */
const MAX_VALUE_LENGTH = 200;
const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
const HOST_RE = /^(?:\*\.|\.)?(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\.?$/i;
const IP_PREFIX_RE = /^(\d{1,3}(?:\.\d{1,3}){0,2})\.$/;
const REGISTRY_COLUMN_RE = /^Registry/i;
const REGISTRY_VALUE_RE = /^(?:hkey_[a-z_]+|hklm|hkcu|hku|hkcr|hkcc)\\/i;
const SEPARATOR_RE = /[\\/]/;
const FILE_NAME_RE = /[^\\/]+\.[a-z0-9]{1,5}$/i;

/** One value keyed: the key, what kind of value it is, and whether it stands for subdomains only. */
interface KeyedValue {
  key: string;
  kind: LookupKind;
  wildcard?: boolean;
}

/**
 * The lookup index of a site: a manifest and its shards.
 * @example buildLookupIndex({ rules: [{ title: 'PDQ', url: '/rules/pdq/', id: '…',
 *   indicators: [{ value: 'app.pdq.com', kind: 'domain', column: 'RemoteUrl' }] }], tools: [] })
 *   // → { manifest: { version: 1, shards: 1 }, shards: [{ keys: { 'app.pdq.com': [[0, 0, 0]], … }, … }] }
 */
export function buildLookupIndex(
  input: { rules: readonly LookupRuleSource[]; tools: readonly LookupToolSource[] },
  entriesPerShard = ENTRIES_PER_SHARD,
): LookupIndex {
  const entries: {
    key: string;
    target: { type: 'r' | 't'; title: string; url: string };
    field: string;
    value: KeyedValue;
  }[] = [];
  for (const rule of input.rules) {
    const target = { type: 'r' as const, title: rule.title, url: rule.url };
    const id = toGuidKey(rule.id);
    if (id) entries.push({ key: id, target, field: 'id', value: { key: id, kind: 'guid' } });
    for (const indicator of rule.indicators) {
      const field = indicator.column ?? 'query';
      for (const value of keyQueryValue(indicator.value, indicator.kind, indicator.column)) {
        entries.push({ key: value.key, target, field, value });
      }
    }
  }
  for (const tool of input.tools) {
    const target = { type: 't' as const, title: tool.title, url: tool.url };
    for (const [field, values] of Object.entries(tool.facts)) {
      const kind = TOOL_FIELD_KINDS[field];
      if (!kind) continue;
      for (const fact of values) {
        for (const value of keyCatalogValue(fact, kind)) entries.push({ key: value.key, target, field, value });
      }
    }
  }

  const shardCount = Math.max(1, Math.ceil(entries.length / entriesPerShard));
  const builders = Array.from({ length: shardCount }, () => createShardBuilder());
  for (const entry of entries) {
    builders[shardOfKey(entry.key, shardCount)]?.add(entry.key, entry.target, entry.field, entry.value);
  }
  return {
    manifest: { version: LOOKUP_FORMAT_VERSION, shards: shardCount },
    shards: builders.map((builder) => builder.shard),
  };
}

/**
 * The keys of a literal a query compares a column with.
 * @example keyQueryValue('*.AnyDesk.com', 'domain', 'RemoteUrl') // → [{ key: 'anydesk.com', kind: 'domain', wildcard: true }]
 */
export function keyQueryValue(value: string, kind: KqlIndicatorKind, column?: string): KeyedValue[] {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_VALUE_LENGTH) return [];
  if (kind === 'other' || kind === 'domain') return keyUnclassified(trimmed, column);
  return keyCatalogValue(trimmed, kind);
}

/**
 * The keys of a catalog fact of a known kind.
 * @example keyCatalogValue('C:\\Program Files (x86)\\AnyDesk\\', 'path') // → [{ key: 'c:/program files (x86)/anydesk', kind: 'path' }]
 */
export function keyCatalogValue(value: string, kind: LookupKind): KeyedValue[] {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_VALUE_LENGTH) return [];
  switch (kind) {
    case 'domain':
      return keyDomain(trimmed);
    case 'ip':
      return keyAddress(trimmed);
    case 'path':
      return keyPath(trimmed);
    case 'process':
      return SEPARATOR_RE.test(trimmed) ? keyPath(trimmed) : [{ key: toTextKey(trimmed), kind }];
    default:
      return [{ key: toTextKey(trimmed), kind }];
  }
}

/** A literal whose column says nothing definite: its shape decides (a hash, a URL, a registry key…). */
function keyUnclassified(value: string, column: string | undefined): KeyedValue[] {
  const guid = toGuidKey(value);
  if (guid) return [{ key: guid, kind: 'guid' }];
  const hash = toHashKey(value);
  if (hash) return [{ key: hash, kind: 'hash' }];
  if (URL_RE.test(value)) {
    const host = readUrlHost(value);
    return host ? keyDomain(host) : [{ key: toTextKey(value), kind: 'other' }];
  }
  if ((column && REGISTRY_COLUMN_RE.test(column)) || REGISTRY_VALUE_RE.test(value)) {
    return [{ key: toRegistryKey(value), kind: 'registry' }];
  }
  if (HOST_RE.test(value)) return keyDomain(value);
  return [{ key: toTextKey(value), kind: 'other' }];
}

function keyDomain(domain: string): KeyedValue[] {
  const key = toDomainKey(domain);
  return key.length === 0 ? [] : [{ key, kind: 'domain', ...(isWildcardDomain(domain) ? { wildcard: true } : {}) }];
}

function keyAddress(value: string): KeyedValue[] {
  const cidr = toCidrKey(value);
  if (cidr) return [{ key: cidr, kind: 'ip' }];
  // `startswith '10.'`: the network the prefix names.
  const prefix = IP_PREFIX_RE.exec(value);
  if (prefix) {
    const octets = (prefix[1] as string).split('.');
    const address = [...octets, '0', '0', '0'].slice(0, 4).join('.');
    return [{ key: toNetworkKey(address, octets.length * 8), kind: 'ip' }];
  }
  return [{ key: value.toLowerCase(), kind: 'ip' }];
}

/** A path is found by itself, and by its file name when it ends in one. */
function keyPath(path: string): KeyedValue[] {
  const key = toPathKey(path);
  if (key.length === 0) return [];
  const keyed: KeyedValue[] = [{ key, kind: 'path' }];
  const fileName = FILE_NAME_RE.exec(path)?.[0];
  if (fileName && fileName.length < path.length) keyed.push({ key: fileName.toLowerCase(), kind: 'process' });
  return keyed;
}

function createShardBuilder() {
  // No prototype: a query may well compare a column with `'constructor'`.
  const shard: LookupShard = { targets: [], fields: [], keys: Object.create(null) as LookupShard['keys'] };
  const targetIndex = new Map<string, number>();
  const fieldIndex = new Map<string, number>();
  const seen = new Set<string>();
  const indexOf = (map: Map<string, number>, list: unknown[], id: string, item: unknown) => {
    let index = map.get(id);
    if (index === undefined) {
      index = list.push(item) - 1;
      map.set(id, index);
    }
    return index;
  };
  return {
    shard,
    add(key: string, target: { type: 'r' | 't'; title: string; url: string }, field: string, value: KeyedValue) {
      const t = indexOf(targetIndex, shard.targets, target.url, [target.type, target.title, target.url]);
      const f = indexOf(fieldIndex, shard.fields, field, field);
      const k = LOOKUP_KINDS.indexOf(value.kind);
      const id = `${key}\u0000${t}\u0000${f}`;
      if (seen.has(id)) return;
      seen.add(id);
      const row: LookupEntryRow = value.wildcard ? [t, f, k, 1] : [t, f, k];
      const rows = shard.keys[key];
      if (rows) rows.push(row);
      else shard.keys[key] = [row];
    },
  };
}

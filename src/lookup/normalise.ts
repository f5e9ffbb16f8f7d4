/**
 * What an analyst pastes from an alert, turned into the keys the indicator lookup tries: a URL
 * becomes its host, a host also tries its parent domains, a path its file name and folders, an
 * address the networks that hold it. The index builder keys its values with the same helpers,
 * so both sides always agree on a key's spelling.
 */
import { isIpv4, type LookupKind, toGuidKey, toHashKey, toTextKey } from './indicator-kinds.ts';

/** How a key made from the pasted value relates to it: shown beside each result. */
export type MatchHow = 'exact' | 'host' | 'parent domain' | 'network' | 'file name' | 'path' | 'folder';

export interface LookupKey {
  key: string;
  how: MatchHow;
  /** Only entries of these kinds count for this key (a folder matches install paths, not products). */
  kinds?: readonly LookupKind[];
  /** Lower ranks first: an exact match before a parent domain, a near parent before a far one. */
  rank: number;
}

const URL_RE = /^[a-z][a-z0-9+.-]*:\/\//i;
const HOST_RE = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;
const HOST_WITH_REST_RE = /^([^/\s:]+)(?::\d+)?(?:[/?#].*)?$/;
const WINDOWS_PATH_RE = /^(?:[a-z]:[\\/]|\\\\|%[^%]+%[\\/])|\\/i;
const UNIX_PATH_RE = /^~?\/[^/\s]/;
const REGISTRY_RE = /^(hkey_[a-z_]+|hklm|hkcu|hku|hkcr|hkcc)(?:\\|$)/i;
const SEPARATORS_RE = /[\\/]+/;
const CIDR_RE = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/;
const IPV6_RE = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\/\d{1,3})?$/i;
const WILDCARD_PREFIX_RE = /^(?:\*\.|\.)/;
const DEFANGED_DOT_RE = /\[\.\]|\(\.\)|\{\.\}/g;
const DEFANGED_SCHEME_RE = /^hxxp(s?):\/\//i;
/** Second-level labels under which a two-label name is a registry suffix, not an organisation (`co.uk`). */
const SHARED_SECOND_LEVELS = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or']);
const HIVE_ALIASES: Record<string, string> = {
  hkey_local_machine: 'hklm',
  hkey_current_user: 'hkcu',
  hkey_users: 'hku',
  hkey_classes_root: 'hkcr',
  hkey_current_config: 'hkcc',
};
/** Networks tried for a pasted address: every prefix length a rule is likely to write. */
const NETWORK_LENGTHS = Array.from({ length: 25 }, (_, index) => 32 - index);

const RANK: Record<MatchHow, number> = {
  exact: 0,
  host: 0,
  'file name': 1,
  'parent domain': 2,
  path: 3,
  network: 3,
  folder: 4,
};

/**
 * The keys to look up for one pasted value, best first, each key once.
 * @example toLookupKeys('https://app.pdq.com/login').map((k) => k.key) // → ['app.pdq.com', 'pdq.com']
 * @example toLookupKeys('C:\\Tools\\AnyDesk.exe')[1] // → { key: 'anydesk.exe', how: 'file name', rank: 1 }
 */
export function toLookupKeys(pasted: string): LookupKey[] {
  const value = undefang(pasted.trim());
  if (value.length === 0) return [];
  const keys = [...readKeys(value), exact(toTextKey(value))];
  const seen = new Set<string>();
  return keys
    .filter((key) => key.key.length > 0)
    .sort((a, b) => a.rank - b.rank)
    .filter((key) => {
      if (seen.has(key.key)) return false;
      seen.add(key.key);
      return true;
    });
}

function readKeys(value: string): LookupKey[] {
  const guid = toGuidKey(value);
  if (guid) return [exact(guid)];
  const hash = toHashKey(value);
  if (hash) return [exact(hash)];
  if (REGISTRY_RE.test(value)) return toRegistryKeys(value);
  if (isIpv4(value) || CIDR_RE.test(value)) return toAddressKeys(value);
  if (IPV6_RE.test(value)) return [exact(value.toLowerCase())];
  if (URL_RE.test(value)) {
    const host = readUrlHost(value);
    return host ? toHostKeys(host, 'host') : [];
  }
  if (WINDOWS_PATH_RE.test(value) || UNIX_PATH_RE.test(value)) return toPathKeys(value);
  const host = HOST_WITH_REST_RE.exec(value)?.[1]?.toLowerCase();
  if (host && HOST_RE.test(toDomainKey(host))) return toHostKeys(host, host === value.toLowerCase() ? 'exact' : 'host');
  return [];
}

/**
 * A domain as the lookup keys it: lower case, no trailing dot, no wildcard prefix.
 * @example toDomainKey('*.AnyDesk.com.') // → 'anydesk.com'
 */
export function toDomainKey(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '').replace(WILDCARD_PREFIX_RE, '');
}

/**
 * Whether a catalog or query domain covers subdomains only, as `*.anydesk.com` does.
 * @example isWildcardDomain('*.anydesk.com') // → true
 */
export function isWildcardDomain(domain: string): boolean {
  return WILDCARD_PREFIX_RE.test(domain.trim());
}

/**
 * The parent domains of a host, nearest first, without the bare top-level domain or a shared
 * suffix such as `co.uk`.
 * @example listParentDomains('relay-x.net.anydesk.com') // → ['net.anydesk.com', 'anydesk.com']
 */
export function listParentDomains(host: string): string[] {
  const labels = toDomainKey(host).split('.');
  const parents: string[] = [];
  for (let start = 1; start < labels.length - 1; start++) {
    const parent = labels.slice(start);
    if (parent.length === 2 && SHARED_SECOND_LEVELS.has(parent[0] as string) && (parent[1] as string).length === 2) {
      break;
    }
    parents.push(parent.join('.'));
  }
  return parents;
}

/**
 * A file-system path as the lookup keys it: lower case, `/` between segments, no separator at
 * either end; `\AnyDesk\` is a fragment of a folder, `anydesk`.
 * @example toPathKey('C:\\Program Files (x86)\\AnyDesk\\') // → 'c:/program files (x86)/anydesk'
 */
export function toPathKey(path: string): string {
  return splitPath(path).join('/');
}

/**
 * A registry key as the lookup keys it: hive abbreviated, lower case, `\` between segments.
 * @example toRegistryKey('HKEY_LOCAL_MACHINE\\SOFTWARE\\AnyDesk') // → 'hklm\\software\\anydesk'
 */
export function toRegistryKey(key: string): string {
  const segments = splitPath(key);
  const hive = HIVE_ALIASES[segments[0] ?? ''];
  if (hive) segments[0] = hive;
  return segments.join('\\');
}

/**
 * The network key of an address and prefix length: the network's own address, then the length.
 * @example toNetworkKey('10.1.2.3', 16) // → '10.1.0.0/16'
 */
export function toNetworkKey(address: string, length: number): string {
  const octets = address.split('.').map(Number);
  const bits = (((octets[0] ?? 0) << 24) | ((octets[1] ?? 0) << 16) | ((octets[2] ?? 0) << 8) | (octets[3] ?? 0)) >>> 0;
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  const network = (bits & mask) >>> 0;
  return `${[24, 16, 8, 0].map((shift) => (network >>> shift) & 255).join('.')}/${length}`;
}

function toHostKeys(host: string, how: 'exact' | 'host'): LookupKey[] {
  const domain = toDomainKey(host);
  return [
    { key: domain, how, rank: RANK[how] },
    ...listParentDomains(domain).map((parent, index) => ({
      key: parent,
      how: 'parent domain' as const,
      kinds: ['domain'] as const,
      // Nearer parents first: `net.anydesk.com` says more than `anydesk.com`.
      rank: RANK['parent domain'] + index / 100,
    })),
  ];
}

function toPathKeys(path: string): LookupKey[] {
  const segments = splitPath(path);
  if (segments.length === 0) return [];
  const endsWithFolder = /[\\/]$/.test(path.trim());
  const folders = endsWithFolder ? segments : segments.slice(0, -1);
  const keys: LookupKey[] = [exact(segments.join('/'))];
  if (!endsWithFolder) {
    keys.push({ key: segments.at(-1) as string, how: 'file name', rank: RANK['file name'] });
    // Longer tails first: they say more about where the file sits.
    for (let start = 1; start < segments.length - 1; start++) {
      keys.push(restricted(segments.slice(start).join('/'), 'path', ['path']));
    }
  }
  for (let start = 0; start < folders.length; start++) {
    keys.push(restricted(folders.slice(start).join('/'), 'folder', ['path']));
  }
  return keys;
}

function toRegistryKeys(key: string): LookupKey[] {
  const segments = toRegistryKey(key).split('\\');
  const keys: LookupKey[] = [exact(segments.join('\\'))];
  for (let start = 1; start < segments.length; start++) {
    keys.push(restricted(segments.slice(start).join('\\'), 'path', ['registry']));
  }
  return keys;
}

/**
 * A CIDR as the lookup keys it, by its network address; undefined for anything else.
 * @example toCidrKey('10.1.2.3/16') // → '10.1.0.0/16'
 */
export function toCidrKey(value: string): string | undefined {
  const cidr = CIDR_RE.exec(value);
  return cidr ? toNetworkKey(cidr[1] as string, Number(cidr[2])) : undefined;
}

function toAddressKeys(value: string): LookupKey[] {
  const cidr = toCidrKey(value);
  if (cidr) return [exact(cidr)];
  return [exact(value), ...NETWORK_LENGTHS.map((length) => restricted(toNetworkKey(value, length), 'network', ['ip']))];
}

/**
 * The host of a URL, or undefined when it is no URL.
 * @example readUrlHost('https://app.pdq.com/login') // → 'app.pdq.com'
 */
export function readUrlHost(value: string): string | undefined {
  try {
    return new URL(value).hostname || undefined;
  } catch {
    return undefined;
  }
}

function splitPath(path: string): string[] {
  return path
    .trim()
    .toLowerCase()
    .split(SEPARATORS_RE)
    .map((segment) => segment.trim())
    .filter((segment) => segment.length > 0);
}

/** `hxxps://app[.]pdq[.]com` as threat reports write it, made a URL again. */
function undefang(value: string): string {
  return value.replace(DEFANGED_DOT_RE, '.').replace(DEFANGED_SCHEME_RE, 'http$1://');
}

function exact(key: string): LookupKey {
  return { key, how: 'exact', rank: RANK.exact };
}

function restricted(key: string, how: MatchHow, kinds: readonly LookupKind[]): LookupKey {
  return { key, how, kinds, rank: RANK[how] };
}

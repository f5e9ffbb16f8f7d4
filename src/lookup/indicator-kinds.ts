/**
 * The kinds of value the indicator lookup knows, shared by the index builder and the lookup:
 * an index entry records one, and a key made from pasted text may accept only some of them.
 */
export const LOOKUP_KINDS = [
  'domain',
  'ip',
  'hash',
  'guid',
  'process',
  'product',
  'signer',
  'path',
  'registry',
  'name',
  'other',
] as const;

export type LookupKind = (typeof LOOKUP_KINDS)[number];

const HASH_RE = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const GUID_RE = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const IPV4_RE = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const SPACES_RE = /\s+/g;
const QUOTES_RE = /^(["'`])(.*)\1$/s;

/**
 * A hash as the lookup keys it: MD5, SHA-1 or SHA-256 in lower case; undefined for anything else.
 * @example toHashKey('D41D8CD98F00B204E9800998ECF8427E') // → 'd41d8cd98f00b204e9800998ecf8427e'
 */
export function toHashKey(value: string): string | undefined {
  return HASH_RE.test(value) ? value.toLowerCase() : undefined;
}

/**
 * A GUID as the lookup keys it: lower case, without braces; undefined for anything else.
 * @example toGuidKey('{58CBBE97-F835-4677-9BEE-203B1DF29600}') // → '58cbbe97-f835-4677-9bee-203b1df29600'
 */
export function toGuidKey(value: string): string | undefined {
  return GUID_RE.exec(value)?.[1]?.toLowerCase();
}

/**
 * Whether a value is a dotted IPv4 address (no prefix length).
 * @example isIpv4('10.1.2.3') // → true
 */
export function isIpv4(value: string): boolean {
  return IPV4_RE.test(value);
}

/**
 * Plain text as the lookup keys it: trimmed, outer quotes removed, lower case, runs of spaces
 * made one, so a signer pasted from a certificate dialog matches the rule's literal.
 * @example toTextKey('  "philandro   Software GmbH" ') // → 'philandro software gmbh'
 */
export function toTextKey(value: string): string {
  const trimmed = value.trim();
  const unquoted = QUOTES_RE.exec(trimmed)?.[2] ?? trimmed;
  return unquoted.replace(SPACES_RE, ' ').trim().toLowerCase();
}

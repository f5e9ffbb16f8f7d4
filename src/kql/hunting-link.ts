/**
 * Deep links into Microsoft Defender XDR advanced hunting.
 * The portal expects the query as base64url(gzip(UTF-16LE text)); building the link at
 * site-generation time lets every rule page open its query in the portal with one click.
 */
import { Buffer } from 'node:buffer';
import { gunzipSync, gzipSync } from 'node:zlib';

export const HUNTING_BASE_URL = 'https://security.microsoft.com/v2/advanced-hunting';

/** The time range the portal preselects; a week covers the lookback of most scheduled rules. */
export const DEFAULT_TIME_RANGE_ID = 'week';

export interface HuntingLinkOptions {
  /** Entra tenant id; blank values are treated as absent so an empty config field adds nothing. */
  tenantId?: string;
}

export interface DecodedHuntingLink {
  query: string;
  tenantId?: string;
  timeRangeId?: string;
}

/** Byte offset of the OS field in a gzip header (RFC 1952 §2.3). */
const GZIP_OS_OFFSET = 9;
/** RFC 1952 "unknown" OS; zlib writes a build-dependent value, which would make links differ per platform. */
const GZIP_OS_UNKNOWN = 0xff;

/**
 * Builds an advanced-hunting link that opens `query` in the Defender portal.
 * @example toHuntingLink('DeviceEvents | take 10', { tenantId: 'contoso.onmicrosoft.com' })
 *   // → 'https://security.microsoft.com/v2/advanced-hunting?query=H4sI…&timeRangeId=week&tid=contoso.onmicrosoft.com'
 */
export function toHuntingLink(query: string, options: HuntingLinkOptions = {}): string {
  let link = `${HUNTING_BASE_URL}?query=${encodeHuntingQuery(query)}&timeRangeId=${DEFAULT_TIME_RANGE_ID}`;
  const tenantId = options.tenantId?.trim();
  if (tenantId) link += `&tid=${encodeURIComponent(tenantId)}`;
  return link;
}

/**
 * Reads the query, tenant and time range back out of an advanced-hunting link.
 * @example fromHuntingLink(toHuntingLink('T | take 1')).query // → 'T | take 1'
 */
export function fromHuntingLink(url: string): DecodedHuntingLink {
  const params = new URL(url).searchParams;
  const encoded = params.get('query');
  if (!encoded) throw new Error(`Not an advanced hunting link (no query parameter): ${url}`);
  const decoded: DecodedHuntingLink = { query: decodeHuntingQuery(encoded) };
  const tenantId = params.get('tid');
  if (tenantId !== null) decoded.tenantId = tenantId;
  const timeRangeId = params.get('timeRangeId');
  if (timeRangeId !== null) decoded.timeRangeId = timeRangeId;
  return decoded;
}

/** Encodes query text the way the portal's `query` parameter expects (URL-safe, unpadded). */
export function encodeHuntingQuery(query: string): string {
  // Level 9 keeps long rule queries under URL length limits; pinning it also pins the bytes.
  const compressed = gzipSync(Buffer.from(query, 'utf16le'), { level: 9 });
  return normaliseGzipHeader(compressed).toString('base64url');
}

/** Decodes a `query` parameter value back to query text; tolerates standard base64 too. */
export function decodeHuntingQuery(encoded: string): string {
  // URLSearchParams turns an unescaped '+' from standard base64 into a space; undo that.
  const restored = encoded.replaceAll(' ', '+');
  return gunzipSync(Buffer.from(restored, 'base64url')).toString('utf16le');
}

/** Returns a copy of a gzip member whose header no longer depends on the build platform. */
function normaliseGzipHeader(gzip: Buffer): Buffer {
  const copy = Buffer.from(gzip);
  copy[GZIP_OS_OFFSET] = GZIP_OS_UNKNOWN;
  return copy;
}

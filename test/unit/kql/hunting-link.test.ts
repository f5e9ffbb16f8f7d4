import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_RANGE_ID,
  decodeHuntingQuery,
  encodeHuntingQuery,
  fromHuntingLink,
  HUNTING_BASE_URL,
  toHuntingLink,
} from '../../../src/kql/hunting-link.ts';
import { PDQ_QUERY, RUSTDESK_QUERY } from '../../support/seed-queries.ts';

const BASE64URL_RE = /^[A-Za-z0-9_-]+$/;

const QUERIES: ReadonlyArray<{ name: string; query: string }> = [
  { name: 'rustdesk seed query', query: RUSTDESK_QUERY },
  { name: 'pdq seed query', query: PDQ_QUERY },
  {
    name: 'umlauts, emoji and CRLF',
    query: 'DeviceEvents\r\n| where FileName == "Größe_ü.exe" // 🚨🔥\r\n| take 10\r\n',
  },
  { name: 'a single space', query: ' ' },
  { name: 'an empty query', query: '' },
];

const TENANTS: ReadonlyArray<{ name: string; tenantId: string | undefined; expectedTid: string | null }> = [
  { name: 'no tenant', tenantId: undefined, expectedTid: null },
  { name: 'blank tenant', tenantId: '  ', expectedTid: null },
  {
    name: 'guid tenant',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    expectedTid: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  },
  { name: 'tenant needing escapes', tenantId: 'a&b=c d', expectedTid: 'a&b=c d' },
];

function queryParamOf(link: string): string {
  const raw = /[?&]query=([^&]*)/.exec(link)?.[1];
  if (raw === undefined) throw new Error(`no query parameter in ${link}`);
  return raw;
}

describe('toHuntingLink', () => {
  describe.each(QUERIES)('$name', ({ query }) => {
    const link = toHuntingLink(query);

    it('points at advanced hunting with a week time range', () => {
      const url = new URL(link);
      expect(`${url.origin}${url.pathname}`).toBe(HUNTING_BASE_URL);
      expect(url.searchParams.get('timeRangeId')).toBe(DEFAULT_TIME_RANGE_ID);
      expect(DEFAULT_TIME_RANGE_ID).toBe('week');
    });

    it('uses only the unpadded base64url alphabet', () => {
      const param = queryParamOf(link);
      expect(param).toMatch(BASE64URL_RE);
      expect(param).not.toMatch(/[+/=]/);
    });

    it('carries gzip of the UTF-16LE text', () => {
      const bytes = gunzipSync(Buffer.from(queryParamOf(link), 'base64url'));
      expect(bytes.equals(Buffer.from(query, 'utf16le'))).toBe(true);
    });

    it('round-trips exactly', () => {
      expect(fromHuntingLink(link)).toEqual({ query, timeRangeId: 'week' });
    });

    it('is deterministic', () => {
      expect(toHuntingLink(query)).toBe(link);
    });
  });

  describe.each(TENANTS)('$name', ({ tenantId, expectedTid }) => {
    const link = toHuntingLink(RUSTDESK_QUERY, { tenantId });

    it('adds tid only when configured', () => {
      expect(new URL(link).searchParams.get('tid')).toBe(expectedTid);
      expect(link.includes('&tid=')).toBe(expectedTid !== null);
    });

    it('keeps the query and time range intact', () => {
      const decoded = fromHuntingLink(link);
      expect(decoded.query).toBe(RUSTDESK_QUERY);
      expect(decoded.timeRangeId).toBe('week');
      expect(decoded.tenantId).toBe(expectedTid ?? undefined);
    });
  });

  it('gives different links for different queries', () => {
    expect(toHuntingLink(RUSTDESK_QUERY)).not.toBe(toHuntingLink(PDQ_QUERY));
  });

  it('does not depend on the platform zlib was built for', () => {
    const gzip = Buffer.from(encodeHuntingQuery(RUSTDESK_QUERY), 'base64url');
    expect(gzip.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    // mtime (bytes 4-7) is zero and the OS byte is pinned to "unknown".
    expect(gzip.readUInt32LE(4)).toBe(0);
    expect(gzip[9]).toBe(0xff);
  });
});

describe('fromHuntingLink', () => {
  it('accepts standard base64, escaped or with + decoded to a space', () => {
    const standard = Buffer.from(encodeHuntingQuery(PDQ_QUERY), 'base64url').toString('base64');
    const escaped = `${HUNTING_BASE_URL}?query=${encodeURIComponent(standard)}&timeRangeId=week`;
    const unescaped = `${HUNTING_BASE_URL}?query=${standard}`;
    expect(fromHuntingLink(escaped).query).toBe(PDQ_QUERY);
    expect(fromHuntingLink(unescaped).query).toBe(PDQ_QUERY);
    expect(decodeHuntingQuery(standard)).toBe(PDQ_QUERY);
  });

  it('rejects a link without a query', () => {
    expect(() => fromHuntingLink(`${HUNTING_BASE_URL}?timeRangeId=week`)).toThrow(/no query parameter/);
  });
});

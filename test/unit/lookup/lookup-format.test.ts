import { describe, expect, test } from 'vitest';
import { decodeShard, encodeShard, type LookupShard, parseLookupManifest } from '../../../src/lookup/lookup-format.ts';

const SHARD: LookupShard = {
  targets: [['r', 'AnyDesk – Network <b>', '/rules/anydesk/']],
  fields: ['RemoteUrl'],
  keys: { 'anydesk.com': [[0, 0, 0]] },
};

describe('lookup shard files', () => {
  test('a shard is stored gzip-compressed and reads back the same', async () => {
    const bytes = await encodeShard(SHARD);
    expect([...bytes.slice(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(await decodeShard(bytes)).toEqual(SHARD);
  });

  test('a shard a server has already unpacked is read as JSON', async () => {
    expect(await decodeShard(new TextEncoder().encode(JSON.stringify(SHARD)))).toEqual(SHARD);
  });

  test.each([
    { data: { version: 1, shards: 3 }, ok: true },
    { data: { version: 2, shards: 3 }, ok: false },
    { data: { version: 1, shards: 0 }, ok: false },
    { data: { version: 1, shards: 1.5 }, ok: false },
    { data: null, ok: false },
  ])('manifest $data', ({ data, ok }) => {
    if (ok) expect(parseLookupManifest(data)).toEqual(data);
    else
      expect(() => parseLookupManifest(data)).toThrow('lookup manifest: expected { "version": 1, "shards": <count> }');
  });
});

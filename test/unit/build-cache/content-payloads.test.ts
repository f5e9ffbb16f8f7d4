import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readPayloads, toPayloadFile, writePayloads } from '../../../src/build-cache/content-payloads.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'huntbook-payloads-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('content payloads', () => {
  test('the store keeps a digest; pages get the data back from the file', () => {
    const data = { file: 'rules/a.yaml', rule: { id: 'a', name: 'A <b>' }, queryNotes: ['n'] };
    const [stored] = writePayloads(dir, 'rules', [{ id: 'a', data }]);
    expect(Object.keys(stored?.data ?? {})).toEqual(['digest']);
    expect(readPayloads(dir, 'rules')('a', stored?.data ?? { digest: '' })).toEqual(data);
  });

  test('the digest changes with the data and only with it', () => {
    const digestOf = (data: unknown) => writePayloads(dir, 'rules', [{ id: 'a', data }])[0]?.data.digest;
    expect(digestOf({ name: 'A' })).toBe(digestOf({ name: 'A' }));
    expect(digestOf({ name: 'A' })).not.toBe(digestOf({ name: 'B' }));
    expect(digestOf({ when: new Date('2024-05-01') })).not.toBe(digestOf({ when: new Date('2024-05-02') }));
  });

  test('dates and non-finite numbers from YAML come back as they were, at any depth', () => {
    const data = yaml.load(
      'lastUpdated: 2024-05-01\nlimits: { low: .nan, high: .inf, list: [1, -.inf, 2024-01-02] }\n',
    );
    const [stored] = writePayloads(dir, 'rules', [{ id: 'a', data }]);
    const back = readPayloads<typeof data>(dir, 'rules')('a', stored?.data ?? { digest: '' });
    expect(back).toEqual(data);
    expect((back as { lastUpdated: unknown }).lastUpdated).toBeInstanceOf(Date);
  });

  test('an entry missing from the file, or from another load, is an error naming it', () => {
    const [stored] = writePayloads(dir, 'runbooks', [{ id: 'a', data: { hypothesis: 'H' } }]);
    const dataOf = readPayloads(dir, 'runbooks');
    const file = toPayloadFile(dir, 'runbooks');
    expect(() => dataOf('b', stored?.data ?? { digest: '' })).toThrow(
      `runbooks entry b: its data in the build cache (${file}) is missing or out of date; build again`,
    );
    expect(() => dataOf('a', { digest: 'other' })).toThrow(`runbooks entry a: its data in the build cache`);
  });

  test('a missing or damaged file says to build again', () => {
    expect(() => readPayloads(dir, 'rules')).toThrow(/cannot read the rules from the build cache .*; build again$/);
    writePayloads(dir, 'rules', [{ id: 'a', data: {} }]);
    const file = toPayloadFile(dir, 'rules');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 10));
    expect(() => readPayloads(dir, 'rules')).toThrow(/cannot read the rules from the build cache/);
  });
});

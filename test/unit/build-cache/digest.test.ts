import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { digest } from '../../../src/build-cache/digest.ts';

test('one part is its plain SHA-256, so search pages spread into shards as before', () => {
  expect(digest('rules/a/index.html')).toBe(createHash('sha256').update('rules/a/index.html').digest('hex'));
  expect(digest(new Uint8Array([1, 2, 3]))).toMatch(/^[0-9a-f]{64}$/);
});

test.each([
  { what: 'another part', a: ['a', 'b'], b: ['a', 'c'] },
  { what: 'parts split elsewhere', a: ['ab', 'c'], b: ['a', 'bc'] },
  { what: 'an extra empty part', a: ['a'], b: ['a', ''] },
])('$what gives another digest', ({ a, b }) => {
  expect(digest(...a)).not.toBe(digest(...b));
});

import { expect, test } from 'vitest';
import { GUID_RE } from '../../../src/schemas/guid.ts';

test.each([
  { value: '58cbbe97-f835-4677-9bee-203b1df29600', expected: true },
  { value: '58CBBE97-F835-4677-9BEE-203B1DF29600', expected: true },
  { value: '58cbbe97f8354677-9bee-203b1df29600', expected: false },
  { value: '58cbbe97-f835-4677-9bee-203b1df2960', expected: false },
  { value: ' 58cbbe97-f835-4677-9bee-203b1df29600', expected: false },
  { value: 'g8cbbe97-f835-4677-9bee-203b1df29600', expected: false },
])('$value → $expected', ({ value, expected }) => {
  expect(GUID_RE.test(value)).toBe(expected);
});

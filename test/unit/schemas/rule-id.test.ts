import { describe, expect, test } from 'vitest';
import { hasPermalink } from '../../../src/schemas/rule-id.ts';

describe('hasPermalink', () => {
  test.each([
    { id: '58cbbe97-f835-4677-9bee-203b1df29600', expected: true },
    { id: 'pdq-network-1', expected: true },
    { id: 'pdq network', expected: false },
    { id: '../etc', expected: false },
    // The /r/ page and its names file sit beside the rules' folders.
    { id: 'index.html', expected: false },
    { id: 'names.json', expected: false },
  ])('$id → $expected', ({ id, expected }) => {
    expect(hasPermalink(id)).toBe(expected);
  });
});

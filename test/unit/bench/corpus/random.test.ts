import { describe, expect, test } from 'vitest';
import { createGuid, createRandom } from '../../../../bench/corpus/random.ts';

describe('createRandom', () => {
  test('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.uint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  test('makes version-4 GUIDs', () => {
    const random = createRandom(3);
    for (let index = 0; index < 50; index++) {
      expect(createGuid(random)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

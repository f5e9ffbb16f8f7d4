import { expect, test } from 'vitest';
import { collectGarbage } from '../../../src/loaders/release-memory.ts';

const nextTurn = () => new Promise((resolveTurn) => setTimeout(resolveTurn, 0));

/** A WeakRef to an object nothing else holds; made in a function so no local keeps it. */
function makeUnreachable(): WeakRef<object> {
  return new WeakRef({ payload: 'x'.repeat(1024) });
}

test('an object nothing refers to is gone after a collection, and no global gc is left behind', async () => {
  const ref = makeUnreachable();
  // A WeakRef keeps its target until the job that made it has ended.
  await nextTurn();
  collectGarbage();
  expect(ref.deref()).toBeUndefined();
  expect('gc' in globalThis).toBe(false);
});

test('the memory of dropped objects goes back to the system, not only to the heap', async () => {
  const before = process.memoryUsage.rss();
  let held: { index: number; text: string }[] | undefined = Array.from({ length: 2_000_000 }, (_, index) => ({
    index,
    text: `item ${index}`,
  }));
  const grown = process.memoryUsage.rss() - before;
  expect(held.length).toBe(2_000_000);
  held = undefined;
  await nextTurn();
  collectGarbage();
  const returned = before + grown - process.memoryUsage.rss();
  // A plain collection gives back about a quarter of it; this one nearly all.
  expect(returned).toBeGreaterThan(grown * 0.6);
});

import { describe, expect, test } from 'vitest';
import type { RuleFileOutcome } from '../../../src/loaders/read-rules.ts';
import { probeForNewQueries } from '../../../src/loaders/read-rules-with-queries.ts';

/** A stand-in outcome per file; the probe sees files only through `queryOf`. */
const files = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ absolutePath: `/r/${index}.yaml`, findings: [] }) as RuleFileOutcome);

/** The index at which the probe says to start the workers, or undefined when it never does. */
function startsAt(total: number, isNew: (index: number) => boolean): number | undefined {
  const indexOf = new Map(files(total).map((file, index) => [file, index]));
  const probe = probeForNewQueries(
    (file) => [`q${indexOf.get(file)}`],
    (query) => (isNew(Number(query.slice(1))) ? 'new' : 'cached'),
  );
  let startedAt: number | undefined;
  for (const [file, index] of indexOf)
    if (probe.decide(file, index, total) && startedAt === undefined) startedAt = index;
  return startedAt;
}

describe('probeForNewQueries', () => {
  test.each([
    { when: 'a cold build of 5,000 rules', total: 5000, isNew: () => true, expected: 63 },
    { when: 'a rebuild, every query cached', total: 5000, isNew: () => false, expected: undefined },
    { when: 'one new query among cached ones', total: 5000, isNew: (i: number) => i === 3, expected: undefined },
    { when: 'too few rules for workers', total: 40, isNew: () => true, expected: undefined },
    { when: 'fewer rules than the probe, enough for workers', total: 60, isNew: () => true, expected: 59 },
    { when: 'a third of the first files new', total: 5000, isNew: (i: number) => i % 3 === 0, expected: undefined },
  ])('$when: starts at $expected', ({ total, isNew, expected }) => {
    expect(startsAt(total, isNew)).toBe(expected);
  });
});

import { expect, test } from 'vitest';
import { parseStatTimes, treeCpuSeconds } from '../../../bench/cpu-time.ts';

/** A /proc/<pid>/stat line with the given command name and times (fields 14 to 17). */
const statLine = (command: string, [utime, stime, cutime, cstime]: number[]) =>
  `4242 (${command}) S 1 4242 4242 0 -1 4194560 100 0 0 0 ${utime} ${stime} ${cutime} ${cstime} 20 0 11 0 123 456789 789`;

test.each([
  ['node', [150, 30, 7, 3], { ownTicks: 180, reapedChildTicks: 10 }],
  ['npm run build', [1, 2, 300, 40], { ownTicks: 3, reapedChildTicks: 340 }],
  ['a) (b', [5, 5, 0, 0], { ownTicks: 10, reapedChildTicks: 0 }],
])('reads the times of %j after its command name', (command, times, expected) => {
  expect(parseStatTimes(statLine(command, times))).toEqual(expected);
});

test('a truncated stat line is an error, not a zero', () => {
  expect(() => parseStatTimes('4242 (node) S 1 4242')).toThrow(/no field 14/);
});

test.each([
  // Every process reaped: the reaped time covers the tree, sampling saw less of it.
  [{ reapedBefore: 100, reapedAfter: 4100, sampledTicks: [3900, 50], ticksPerSecond: 100 }, 40],
  // A process that outlived its parent was never reaped into this one: sampling saw more.
  [{ reapedBefore: 0, reapedAfter: 1000, sampledTicks: [900, 400], ticksPerSecond: 100 }, 13],
  [{ reapedBefore: 0, reapedAfter: 0, sampledTicks: [], ticksPerSecond: 250 }, 0],
])('tree CPU time is the larger of its two lower bounds: %j', (input, seconds) => {
  expect(treeCpuSeconds(input)).toBe(seconds);
});

/** CPU time of a process as /proc/<pid>/stat gives it, in clock ticks. */
export interface StatTimes {
  /** User and system time of the process itself (all its threads). */
  ownTicks: number;
  /** User and system time of its children that it has waited for, and theirs in turn. */
  reapedChildTicks: number;
}

/**
 * Reads utime, stime, cutime and cstime (fields 14 to 17) from the text of /proc/<pid>/stat.
 * The command name may hold spaces and parentheses, so fields are counted after the last ')'.
 * @example parseStatTimes('42 (node) S 1 42 42 0 -1 0 0 0 0 0 150 30 7 3 20 0') // → {ownTicks: 180, reapedChildTicks: 10}
 */
export function parseStatTimes(stat: string): StatTimes {
  // After ') ' come field 3 (state) onwards, so field N is at index N - 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const field = (number: number) => {
    const value = Number(fields[number - 3]);
    if (!Number.isFinite(value)) throw new Error(`/proc stat has no field ${number}: ${stat}`);
    return value;
  };
  return { ownTicks: field(14) + field(15), reapedChildTicks: field(16) + field(17) };
}

/**
 * The CPU seconds of a finished process tree, from two lower bounds taken the larger:
 * - what the measuring process's own reaped-children time grew by while the tree ran (exact for
 *   every descendant that was waited for, blind to one that outlived its parent);
 * - the sum of each sampled process's last own time (sees every process that lived through a
 *   sample, but misses the time after each one's last sample).
 * @example treeCpuSeconds({reapedBefore: 100, reapedAfter: 4100, sampledTicks: [3900, 150], ticksPerSecond: 100}) // → 41
 */
export function treeCpuSeconds(input: {
  reapedBefore: number;
  reapedAfter: number;
  sampledTicks: Iterable<number>;
  ticksPerSecond: number;
}): number {
  let sampled = 0;
  for (const ticks of input.sampledTicks) sampled += ticks;
  return Math.max(input.reapedAfter - input.reapedBefore, sampled) / input.ticksPerSecond;
}

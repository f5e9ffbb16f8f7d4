import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parseStatTimes, treeCpuSeconds } from './cpu-time.ts';

const RSS_POLL_MS = 50;
const PID_RE = /^\d+$/;
const VM_RSS_RE = /^VmRSS:\s+(\d+)\s+kB/m;

/** What sampling a process tree found: its peak summed memory and its CPU time. */
export interface TreeFigures {
  peakRssBytes: number | null;
  cpuSeconds: number | null;
}

/**
 * Samples a process tree every 50 ms: its summed resident memory, keeping the maximum, and each
 * process's own CPU time, keeping each pid's last value. Start it right after spawning and stop
 * it once the root has been reaped (the `close` event), so the reaped-children time of this
 * process covers the whole tree (see treeCpuSeconds). Figures are null without /proc.
 */
export function startTreeSampler(rootPid: number): { stop: () => TreeFigures } {
  if (!existsSync('/proc/self/status')) return { stop: () => ({ peakRssBytes: null, cpuSeconds: null }) };
  const reapedBefore = readStatTimes('self')?.reapedChildTicks ?? 0;
  const readChildren = chooseChildrenReader();
  const lastTicks = new Map<number, number>();
  let peak = 0;
  const sample = () => {
    let total = 0;
    for (const pid of listProcessTree(rootPid, readChildren)) {
      total += readRssBytes(pid);
      const times = readStatTimes(String(pid));
      if (times) lastTicks.set(pid, times.ownTicks);
    }
    if (total > peak) peak = total;
  };
  sample();
  const timer = setInterval(sample, RSS_POLL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      const reapedAfter = readStatTimes('self')?.reapedChildTicks ?? reapedBefore;
      const cpuSeconds = treeCpuSeconds({
        reapedBefore,
        reapedAfter,
        sampledTicks: lastTicks.values(),
        ticksPerSecond: readTicksPerSecond(),
      });
      return { peakRssBytes: peak, cpuSeconds };
    },
  };
}

let ticksPerSecond: number | undefined;

/** The kernel's clock ticks per second (USER_HZ), 100 on nearly every Linux. */
function readTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function readStatTimes(pid: string): ReturnType<typeof parseStatTimes> | undefined {
  try {
    return parseStatTimes(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    // Gone already.
    return undefined;
  }
}

function listProcessTree(rootPid: number, readChildren: (pid: number) => number[]): number[] {
  const pids = [rootPid];
  for (let index = 0; index < pids.length; index++) pids.push(...readChildren(pids[index] as number));
  return pids;
}

/**
 * The kernel lists each thread's children in /proc/<pid>/task/<tid>/children when built with
 * CONFIG_PROC_CHILDREN; otherwise every process's parent has to be read from /proc/*\/stat.
 */
function chooseChildrenReader(): (pid: number) => number[] {
  if (existsSync(`/proc/${process.pid}/task/${process.pid}/children`)) return readTaskChildren;
  return (pid) => scanParents().get(pid) ?? [];
}

function readTaskChildren(pid: number): number[] {
  const children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text !== '') children.push(...text.split(' ').map(Number));
    }
  } catch {
    // The process ended between listing and reading; it has no children any more.
  }
  return children;
}

function scanParents(): Map<number, number[]> {
  const byParent = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!PID_RE.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may contain spaces and parentheses; fields resume after the last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byParent.set(parent, [...(byParent.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone already.
    }
  }
  return byParent;
}

function readRssBytes(pid: number): number {
  try {
    const match = VM_RSS_RE.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

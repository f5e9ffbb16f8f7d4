import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseStatTimes, treeCpuSeconds } from './cpu-time.ts';

const RSS_POLL_MS = 50;
const PID_RE = /^\d+$/;
const VM_RSS_RE = /^VmRSS:\s+(\d+)\s+kB/m;

/** What sampling a process tree found: its peak summed memory and its CPU time. */
export interface TreeFigures {
  peakRssBytes: number | null;
  cpuSeconds: number | null;
  /** At the peak: how long after the start it came, and each process's share of it. */
  peakAt?: PeakBreakdown;
}

/** The sample with the largest summed memory: its time and each process's memory in it. */
export interface PeakBreakdown {
  seconds: number;
  processes: { label: string; rssBytes: number }[];
}

/**
 * Samples a process tree every 50 ms: its summed resident memory, keeping the maximum (and
 * what each process held at that moment), and each
 * process's own CPU time, keeping each pid's last value. Start it right after spawning and stop
 * it once the root has been reaped (the `close` event), so the reaped-children time of this
 * process covers the whole tree (see treeCpuSeconds). Figures are null without /proc.
 */
export function startTreeSampler(rootPid: number): { stop: () => TreeFigures } {
  if (!existsSync('/proc/self/status')) return { stop: () => ({ peakRssBytes: null, cpuSeconds: null }) };
  const reapedBefore = readStatTimes('self')?.reapedChildTicks ?? 0;
  const readChildren = chooseChildrenReader();
  const lastTicks = new Map<number, number>();
  const labels = new Map<number, string>();
  const startedAt = performance.now();
  let peak = 0;
  let peakAt: PeakBreakdown | undefined;
  const sample = () => {
    let total = 0;
    const processes: { label: string; rssBytes: number }[] = [];
    for (const pid of listProcessTree(rootPid, readChildren)) {
      const rssBytes = readRssBytes(pid);
      total += rssBytes;
      // A process just started may still show its launcher's command line (`node`, `env`).
      const known = labels.get(pid);
      if (known === undefined || PROVISIONAL_LABELS.has(known)) labels.set(pid, readProcessLabel(pid));
      const times = readStatTimes(String(pid));
      if (times) lastTicks.set(pid, times.ownTicks);
      processes.push({ label: labels.get(pid) as string, rssBytes });
    }
    if (total > peak) {
      peak = total;
      peakAt = { seconds: (performance.now() - startedAt) / 1000, processes };
    }
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
      return { peakRssBytes: peak, cpuSeconds, ...(peakAt ? { peakAt } : {}) };
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

/**
 * A short name for a process of the build: its script's file name (`huntbook.mjs`,
 * `query-worker.ts`) when it runs one, else its command (`npm`, `sh`).
 */
function readProcessLabel(pid: number): string {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const script = args.slice(1).find((arg) => !arg.startsWith('-') && SCRIPT_RE.test(arg));
    return basename(script ?? args[0] ?? 'node');
  } catch {
    return 'node';
  }
}

const SCRIPT_RE = /\.(?:[cm]?[jt]s)$/;
const PROVISIONAL_LABELS = new Set(['node', 'env']);

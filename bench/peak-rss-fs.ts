import { existsSync, readdirSync, readFileSync } from 'node:fs';

const RSS_POLL_MS = 50;
const PID_RE = /^\d+$/;
const VM_RSS_RE = /^VmRSS:\s+(\d+)\s+kB/m;

/**
 * Samples the summed resident memory of a process and all its descendants every 50 ms and
 * keeps the maximum. Shared pages are counted once per process, as `ps` would.
 * Returns null on systems without /proc.
 */
export function startRssSampler(rootPid: number): { stop: () => number | null } {
  if (!existsSync('/proc/self/status')) return { stop: () => null };
  const readChildren = chooseChildrenReader();
  let peak = 0;
  const sample = () => {
    const total = listProcessTree(rootPid, readChildren).reduce((sum, pid) => sum + readRssBytes(pid), 0);
    if (total > peak) peak = total;
  };
  sample();
  const timer = setInterval(sample, RSS_POLL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
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

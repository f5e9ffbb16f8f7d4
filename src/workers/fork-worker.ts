import { type ChildProcess, fork } from 'node:child_process';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT, packagePath } from '../package/package-root.ts';

/** Debugger flags would make every worker claim the parent's inspector port. */
const INSPECT_FLAG_RE = /^--inspect/;

export interface ForkWorkerOptions {
  /** V8 or Node flags for the worker, after this process's own. */
  flags?: readonly string[];
  /** `advanced` lets messages carry Maps, Sets and typed arrays. */
  serialization?: 'json' | 'advanced';
  /** Command-line arguments for the worker's script. */
  args?: readonly string[];
}

/**
 * Starts a worker process from a TypeScript file with this process's flags (TypeScript
 * support included, debugger flags left out), its output on this process's, and an IPC channel.
 * @example const worker = forkWorker(resolve('src/kql/query-worker.ts'), { flags: ['--max-old-space-size=192'] });
 */
export function forkWorker(path: string, options: ForkWorkerOptions = {}): ChildProcess {
  const execArgv = [
    ...process.execArgv.filter((flag) => !INSPECT_FLAG_RE.test(flag)),
    ...stripTypesFlags(),
    ...(options.flags ?? []),
  ];
  return fork(path, [...(options.args ?? [])], {
    execArgv,
    serialization: options.serialization ?? 'json',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/**
 * Node does not strip TypeScript types under node_modules: an installed Huntbook's workers load
 * the hook that does (bin/strip-types.mjs), unless this process already passes it on.
 */
function stripTypesFlags(): string[] {
  if (!PACKAGE_ROOT.split(sep).includes('node_modules')) return [];
  const hook = pathToFileURL(packagePath('bin', 'strip-types.mjs')).href;
  return process.execArgv.includes(hook) ? [] : ['--import', hook];
}

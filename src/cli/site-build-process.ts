import { fork } from 'node:child_process';
import { packagePath } from '../package/package-root.ts';
import { stripTypesFlags } from '../workers/fork-worker.ts';
import type { CommandIo } from './command.ts';

const SITE_BUILD_PATH = packagePath('src', 'cli', 'site-build.ts');

/**
 * The bundler (Rolldown) allocates with mimalloc, which keeps freed memory unless told otherwise;
 * at 5,000 rules these settings save about 175 MB (docs/performance.md). mimalloc reads them when
 * its process starts; a user's own values are kept.
 */
const BUNDLER_MEMORY_ENV = {
  MIMALLOC_PURGE_DELAY: '0',
  MIMALLOC_PURGE_DECOMMITS: '1',
  MIMALLOC_ARENA_EAGER_COMMIT: '0',
};

/**
 * Runs Astro's build (site-build.ts) in a child process with the command's environment, its
 * output passed on through `io`; resolves to its exit code. A build in the command's own
 * process would keep Astro's memory, about a gigabyte at 5,000 rules, through the search index.
 */
export function runSiteBuild(io: CommandIo): Promise<number> {
  return new Promise((resolveCode, reject) => {
    const child = fork(SITE_BUILD_PATH, [], {
      cwd: io.cwd,
      env: { ...BUNDLER_MEMORY_ENV, ...io.env },
      execArgv: [...process.execArgv, ...stripTypesFlags()],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.setEncoding('utf8').on('data', (text: string) => io.stdout(text.replace(/\n$/, '')));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => io.stderr(text.replace(/\n$/, '')));
    child.on('error', reject);
    child.on('close', (code, signal) => resolveCode(code ?? (signal ? 130 : 5)));
  });
}

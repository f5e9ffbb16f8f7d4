/**
 * Astro's build of the site, run by `huntbook build` in a process of its own (site-build-process.ts):
 * when it ends, all its memory is back before the search index is written, and the bundler's
 * allocator reads its settings from the environment it starts with. The settings arrive as the
 * `HUNTBOOK_*` variables. Exit codes: 0 built, 1 content errors (printed as findings), 5 failure.
 */
import { ContentError } from '../checks/findings.ts';
import { PACKAGE_ROOT } from '../package/package-root.ts';
import { EXIT } from './command.ts';
import { isRunDirectly } from './run-directly.ts';
import { formatContentError } from './settings-env.ts';

/** The content error behind a failed build, which Astro may hand back wrapped. */
export function findContentError(error: unknown): ContentError | undefined {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof ContentError || (cause as Error).name === 'ContentError') return cause as ContentError;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

async function main(): Promise<number> {
  const { build } = await import('astro');
  try {
    await build({ root: PACKAGE_ROOT, logLevel: 'info' });
    return EXIT.ok;
  } catch (error) {
    const content = findContentError(error);
    if (content) {
      process.stderr.write(`${formatContentError(content)}\n`);
      return EXIT.findings;
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
}

if (isRunDirectly(import.meta.url)) process.exitCode = await main();

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * True when the module at `moduleUrl` is the script node was started with, so a CLI module
 * can also be imported by tests without running. `import.meta.main` only exists from Node 24.2,
 * and package.json still allows Node 22.
 * @example if (isRunDirectly(import.meta.url)) await main(process.argv.slice(2));
 */
export function isRunDirectly(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(moduleUrl);
  } catch {
    return false;
  }
}

/** What a CLI's argument parser makes of its command line. */
export type ParsedArgs<TOptions> =
  | { kind: 'run'; options: TOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/**
 * Answers `--help` with the usage and a bad command line with the error and the usage (exit
 * code 2); returns the options to run with otherwise.
 * @example const options = takeOptions(parseBenchArgs(argv), USAGE); if (options) await runBench(options);
 */
export function takeOptions<TOptions>(parsed: ParsedArgs<TOptions>, usage: string): TOptions | undefined {
  if (parsed.kind === 'help') {
    console.log(usage);
    return undefined;
  }
  if (parsed.kind === 'error') {
    console.error(`error: ${parsed.message}\n${usage}`);
    process.exitCode = 2;
    return undefined;
  }
  return parsed.options;
}

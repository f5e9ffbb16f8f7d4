import { parseArgs } from 'node:util';
import type { ImportOptions } from '../import/import-seeds.ts';
import { runImport } from '../import/import-seeds-fs.ts';
import { isRunDirectly, type ParsedArgs, takeOptions } from './run-directly.ts';

/**
 * Imports seed hunting documents into content/: one rule YAML and one runbook per document.
 * Usage: node src/cli/import.ts <files or folders…> [--out content] [--force]
 */

export const USAGE = 'Usage: node src/cli/import.ts <files or folders…> [--out content] [--force]';

export type ParsedImportArgs = ParsedArgs<ImportOptions>;

/**
 * Reads the command line into options, without touching the file system.
 * @example parseImportArgs(['seeds', '--force']) // → {kind: 'run', options: {inputs: ['seeds'], out: 'content', force: true}}
 */
export function parseImportArgs(argv: readonly string[]): ParsedImportArgs {
  let parsed: ReturnType<typeof readArgv>;
  try {
    parsed = readArgv(argv);
  } catch (cause) {
    return { kind: 'error', message: cause instanceof Error ? cause.message : String(cause) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0) return { kind: 'error', message: 'no input files or folders given' };
  if (values.out.trim() === '') return { kind: 'error', message: '--out needs a folder' };
  return { kind: 'run', options: { inputs: positionals, out: values.out, force: values.force } };
}

/** node:util's parser with the importer's options; throws on unknown flags. */
function readArgv(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string', short: 'o', default: 'content' },
      force: { type: 'boolean', short: 'f', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

/** Runs the importer from the command line and sets the exit code. */
async function main(argv: readonly string[]): Promise<void> {
  const options = takeOptions(parseImportArgs(argv), USAGE);
  if (!options) return;
  const summary = await runImport(options, {
    cwd: process.cwd(),
    stdout: (line) => console.log(line),
    stderr: (line) => console.error(line),
  });
  process.exitCode = summary.exitCode;
}

if (isRunDirectly(import.meta.url)) await main(process.argv.slice(2));

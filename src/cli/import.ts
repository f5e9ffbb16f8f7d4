import { parseArgs } from 'node:util';
import type { ImportOptions } from '../import/import-seeds.ts';
import { runImport } from '../import/import-seeds-fs.ts';
import { type Command, EXIT } from './command.ts';
import { describeUnknownFlag } from './command-line.ts';
import { isRunDirectly, type ParsedArgs, takeOptions } from './run-directly.ts';

/**
 * `huntbook import`: imports seed hunting documents into a content folder, one rule YAML and one
 * runbook per document.
 */

export const USAGE = [
  'Usage: huntbook import <files or folders…> [--out DIR] [--force]',
  '',
  'Turns hunting documents (Markdown with a KQL query and its notes) into a rule YAML under',
  'DIR/rules and a runbook under DIR/runbooks, one pair per document.',
  '',
  '  -o, --out DIR  content folder to write into (default: content)',
  '  -f, --force    overwrite files that already exist',
  '  -h, --help     show this help',
].join('\n');

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
    const unknown = argv.find((arg) => arg.startsWith('-') && !IMPORT_FLAGS.includes(arg));
    if (unknown) return { kind: 'error', message: describeUnknownFlag(unknown, IMPORT_FLAG_SPECS) };
    return { kind: 'error', message: cause instanceof Error ? cause.message : String(cause) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (positionals.length === 0) return { kind: 'error', message: 'no input files or folders given' };
  if (values.out.trim() === '') return { kind: 'error', message: '--out needs a folder' };
  return { kind: 'run', options: { inputs: positionals, out: values.out, force: values.force } };
}

const IMPORT_FLAG_SPECS = {
  out: { type: 'string', description: '' },
  force: { type: 'boolean', description: '' },
} as const;
const IMPORT_FLAGS = ['--out', '-o', '--force', '-f', '--help', '-h'];

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

export const importCommand: Command = {
  name: 'import',
  summary: 'turn hunting documents into rules and runbooks',
  help: USAGE,
  run: async (argv, io) => {
    const parsed = parseImportArgs(argv);
    if (parsed.kind === 'help') {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    if (parsed.kind === 'error') {
      io.stderr(`error: ${parsed.message}\nRun "huntbook import --help" for its flags.`);
      return EXIT.usage;
    }
    const summary = await runImport(parsed.options, { cwd: io.cwd, stdout: io.stdout, stderr: io.stderr });
    return summary.exitCode;
  },
};

if (isRunDirectly(import.meta.url)) await main(process.argv.slice(2));

import { parseArgs } from 'node:util';
import { suggestKey } from '../loaders/frontmatter-keys.ts';
import { type CommandIo, EXIT } from './command.ts';

/** A flag of a sub-command, as node:util's parseArgs takes it, with its line of help. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in --help, e.g. `FILE`. */
  value?: string;
  description: string;
}

export type FlagSpecs = Record<string, FlagSpec>;

export type ParsedCommandLine =
  | { kind: 'run'; values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

/**
 * Reads a sub-command's arguments. `--help` (or `-h`) anywhere asks for help; an unknown flag is
 * an error that names the nearest known flag, so `--stric` says "did you mean --strict?".
 * @example parseCommandLine(['--stric'], { strict: { type: 'boolean', description: '…' } }) // → {kind: 'error', message: 'unknown flag --stric (did you mean --strict?)'}
 */
export function parseCommandLine(
  argv: readonly string[],
  flags: FlagSpecs,
  { positionals = 'none' }: { positionals?: 'none' | 'any' } = {},
): ParsedCommandLine {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const unknown = argv.find((arg) => arg.startsWith('-') && arg !== '-' && arg !== '--' && !isKnownFlag(arg, flags));
  if (unknown !== undefined) return { kind: 'error', message: describeUnknownFlag(unknown, flags) };
  try {
    const { values, positionals: given } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(
        Object.entries(flags).map(([name, spec]) => [
          name,
          {
            type: spec.type,
            ...(spec.short ? { short: spec.short } : {}),
            ...(spec.multiple ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
    if (positionals === 'none' && given.length > 0) {
      return { kind: 'error', message: `unexpected argument "${given[0]}"` };
    }
    return {
      kind: 'run',
      values: values as Record<string, string | boolean | string[] | undefined>,
      positionals: given,
    };
  } catch (cause) {
    return { kind: 'error', message: toParseMessage(cause) };
  }
}

function isKnownFlag(arg: string, flags: FlagSpecs): boolean {
  if (arg.startsWith('--')) return Object.hasOwn(flags, arg.slice(2).split('=')[0] ?? '');
  const letter = arg.slice(1, 2);
  return Object.values(flags).some((spec) => spec.short === letter);
}

/**
 * @example describeUnknownFlag('--out-dir', { out: { type: 'string', description: '' } }) // → 'unknown flag --out-dir (flags: --out, --help)'
 */
export function describeUnknownFlag(arg: string, flags: FlagSpecs): string {
  const name = arg.replace(/^-+/, '').split('=')[0] ?? '';
  const known = [...Object.keys(flags), 'help'];
  const suggestion = suggestKey(name, known);
  const shown = arg.split('=')[0];
  return suggestion
    ? `unknown flag ${shown} (did you mean --${suggestion}?)`
    : `unknown flag ${shown} (flags: ${known.map((flag) => `--${flag}`).join(', ')})`;
}

/** node:util's messages end with advice for programs ("To specify a positional argument…"); the first sentence is the user's. */
function toParseMessage(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause);
  return message.split('. ')[0]?.replace(/'/g, '') ?? message;
}

/**
 * The flag lines of a --help text.
 * @example formatFlags({ out: { type: 'string', value: 'DIR', description: 'output folder' } }) // → '  --out DIR      output folder\n  -h, --help     …'
 */
export function formatFlags(flags: FlagSpecs): string {
  const rows = [
    ...Object.entries(flags).map(([name, spec]) => [
      `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`,
      spec.description,
    ]),
    ['-h, --help', 'show this help'],
  ];
  const width = Math.max(...rows.map(([left]) => (left ?? '').length)) + 2;
  return rows.map(([left = '', right = '']) => `  ${left.padEnd(width)}${right}`).join('\n');
}

/**
 * Reads a sub-command's arguments as `parseCommandLine` does, answering `--help` and a wrong
 * command line itself: what comes back is the arguments to run with, or the exit code.
 * @example const parsed = readCommandLine(argv, FLAGS, initCommand, io); if (typeof parsed === 'number') return parsed;
 */
export function readCommandLine(
  argv: readonly string[],
  flags: FlagSpecs,
  command: { name: string; help: string },
  io: Pick<CommandIo, 'stdout' | 'stderr'>,
  options: { positionals?: 'none' | 'any' } = {},
): Extract<ParsedCommandLine, { kind: 'run' }> | number {
  const parsed = parseCommandLine(argv, flags, options);
  if (parsed.kind === 'run') return parsed;
  if (parsed.kind === 'error') return reportUsageError(parsed.message, command, io);
  io.stdout(command.help);
  return EXIT.ok;
}

/** A wrong command line: the message, and where to find the command's flags. */
export function reportUsageError(message: string, command: { name: string }, io: Pick<CommandIo, 'stderr'>): number {
  io.stderr(`error: ${message}\nRun "huntbook ${command.name} --help" for its flags.`);
  return EXIT.usage;
}

/**
 * The `huntbook` command: finds the sub-command and hands it the rest of the command line.
 * Sub-commands load only when used, so `huntbook --help` and `huntbook check` do not load Astro.
 */
import { suggestKey } from '../loaders/frontmatter-keys.ts';
import { type Command, type CommandIo, consoleIo, EXIT } from './command.ts';

interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

/** Every sub-command, in the order `huntbook --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'build',
    summary: 'build the whole site, search index included',
    load: async () => (await import('./build-command.ts')).buildCommand,
  },
  {
    name: 'check',
    summary: 'check the content as a build would, without building: for pull requests',
    load: async () => (await import('./check-command.ts')).checkCommand,
  },
  {
    name: 'dev',
    summary: 'serve the site while you edit, with content errors shown in the browser',
    load: async () => (await import('./serve-commands.ts')).devCommand,
  },
  {
    name: 'preview',
    summary: 'serve the last build',
    load: async () => (await import('./serve-commands.ts')).previewCommand,
  },
  {
    name: 'import',
    summary: 'turn hunting documents into rules and runbooks',
    load: async () => (await import('./import.ts')).importCommand,
  },
  {
    name: 'new runbook',
    summary: 'write a runbook skeleton for a rule, or for every rule without one',
    load: async () => (await import('./new-runbook-command.ts')).newRunbookCommand,
  },
  {
    name: 'init',
    summary: 'write a commented huntbook.config.yaml and a CI workflow for this folder',
    load: async () => (await import('./init-command.ts')).initCommand,
  },
];

const VERSION_FLAGS = new Set(['--version', '-v']);

export function formatUsage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return [
    'Usage: huntbook <command> [flags]',
    '',
    'Builds a documentation site from Microsoft Sentinel rules, runbooks and a catalog of',
    'remote-access tools. Settings are read from huntbook.config.yaml in the current folder,',
    'or the file given with --config.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Run "huntbook <command> --help" for its flags.',
    '',
    'Exit codes: 0 done; 1 content errors (or warnings with --strict); 2 wrong command line;',
    '3 unusable settings; 4 output folder holds files Huntbook did not write; 5 other failure.',
  ].join('\n');
}

/**
 * Runs `huntbook <argv…>` and returns the exit code.
 * @example await runHuntbook(['check', '--strict'], consoleIo()) // → 0
 */
export async function runHuntbook(argv: readonly string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(formatUsage());
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (VERSION_FLAGS.has(first)) {
    io.stdout(await readVersion());
    return EXIT.ok;
  }
  const entry = findCommand(argv);
  const family = COMMANDS.filter((command) => command.name.startsWith(`${first} `));
  if (!entry && family.length > 0) {
    const names = family.map((command) => `"huntbook ${command.name}"`).join(', ');
    io.stderr(
      `error: "${first}" needs what to make${argv[1] ? `, not "${argv[1]}"` : ''}: ${names}\n` +
        'Run "huntbook --help" for the list of commands.',
    );
    return EXIT.usage;
  }
  if (!entry) {
    const suggestion = suggestKey(
      first,
      COMMANDS.map((command) => command.name.split(' ')[0] ?? ''),
    );
    io.stderr(
      `error: unknown command "${first}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}\n` +
        'Run "huntbook --help" for the list of commands.',
    );
    return EXIT.usage;
  }
  const command = await entry.load();
  const words = entry.name.split(' ').length;
  return command.run([first, ...rest].slice(words), io);
}

/** The entry whose words start the command line: `new runbook …` before `new …`. */
function findCommand(argv: readonly string[]): CommandEntry | undefined {
  return [...COMMANDS]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((command) => command.name.split(' ').every((word, index) => argv[index] === word));
}

async function readVersion(): Promise<string> {
  const { readFileSync } = await import('node:fs');
  const { packagePath } = await import('../package/package-root.ts');
  return (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;
}

/** The command line's entry point (bin/huntbook.mjs). */
export async function main(): Promise<void> {
  process.exitCode = await runHuntbook(process.argv.slice(2), consoleIo());
}

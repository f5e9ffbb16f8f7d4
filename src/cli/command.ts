/**
 * What every `huntbook` sub-command has: its help text and a run function that reads its own
 * arguments and returns an exit code. Sub-commands write through `io` instead of the console, so
 * tests run them in-process and read what a user would see.
 */

/** Exit codes of the `huntbook` command, documented in the README (Command reference). */
export const EXIT = {
  /** Done; with `check` or `build`, no errors (and with `--strict`, no warnings either). */
  ok: 0,
  /** The content has errors, or warnings under `--strict`: the findings are listed. */
  findings: 1,
  /** The command line is wrong: an unknown command or flag, a missing or extra argument. */
  usage: 2,
  /** The settings file cannot be used: it is missing, not YAML, or has an unknown or invalid setting. */
  settings: 3,
  /** The output folder holds files Huntbook did not write, and emptying it was not allowed. */
  outputFolder: 4,
  /** Anything else went wrong; the message says what. */
  failure: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface CommandIo {
  /** Where relative paths on the command line start, and where the settings file is looked for. */
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface Command {
  /** As typed after `huntbook`, e.g. `check`, or `new runbook`. */
  name: string;
  /** One line for `huntbook --help`. */
  summary: string;
  /** The full `--help` text: usage line, what it does, every flag. */
  help: string;
  run: (argv: readonly string[], io: CommandIo) => Promise<number>;
}

/** The console, for the real command line. */
export function consoleIo(): CommandIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}

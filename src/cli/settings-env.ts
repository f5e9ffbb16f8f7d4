/**
 * The command line's settings flags, handed to the site build as the environment overrides
 * every part of Huntbook already reads (src/loaders/site-config.ts): astro.config.mjs, the
 * content collections and the pages all load the settings in the same process.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ContentError } from '../checks/findings.ts';
import { DEFAULT_CONFIG_FILE, loadSiteConfig } from '../loaders/site-config.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import type { CommandIo } from './command.ts';
import { EXIT } from './command.ts';
import type { FlagSpecs } from './command-line.ts';

export const CONFIG_FLAG: FlagSpecs = {
  config: { type: 'string', short: 'c', value: 'FILE', description: 'settings file (default: ./huntbook.config.yaml)' },
};

export interface SettingsFlags {
  config?: string | undefined;
  out?: string | undefined;
  base?: string | undefined;
  strict?: boolean | undefined;
}

/**
 * The environment that carries the flags: paths on the command line are relative to the
 * working directory.
 * @example toSettingsEnv({ config: 'wiki/huntbook.config.yaml', strict: true }, '/repo') // → { HUNTBOOK_CONFIG: '/repo/wiki/huntbook.config.yaml', HUNTBOOK_STRICT: '1' }
 */
export function toSettingsEnv(flags: SettingsFlags, cwd: string): Record<string, string> {
  // The settings file of the folder the command runs in, found there rather than in whatever
  // folder the process happens to be in (tests run commands in-process).
  const localSettings = join(cwd, DEFAULT_CONFIG_FILE);
  const config = flags.config ? resolve(cwd, flags.config) : existsSync(localSettings) ? localSettings : undefined;
  return {
    ...(config ? { HUNTBOOK_CONFIG: config } : {}),
    ...(flags.out ? { HUNTBOOK_OUT_DIR: resolve(cwd, flags.out) } : {}),
    ...(flags.base ? { HUNTBOOK_BASE: flags.base } : {}),
    ...(flags.strict ? { HUNTBOOK_STRICT: '1' } : {}),
  };
}

/**
 * Applies the flags to `io.env` and reads the settings; a settings problem is printed as its
 * findings (no stack trace: the problem is in the file) and gives the settings exit code.
 */
export function loadSettingsFor(flags: SettingsFlags, io: CommandIo): { config: SiteConfig } | { exitCode: number } {
  Object.assign(io.env, toSettingsEnv(flags, io.cwd));
  try {
    return { config: loadSiteConfig(io.env) };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    io.stderr(formatContentError(error));
    return { exitCode: EXIT.settings };
  }
}

/** A ContentError as the log shows it: the findings, then what to do. */
export function formatContentError(error: ContentError): string {
  return `${error.message}\n${error.hint}`;
}

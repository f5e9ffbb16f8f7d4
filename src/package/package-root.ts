import { resolve } from 'node:path';

/**
 * The folder Huntbook is installed in: its code, the pinned ATT&CK extracts and the bundled tool
 * catalog live here, and the `huntbook` command runs from the user's own repository, so nothing
 * of Huntbook's may be read from the working directory. Bundled page code no longer sits beside
 * its source file, so astro.config.mjs (and the command line) set `HUNTBOOK_PACKAGE_ROOT` before
 * any of it loads; unbundled code (commands, worker processes, tests) finds it from this file.
 */
export const PACKAGE_ROOT: string = process.env.HUNTBOOK_PACKAGE_ROOT || resolve(import.meta.dirname, '../..');

/**
 * A path inside the installed package.
 * @example packagePath('content', 'tools') // → '/repo/node_modules/huntbook/content/tools'
 */
export function packagePath(...segments: string[]): string {
  return resolve(PACKAGE_ROOT, ...segments);
}

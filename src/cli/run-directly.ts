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

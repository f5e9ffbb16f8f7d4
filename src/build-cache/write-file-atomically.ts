import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a build-cache file via a temporary file and a rename, so a reader (a page, a later
 * build) never sees half of it. The folder is made when the first write finds it missing:
 * callers write thousands of files into one folder, and a mkdir before each would cost.
 * @example writeFileAtomically('node_modules/.cache/huntbook/rules-payloads.json', json)
 */
export function writeFileAtomically(file: string, data: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, data);
  }
  renameSync(temporary, file);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readToolFile } from '../../src/loaders/read-tools.ts';
import { type CatalogTool, toStem } from './tool-catalog.ts';

/** The bundled tool catalog; synthetic tools are added beside copies of these files. */
export const BUNDLED_TOOLS_DIR = resolve(import.meta.dirname, '../../content/tools');

const TOOL_FILE_RE = /\.ya?ml$/i;

/** Reads the bundled catalog with the site's own parser, in file-name order for determinism. */
export function readBundledTools(dir: string): CatalogTool[] {
  const names = readdirSync(dir)
    .filter((name) => TOOL_FILE_RE.test(name))
    .sort();
  return names.flatMap((fileName) => {
    const text = readFileSync(join(dir, fileName), 'utf8');
    const { tool } = readToolFile(text, fileName);
    return tool ? [{ tool, fileName, text, stem: toStem(tool.name) }] : [];
  });
}

// Lets Node run Huntbook's TypeScript sources from node_modules, where Node's own type
// stripping is switched off: each .ts file of the installed package has its types removed by
// amaro (the library Node itself strips types with) as it loads. Imported by bin/huntbook.mjs,
// and given to worker processes with --import (src/workers/fork-worker.ts).
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import amaro from 'amaro';

const PACKAGE_URL = pathToFileURL(resolve(dirname(fileURLToPath(import.meta.url)), '..') + sep).href;

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith(PACKAGE_URL) || !url.endsWith('.ts')) return nextLoad(url, context);
    const source = readFileSync(fileURLToPath(url), 'utf8');
    const { code } = amaro.transformSync(source, { mode: 'strip-only' });
    return { format: 'module', source: code, shortCircuit: true };
  },
});

#!/usr/bin/env node
// The `huntbook` command. Plain JavaScript that any Node.js can start, so an older Node gets a
// clear message instead of a syntax error: Huntbook needs Node.js 22.12 or later.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);

if (major < 22 || (major === 22 && minor < 12)) {
  // A newer Node.js installed beside Huntbook (the npm package `node`) runs it instead.
  const newer = findNodePackageBinary(process.cwd());
  if (newer) {
    const { status } = spawnSync(newer, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
    });
    process.exit(status ?? 1);
  }
  console.error(
    `huntbook needs Node.js 22.12 or later; this is Node.js ${process.versions.node}.\n` +
      'Install a newer Node.js, or add one to this repository with "npm install --save-dev node@24" ' +
      'and run "npx huntbook …".',
  );
  process.exit(5);
}

process.env.HUNTBOOK_PACKAGE_ROOT ||= PACKAGE_ROOT;
// Node strips TypeScript types itself, except under node_modules, where an installed Huntbook lives.
if (PACKAGE_ROOT.split(/[\\/]/).includes('node_modules')) {
  await import(pathToFileURL(join(PACKAGE_ROOT, 'bin', 'strip-types.mjs')).href);
}
const { main } = await import(pathToFileURL(join(PACKAGE_ROOT, 'src', 'cli', 'huntbook.ts')).href);
await main();

/** `node_modules/.bin/node` of the npm package `node`, in this folder or one above it, if it is new enough. */
function findNodePackageBinary(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    const binary = join(dir, 'node_modules', 'node', 'bin', 'node');
    if (existsSync(binary)) {
      const { stdout } = spawnSync(binary, ['-p', 'process.versions.node'], { encoding: 'utf8' });
      const [found] = String(stdout).trim().split('.').map(Number);
      if (found >= 23 || String(stdout).trim() >= '22.12') return binary;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

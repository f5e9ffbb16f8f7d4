// Adds lock entries for optional platform packages (native binaries for other systems) that
// npm left out because the registry did not serve them. Without those entries `npm ci`
// refuses the lock as out of sync. Each entry carries the os/cpu its name states, so npm
// skips it on every other machine and never tries to download it.
// Run after changing dependencies: npm run lock:platforms
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['android', 'darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];
const LIBC = ['gnu', 'musl'];
/** Other spellings packages use in their names for Node's os values. */
const OS_ALIASES = { windows: 'win32', win: 'win32', macos: 'darwin' };

const lockPath = 'package-lock.json';
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
const added = [];
const skipped = [];

for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || packages[`${path}/${key}`]) continue;
    const tokens = name
      .split('/')
      .pop()
      .split(/[-_]/)
      .map((token) => OS_ALIASES[token] ?? token);
    const os = tokens.find((token) => OS.includes(token));
    const cpu = tokens.find((token) => CPU.includes(token));
    if (!os && !cpu) {
      skipped.push(name);
      continue;
    }
    const libc = tokens.find((token) => LIBC.includes(token));
    packages[key] = {
      version: version.replace(/^[\^~=]/, ''),
      optional: true,
      ...(os ? { os: [os] } : {}),
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(libc ? { libc: [libc === 'gnu' ? 'glibc' : 'musl'] } : {}),
    };
    added.push(key);
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added.length} platform entries${added.length ? `:\n  ${added.join('\n  ')}` : ''}`);
if (skipped.length) console.log(`left out (no platform in the name): ${skipped.join(', ')}`);

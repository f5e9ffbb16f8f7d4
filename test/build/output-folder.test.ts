import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../support/build-site.ts';

const ESCAPING_SLUG = 'escaping-b-check-b-quotes-ampersands';
const PDQ_SLUG = 'remote-management-and-monitoring-tool-pdq-network-connection';
/** The project's builds must live inside it for now: Astro resolves its prerender chunks from beside outDir. */
const work = mkdtempSync(join(PROJECT_ROOT, '.huntbook', 'test-builds', 'output-folder-'));
const out = join(work, 'site');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `huntbook build` as a user runs it, from the folder with the settings file. */
function huntbookBuild(...flags: string[]): Promise<Run> {
  const { BASE_URL: _testRunnerBase, ...parentEnv } = process.env;
  const env = { ...parentEnv, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', HUNTBOOK_CACHE_DIR: join(work, 'cache') };
  const args = [
    join(PROJECT_ROOT, 'bin', 'huntbook.mjs'),
    'build',
    '--config',
    'huntbook.config.yaml',
    '--out',
    'site',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, ...flags], { cwd: work, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const put = (file: string) => {
  mkdirSync(join(out, file, '..'), { recursive: true });
  writeFileSync(join(out, file), `not Huntbook's: ${file}\n`);
};
const has = (file: string) => existsSync(join(out, file));

let refused: Run;
let refusedLeft: { otherApp: boolean; robots: boolean; index: boolean };
let emptied: Run;
let rebuilt: Run;
let rebuiltHad: { escaping: boolean; pdq: boolean };
let refusedAgain: Run;

beforeAll(async () => {
  cpSync(join(PROJECT_ROOT, 'test/fixtures/valid'), join(work, 'content'), { recursive: true });
  writeFileSync(
    join(work, 'huntbook.config.yaml'),
    'title: Output SOC\ncontent:\n  rules: content/rules\n  runbooks: content/runbooks\n  tools: content/tools\n',
  );
  put('other-app/index.html');
  put('robots.txt');
  refused = await huntbookBuild();
  refusedLeft = { otherApp: has('other-app/index.html'), robots: has('robots.txt'), index: has('index.html') };
  emptied = await huntbookBuild('--empty-out-dir');
  rmSync(join(work, 'content', 'rules', 'escaping.yaml'));
  rmSync(join(work, 'content', 'runbooks', 'escaping.md'));
  rebuilt = await huntbookBuild();
  rebuiltHad = { escaping: has(`rules/${ESCAPING_SLUG}/index.html`), pdq: has(`rules/${PDQ_SLUG}/index.html`) };
  put('added-later.txt');
  refusedAgain = await huntbookBuild();
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('huntbook build and its output folder', () => {
  test('refuses a folder holding files it did not write, names them, and leaves them', () => {
    expect(refused.code, refused.stdout + refused.stderr).toBe(4);
    expect(refused.stderr).toContain(`the output folder ${out} holds 2 files Huntbook did not write:`);
    expect(refused.stderr).toContain('  other-app/index.html\n  robots.txt\n');
    expect(refused.stderr).toContain('It was given with --out.');
    expect(refused.stderr).toContain('--empty-out-dir');
    expect(refusedLeft).toEqual({ otherApp: true, robots: true, index: false });
  });

  test('with --empty-out-dir removes them and builds', () => {
    expect(emptied.code, emptied.stdout + emptied.stderr).toBe(0);
    expect(emptied.stdout).toContain('Removed 2 files Huntbook did not write');
    expect(has('other-app') || has('robots.txt')).toBe(false);
    expect(has('index.html')).toBe(true);
  });

  test('a rebuild removes the page of a deleted rule and keeps the others', () => {
    expect(rebuilt.code, rebuilt.stdout + rebuilt.stderr).toBe(0);
    expect(rebuiltHad).toEqual({ escaping: false, pdq: true });
  });

  test('a file added after a build makes the next build refuse, and stays', () => {
    expect(refusedAgain.code, refusedAgain.stdout + refusedAgain.stderr).toBe(4);
    expect(refusedAgain.stderr).toContain('holds 1 file Huntbook did not write:\n  added-later.txt\n');
    expect(has('added-later.txt')).toBe(true);
    expect(has(`rules/${PDQ_SLUG}/index.html`)).toBe(true);
  });
});

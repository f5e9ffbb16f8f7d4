import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

// A detection repository as a team keeps it: the settings file beside its own folders, outside
// Huntbook, and the build run from somewhere else. Every path in the file is relative to it.
const repo = mkdtempSync(join(tmpdir(), 'huntbook-settings-repo-'));
// Astro writes its prerender chunks into the working directory when the output folder is outside
// it, and they import Huntbook's packages: a working directory under the project finds them, as
// a repository with Huntbook installed in its node_modules does.
const buildsDir = join(PROJECT_ROOT, '.huntbook', 'test-builds');
mkdirSync(buildsDir, { recursive: true });
const elsewhere = mkdtempSync(join(buildsDir, 'settings-cwd-'));
const outDir = join(repo, 'out', 'site');
let build: { code: number | null; output: string };

const SETTINGS = `title: Settings Test
content:
  rules: detections/**/*.yaml
  runbooks: playbooks
  tools: my-tools
  exclude: ['**/templates/**']
`;

const OWN_TOOL = `id: inhouse-rmm
name: In-house RMM
domains: [rmm.corp.example]
`;

function runHuntbook(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'huntbook.mjs'), ...args], { cwd, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, output }));
  });
}

beforeAll(async () => {
  cpSync(join(PROJECT_ROOT, 'test/fixtures/valid/rules'), join(repo, 'detections', 'remote'), { recursive: true });
  cpSync(join(PROJECT_ROOT, 'test/fixtures/valid/runbooks'), join(repo, 'playbooks'), { recursive: true });
  mkdirSync(join(repo, 'detections', 'templates'));
  // Not YAML at all: the build fails if it is read.
  writeFileSync(join(repo, 'detections', 'templates', 'broken.yaml'), 'id: [unclosed\nname: {\n');
  mkdirSync(join(repo, 'my-tools'));
  writeFileSync(join(repo, 'my-tools', 'inhouse-rmm.yaml'), OWN_TOOL);
  writeFileSync(join(repo, 'huntbook.config.yaml'), SETTINGS);
  // Vitest sets BASE_URL for its own use; a build must take its base only from Huntbook's settings.
  const { BASE_URL: _testRunnerBase, ...parentEnv } = process.env;
  build = await runHuntbook(['build', '--config', join(repo, 'huntbook.config.yaml'), '--out', outDir], elsewhere, {
    ...parentEnv,
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    HUNTBOOK_CACHE_DIR: join(repo, 'cache'),
  });
}, 600_000);

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

describe('a settings file outside the project, built from another folder', () => {
  test('builds the rules its pattern selects, and not the excluded template', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).not.toContain('broken.yaml');
    expect(build.output).toContain('1 file left out by content.exclude');
    const pages = readdirSync(join(outDir, 'rules'));
    expect(pages.some((page) => page.includes('pdq'))).toBe(true);
    // The nested folder of the fixture is selected by `**` too.
    expect(pages.length).toBeGreaterThanOrEqual(4);
  });

  test("the bundled tool catalog and the user's own tool are both published", () => {
    expect(build.code, build.output).toBe(0);
    expect(readPage(outDir, 'tools/inhouse-rmm')('h1').text()).toBe('In-house RMM');
    expect(readPage(outDir, 'tools/anydesk')('h1').text()).toBe('AnyDesk');
    expect(existsSync(join(outDir, 'tools', 'teamviewer', 'index.html'))).toBe(true);
  });

  test('runbooks from the folder named in the settings are joined to their rules', () => {
    expect(build.code, build.output).toBe(0);
    expect(build.output).not.toContain('check your content config');
    const pdq = readdirSync(join(outDir, 'rules')).find((page) => page.includes('pdq')) as string;
    expect(readPage(outDir, `rules/${pdq}`).text()).toContain('IT pushes a patch with PDQ Deploy.');
  });
});

describe('an empty runbooks folder', () => {
  test('builds without a word about runbooks or the content config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'huntbook-settings-empty-'));
    cpSync(join(PROJECT_ROOT, 'test/fixtures/valid/rules/pdq.yaml'), join(dir, 'rules', 'pdq.yaml'));
    mkdirSync(join(dir, 'runbooks'));
    writeFileSync(join(dir, 'huntbook.config.yaml'), 'content:\n  rules: rules\n  runbooks: runbooks\n');
    const { BASE_URL: _testRunnerBase, ...parentEnv } = process.env;
    const empty = await runHuntbook(
      ['build', '--config', join(dir, 'huntbook.config.yaml'), '--out', join(dir, 'site')],
      elsewhere,
      {
        ...parentEnv,
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        HUNTBOOK_CACHE_DIR: join(dir, 'cache'),
      },
    );
    rmSync(dir, { recursive: true, force: true });
    expect(empty.code, empty.output).toBe(0);
    expect(empty.output).not.toContain('content config');
    expect(empty.output).not.toMatch(/runbooks?:.*(does not exist|matches no)/);
  }, 300_000);
});

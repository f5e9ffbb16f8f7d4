/**
 * Huntbook as a detection team adopts it: the package as `npm pack` makes it, installed into a
 * repository of their own outside this checkout, run there as the `huntbook` command.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../support/build-site.ts';

const ANYDESK_ID = '6a0f3b1e-2c4d-4e5f-8a9b-0c1d2e3f4a51';
const SCREENCONNECT_ID = '6a0f3b1e-2c4d-4e5f-8a9b-0c1d2e3f4a52';
const EXAMPLE_PDQ_ID = '58cbbe97-f835-4677-9bee-203b1df29600';

const rule = (id: string, name: string, description: string, table: string, filter: string) =>
  [
    `id: ${id}`,
    `name: ${name}`,
    `description: ${description}`,
    'severity: Medium',
    'requiredDataConnectors:',
    '  - connectorId: MicrosoftThreatProtection',
    '    dataTypes:',
    `      - ${table}`,
    'tactics:',
    '  - CommandAndControl',
    'relevantTechniques:',
    '  - T1219',
    'query: |',
    `  ${table}`,
    `  | where ${filter}`,
    '  | project TimeGenerated, DeviceName',
    '',
  ].join('\n');

/** A detection repository: settings, rules in a folder of its own, one runbook. */
function writeRepository(root: string): void {
  mkdirSync(join(root, 'Detections', 'RemoteAccess'), { recursive: true });
  mkdirSync(join(root, 'runbooks'), { recursive: true });
  writeFileSync(join(root, 'package.json'), `${JSON.stringify({ name: 'soc-detections', private: true }, null, 2)}\n`);
  writeFileSync(
    join(root, 'huntbook.config.yaml'),
    ['title: Contoso SOC', 'content:', '  rules: Detections', '  runbooks: runbooks', ''].join('\n'),
  );
  writeFileSync(
    join(root, 'Detections', 'RemoteAccess', 'anydesk-process.yaml'),
    rule(
      ANYDESK_ID,
      'AnyDesk started on a server',
      'AnyDesk runs on a server, where no one should need remote support.',
      'DeviceProcessEvents',
      'FileName =~ "AnyDesk.exe"',
    ),
  );
  writeFileSync(
    join(root, 'Detections', 'RemoteAccess', 'screenconnect-network.yaml'),
    rule(
      SCREENCONNECT_ID,
      'ScreenConnect relay connection',
      'A device connects to a ScreenConnect relay.',
      'DeviceNetworkEvents',
      'RemoteUrl endswith ".screenconnect.com"',
    ),
  );
  writeFileSync(
    join(root, 'runbooks', 'anydesk-process.md'),
    [
      '---',
      `rule: ${ANYDESK_ID}`,
      'hypothesis: An intruder installed AnyDesk for hands-on access.',
      'falsePositives:',
      '  - scenario: The service desk supports a server owner.',
      '    exclusion: Exclude the service desk jump hosts.',
      '---',
      '## Triage',
      '',
      'Ask the server owner.',
      '',
    ].join('\n'),
  );
  // Broken content, read only by the settings that name it.
  mkdirSync(join(root, 'broken'), { recursive: true });
  writeFileSync(join(root, 'broken', 'no-query.yaml'), `id: ${SCREENCONNECT_ID}\nname: A rule without its query\n`);
  writeFileSync(join(root, 'broken.config.yaml'), 'content:\n  rules: broken\n  runbooks: runbooks\n');
}

let repo: string;

/** Runs the installed `huntbook` as a user's shell would, with this Node first on the PATH. */
function huntbook(...args: string[]): { code: number | null; output: string } {
  const result = spawnSync(join(repo, 'node_modules', '.bin', 'huntbook'), args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
      NO_COLOR: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
      HUNTBOOK_RULES: '',
      HUNTBOOK_RUNBOOKS: '',
      HUNTBOOK_TOOLS: '',
      HUNTBOOK_CONFIG: '',
      HUNTBOOK_OUT_DIR: '',
      HUNTBOOK_CACHE_DIR: '',
      HUNTBOOK_PACKAGE_ROOT: '',
    },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  const work = mkdtempSync(join(tmpdir(), 'huntbook-installed-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  }).trim();
  repo = join(work, 'detections');
  mkdirSync(repo);
  writeRepository(repo);
  // The packages come from npm's cache, filled by the project's own `npm ci`.
  execFileSync(
    'npm',
    ['install', '--save-dev', join(work, tarball), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}` },
    },
  );
}, 600_000);

describe('huntbook installed in a detection repository', () => {
  test('build writes the site of the repository’s own content, with the bundled tool catalog', () => {
    const { code, output } = huntbook('build');
    expect(code, output).toBe(0);
    const site = join(repo, 'dist');
    const { rules } = JSON.parse(readFileSync(join(site, 'api', 'rules.json'), 'utf8')) as { rules: { id: string }[] };
    expect(rules.map((entry) => entry.id).sort()).toEqual([ANYDESK_ID, SCREENCONNECT_ID]);
    expect(rules.map((entry) => entry.id)).not.toContain(EXAMPLE_PDQ_ID);
    const rulePages = readdirSync(join(site, 'rules'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(rulePages).toHaveLength(2);
    expect(readFileSync(join(site, 'index.html'), 'utf8')).toContain('Contoso SOC');
    expect(existsSync(join(site, 'tools', 'anydesk', 'index.html'))).toBe(true);
    expect(existsSync(join(site, 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(site, 'r', ANYDESK_ID, 'index.html'))).toBe(true);
  });

  test('check --strict passes on clean content and fails on broken content with its file and line', () => {
    const clean = huntbook('check', '--strict');
    expect(clean.code, clean.output).toBe(0);
    const broken = huntbook('check', '--strict', '--config', 'broken.config.yaml');
    expect(broken.code, broken.output).toBe(1);
    expect(broken.output).toContain('broken/no-query.yaml');
    expect(broken.output).toContain('query');
  });

  test('new runbook --missing writes a skeleton only for the rule that has none', () => {
    const { code, output } = huntbook('new', 'runbook', '--missing');
    expect(code, output).toBe(0);
    const written = readdirSync(join(repo, 'runbooks')).filter((name) => name !== 'anydesk-process.md');
    expect(written).toHaveLength(1);
    const skeleton = readFileSync(join(repo, 'runbooks', written[0] as string), 'utf8');
    expect(skeleton).toContain(`rule: ${SCREENCONNECT_ID}`);
    expect(skeleton).toContain('falsePositives: []');
    expect(skeleton).toContain('A device connects to a ScreenConnect relay.');
    expect(readFileSync(join(repo, 'runbooks', 'anydesk-process.md'), 'utf8')).toContain('Ask the server owner.');
  });

  test('an unknown flag is an error with a hint, exit code 2', () => {
    const { code, output } = huntbook('build', '--stirct');
    expect(code).toBe(2);
    expect(output).toContain('did you mean --strict?');
  });
});

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/command.ts';
import { loadSiteConfig } from '../../../src/loaders/site-config.ts';
import { runHuntbookIn } from '../../support/run-huntbook.ts';

const EXAMPLE = fileURLToPath(new URL('../../../example/', import.meta.url));
const PDQ = 'remote-management-and-monitoring-tool-pdq-network-connection';
const RUSTDESK = 'remote-management-and-monitoring-tool-rustdesk-network-connection';

let root: string;

/** A detection repository laid out as Sentinel's: rules by kind and tool, tooling YAML beside them. */
function writeRepository(): void {
  const files: Record<string, string> = {
    [`Detections/PDQ/${PDQ}.yaml`]: readFileSync(join(EXAMPLE, 'rules', `${PDQ}.yaml`), 'utf8'),
    [`Hunting Queries/RustDesk/${RUSTDESK}.yaml`]: readFileSync(join(EXAMPLE, 'rules', `${RUSTDESK}.yaml`), 'utf8'),
    [`docs/runbooks/${PDQ}.md`]: readFileSync(join(EXAMPLE, 'runbooks', `${PDQ}.md`), 'utf8'),
    'docs/index.md': '# Our SOC\n',
    'Tools/pipeline.yaml': 'stages:\n  - name: lint\n',
    'node_modules/some-package/rule.yaml': 'id: x\nname: y\nquery: z\n',
    'dist/rules.yaml': 'id: x\nname: y\nquery: z\n',
    '.github/workflows/lint.yml': 'name: lint\non: push\n',
    'package.json': JSON.stringify({ devDependencies: { huntbook: '^0.1.0' } }),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'huntbook-init-'));
  writeRepository();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function huntbook(...args: string[]) {
  return runHuntbookIn(root, ...args);
}

describe('huntbook init', () => {
  it('writes settings that load and name the rule and runbook folders found, and a workflow', async () => {
    const result = await huntbook('init');
    expect(result).toMatchObject({ code: EXIT.ok, stderr: '' });
    expect(result.stdout).toContain('rule folder Detections (1 file)');
    expect(result.stdout).toContain('rule folder Hunting Queries (1 file)');
    expect(result.stdout).toContain('runbook folder docs/runbooks (1 file)');
    expect(result.stdout).toContain('written huntbook.config.yaml');
    expect(result.stdout).toContain('written .github/workflows/huntbook.yml');
    expect(result.stdout).toContain('Next steps:\n  1. npx huntbook check');
    expect(result.stdout).not.toContain('npm install');

    const config = loadSiteConfig({ HUNTBOOK_CONFIG: join(root, 'huntbook.config.yaml') });
    expect(config.content.rules.map((location) => location.base)).toEqual([
      join(root, 'Detections'),
      join(root, 'Hunting Queries'),
    ]);
    expect(config.content.runbooks.map((location) => location.base)).toEqual([join(root, 'docs', 'runbooks')]);
    expect(readdirSync(join(root, '.github', 'workflows')).sort()).toEqual(['huntbook.yml', 'lint.yml']);
    expect(readFileSync(join(root, '.github/workflows/huntbook.yml'), 'utf8')).toContain('npx huntbook check --strict');
  });

  it('finds a Sigma folder and names it in content.sigma', async () => {
    const sigma =
      'title: AnyDesk started\nid: 0b9c4d3e-6f1a-4c3b-9d2e-1a2b3c4d5e6f\nlogsource:\n  category: process_creation\n  product: windows\ndetection:\n  selection:\n    Image|endswith: \\AnyDesk.exe\n  condition: selection\n';
    mkdirSync(join(root, 'sigma', 'rmm'), { recursive: true });
    writeFileSync(join(root, 'sigma', 'rmm', 'anydesk.yml'), sigma);
    const result = await huntbook('init');
    expect(result.stdout).toContain('Sigma rule folder sigma (1 file)');
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: join(root, 'huntbook.config.yaml') });
    expect(config.content.sigma.map((location) => location.base)).toEqual([join(root, 'sigma')]);
  });

  it('keeps existing files unless --force', async () => {
    writeFileSync(join(root, 'huntbook.config.yaml'), 'title: Ours\n');
    const kept = await huntbook('init');
    expect(kept.code).toBe(EXIT.ok);
    expect(kept.stdout).toContain('skipped huntbook.config.yaml: it already exists; pass --force to replace it');
    expect(kept.stdout).toContain('written .github/workflows/huntbook.yml');
    expect(readFileSync(join(root, 'huntbook.config.yaml'), 'utf8')).toBe('title: Ours\n');

    const forced = await huntbook('init', '--force');
    expect(forced.stdout).toContain('replaced huntbook.config.yaml');
    expect(forced.stdout).toContain('replaced .github/workflows/huntbook.yml');
    expect(readFileSync(join(root, 'huntbook.config.yaml'), 'utf8')).toContain('Detections');
  });

  it('points a repository without runbooks at runbooks/, which new runbook --missing fills', async () => {
    rmSync(join(root, 'docs'), { recursive: true });
    rmSync(join(root, 'package.json'));
    const result = await huntbook('init');
    expect(result.stdout).toContain('no runbook files found');
    expect(result.stdout).toContain('1. npm install --save-dev huntbook');
    expect(result.stdout).toContain('2. npx huntbook new runbook --missing');

    const config = join(root, 'huntbook.config.yaml');
    const filled = await huntbook('new', 'runbook', '--missing', '--config', config);
    expect(filled.code).toBe(EXIT.ok);
    expect(readdirSync(join(root, 'runbooks')).sort()).toEqual([`${PDQ}.md`, `${RUSTDESK}.md`]);
  });

  it('warns about a rule folder that holds other YAML', async () => {
    cpSync(join(root, 'Tools', 'pipeline.yaml'), join(root, 'Detections', 'PDQ', 'template.yaml'));
    const result = await huntbook('init');
    expect(result.stdout).toContain(
      'rule folder Detections/PDQ (1 file; it also holds 1 other YAML file: add them to content.exclude or move them out)',
    );
  });

  it('is listed in huntbook --help, beside new runbook, and has its own help', async () => {
    const { stdout } = await huntbook('--help');
    expect(stdout).toMatch(/^ {2}new runbook +write a runbook skeleton/m);
    expect(stdout).toMatch(/^ {2}init +write a commented huntbook.config.yaml/m);
    expect(await huntbook('init', '--help')).toMatchObject({
      code: EXIT.ok,
      stdout: expect.stringContaining('--force'),
    });
    expect((await huntbook('new', 'runbook', '-h')).stdout).toContain('huntbook new runbook --missing');
  });

  it('turns away an argument', async () => {
    expect(await huntbook('init', 'here')).toMatchObject({
      code: EXIT.usage,
      stderr: expect.stringContaining('unexpected argument "here"'),
    });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSiteConfig } from '../../../src/loaders/site-config.ts';
import { packagePath } from '../../../src/package/package-root.ts';
import { toConfigText } from '../../../src/scaffold/config-text.ts';
import { toWorkflowText } from '../../../src/scaffold/workflow-text.ts';

const root = mkdtempSync(join(tmpdir(), 'huntbook-config-text-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Loads the text as Huntbook loads a settings file in `root`. */
function loadText(text: string) {
  const file = join(root, 'huntbook.config.yaml');
  writeFileSync(file, text);
  return loadSiteConfig({ HUNTBOOK_CONFIG: file });
}

describe('toConfigText', () => {
  it('loads as settings naming the folders found, every other setting at its default', () => {
    const config = loadText(toConfigText({ rules: ['Detections', 'Hunting Queries'], runbooks: ['runbooks'] }));
    expect(config.content.rules.map((location) => location.base)).toEqual([
      join(root, 'Detections'),
      join(root, 'Hunting Queries'),
    ]);
    expect(config.content.runbooks.map((location) => location.base)).toEqual([join(root, 'runbooks')]);
    expect(config.content.tools.map((location) => location.base)).toEqual([packagePath('content', 'tools')]);
    expect(config).toMatchObject({ title: 'Huntbook', base: '/', strict: false, outDir: join(root, 'dist') });
  });

  it('writes the Sigma folders found, and leaves content.sigma as a comment when there are none', () => {
    const found = loadText(toConfigText({ rules: ['rules'], sigma: ['sigma/rules'], runbooks: [] }));
    expect(found.content.sigma.map((location) => location.base)).toEqual([join(root, 'sigma/rules')]);
    const text = toConfigText({ rules: ['rules'], runbooks: [] });
    expect(text).toContain('  # sigma: sigma');
    expect(loadText(text).content.sigma).toEqual([]);
  });

  it('keeps folder names that look like YAML as they are', () => {
    const folders = ['a: b', '#hash', "it's", '- dash', 'yes'];
    const config = loadText(toConfigText({ rules: folders, runbooks: [] }));
    expect(config.content.rules.map((location) => location.base)).toEqual(folders.map((folder) => join(root, folder)));
  });

  it('names the default folders when none was found, and says so', () => {
    const text = toConfigText({ rules: [], runbooks: [] });
    const { content } = loadText(text);
    expect(content.rules.map((location) => location.base)).toEqual([join(root, 'rules')]);
    expect(content.runbooks.map((location) => location.base)).toEqual([join(root, 'runbooks')]);
    expect(text).toContain('# None was found in this repository: Huntbook looks in rules/ until you set it.');
    expect(text).toContain('  # rules: rules');
  });

  it('shows every other setting as a comment', () => {
    const text = toConfigText({ rules: ['rules'], runbooks: ['runbooks'] });
    const commented = [...text.matchAll(/^\s*#\s*([A-Za-z]+):/gm)].map((match) => match[1]);
    expect(commented).toEqual(
      expect.arrayContaining([
        'title',
        'base',
        'site',
        'outDir',
        'emptyOutDir',
        'strict',
        'defenderTenantId',
        'sourceRepositoryUrl',
        'sourceRoot',
        'tools',
        'bundledTools',
        'exclude',
        'branding',
        'logo',
        'nav',
        'footer',
        'css',
        'search',
        'shardPages',
        'markdown',
        'allowHtml',
      ]),
    );
  });
});

describe('toWorkflowText', () => {
  const workflow = yaml.load(toWorkflowText()) as {
    on: Record<string, unknown>;
    jobs: Record<
      string,
      { if?: string; needs?: string; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }
    >;
  };
  const steps = (job: string) => workflow.jobs[job]?.steps ?? [];

  it('checks pull requests in strict mode and publishes pushes to main', () => {
    expect(workflow.on).toEqual({ pull_request: null, push: { branches: ['main'] } });
    expect(workflow.jobs.check?.if).toBe("github.event_name == 'pull_request'");
    expect(
      steps('check')
        .map((step) => step.run)
        .filter(Boolean),
    ).toEqual(['npm ci', 'npx huntbook check --strict']);
    expect(workflow.jobs.build?.if).toBe("github.event_name == 'push'");
    expect(steps('build').some((step) => step.run?.startsWith('npx huntbook build --out dist'))).toBe(true);
    expect(steps('build').find((step) => step.uses?.startsWith('actions/upload-pages-artifact'))?.with).toEqual({
      path: 'dist',
    });
    expect(workflow.jobs.deploy?.needs).toBe('build');
    expect(steps('deploy').map((step) => step.uses)).toEqual([expect.stringMatching(/^actions\/deploy-pages@/)]);
  });

  it('sets up Node 24', () => {
    for (const job of ['check', 'build']) {
      expect(steps(job).find((step) => step.uses?.startsWith('actions/setup-node'))?.with).toMatchObject({
        'node-version': 24,
      });
    }
  });
});

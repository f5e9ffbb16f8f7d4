import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { lookUpValue } from '../../src/lookup/lookup.ts';
import { decodeShard, parseLookupManifest } from '../../src/lookup/lookup-format.ts';
import { type BuildResult, buildSite, getEmptyDir, PROJECT_ROOT } from '../support/build-site.ts';
import { listBundles, readBundlePages } from '../support/search-bundles.ts';

const SIGMA_RULES = join(PROJECT_ROOT, 'test/fixtures/sigma/rules');
const ANYDESK_ID = '6f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c01';
const UNSUPPORTED_ID = '6f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c03';

interface RuleExport {
  id: string;
  name: string;
  format: string;
  platform?: string;
  url: string;
  tools: { id: string; name: string }[];
  techniques: string[];
}

let build: BuildResult;
let rules: RuleExport[];
const read = (path: string) => readFileSync(join(build.outDir, path), 'utf8');
const pageOf = (rule: RuleExport) => read(join(rule.url.replace(/^\//, ''), 'index.html'));
const ruleById = (id: string) => rules.find((rule) => rule.id === id) as RuleExport;
/** Sigma YAML as the page prints it: Shiki's tokens split the text, so only the tags' text is compared. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"');

beforeAll(async () => {
  mkdirSync(join(PROJECT_ROOT, '.huntbook', 'test-builds'), { recursive: true });
  build = await buildSite({
    name: 'sigma',
    rules: getEmptyDir(),
    env: { HUNTBOOK_SIGMA: SIGMA_RULES, HUNTBOOK_BUNDLED_TOOLS: '1' },
  });
  rules = (JSON.parse(read('api/rules.json')) as { rules: RuleExport[] }).rules;
}, 300_000);

describe('a site of Sigma rules (content.sigma)', () => {
  test('builds, and lists every Sigma rule in rules.json with its format and platform', () => {
    expect(build.code, build.output).toBe(0);
    const sigma = rules.filter((rule) => rule.format === 'sigma');
    expect(sigma.length).toBeGreaterThanOrEqual(4);
    expect(ruleById(ANYDESK_ID)).toMatchObject({
      name: 'AnyDesk Started From An Unusual Folder',
      format: 'sigma',
      platform: 'windows',
      techniques: ['T1219.002'],
      tools: [{ id: 'anydesk', name: 'AnyDesk' }],
    });
  });

  test('each rule page shows its Sigma YAML highlighted, without style attributes', () => {
    for (const rule of rules) {
      const page = pageOf(rule);
      expect(page, rule.name).toContain('<h2 id="sigma">Sigma rule</h2>');
      expect(page).toMatch(/<pre class="shiki[^"]*\bhl\b[^"]*"[^>]*aria-label="Sigma rule"/);
      expect(textOf(page)).toContain(`title: ${rule.name}`);
      expect(page).not.toMatch(/<pre[^>]*\sstyle=/);
    }
  });

  test('a converted rule shows its detection summary and the converted KQL with its hunting link', () => {
    const page = pageOf(ruleById(ANYDESK_ID));
    expect(page).toContain('Detection logic');
    expect(textOf(page)).toContain('Image endswith \\AnyDesk.exe');
    expect(page).toContain('<code>selection_name and not filter_main_program_files</code>');
    expect(page).toContain('Converted from Sigma for Microsoft Defender XDR advanced hunting.');
    expect(page).toContain('Open in Microsoft Defender advanced hunting');
    expect(textOf(page)).toContain('DeviceProcessEvents');
    expect(page).toContain('Administrators running the portable AnyDesk client');
    expect(page).toContain('href="https://anydesk.com/en/downloads"');
  });

  test('the rule with an unsupported modifier shows why it has no KQL, and no hunting link', () => {
    const page = pageOf(ruleById(UNSUPPORTED_ID));
    expect(textOf(page)).toMatch(/No KQL conversion: [^.]*base64offset/);
    expect(page).not.toContain('Open in Microsoft Defender advanced hunting');
    expect(page).not.toContain('Converted from Sigma');
    // `Unknown` alone is no false-positive scenario.
    expect(page).toContain('No false-positive scenarios are documented yet.');
  });

  test('the T1219 matrix places each rule under its tool and telemetry', () => {
    const gaps = read('coverage/gaps.csv').split(/\r?\n/);
    const matrixKinds = ['Process creation', 'Network connection', 'DNS', 'File events', 'Registry'];
    let placed = 0;
    for (const rule of rules) {
      const kinds = [...pageOf(rule).matchAll(/<span class="badge">([^<]+)<\/span>/g)]
        .map((match) => match[1] as string)
        .filter((label) => matrixKinds.includes(label));
      for (const tool of rule.tools) {
        for (const kind of kinds) {
          const row = gaps.find((line) => line.startsWith(`${tool.name},`) && line.includes(`,${kind},`));
          expect(row, `${rule.name}: ${tool.name} × ${kind}`).toMatch(/,covered,[1-9]\d*$/);
          placed++;
        }
      }
    }
    // Every telemetry the issue names has a Sigma rule under a tool.
    expect(placed).toBeGreaterThanOrEqual(4);
    const covered = new Set(gaps.filter((row) => row.includes(',covered,')).map((row) => row.split(',')[2]));
    expect([...covered].sort()).toEqual(
      expect.arrayContaining(['DNS', 'File events', 'Network connection', 'Process creation', 'Registry']),
    );
  });

  test('the Navigator layer counts the Sigma rules', () => {
    const layer = JSON.parse(read('coverage/navigator-layer.json')) as {
      techniques: { techniqueID: string; score: number; metadata: { value: string }[] }[];
    };
    const sub = layer.techniques.find((entry) => entry.techniqueID === 'T1219.002');
    expect(sub?.metadata.map((item) => item.value)).toEqual(expect.arrayContaining([ANYDESK_ID, UNSUPPORTED_ID]));
  });

  test('search indexes each rule by title, id and detection values', () => {
    const pages = listBundles(build.outDir).flatMap((bundle) => readBundlePages(build.outDir, bundle));
    const anydesk = pages.find((page) => page.url.includes(ruleById(ANYDESK_ID).url.replace(/\/$/, '')));
    expect(anydesk?.content).toContain('AnyDesk Started From An Unusual Folder');
    expect(anydesk?.content).toContain(ANYDESK_ID);
    expect(anydesk?.content).toContain('\\AnyDesk.exe');
    const unsupported = pages.find((page) => page.url.includes(ruleById(UNSUPPORTED_ID).url.replace(/\/$/, '')));
    expect(unsupported?.content).toContain('TeamViewer.exe assignment');
  });

  test('the indicator lookup finds a rule by a detection value and by its id, converted or not', async () => {
    const manifest = parseLookupManifest(JSON.parse(read('lookup/manifest.json')));
    const shard = (n: number) => decodeShard(readFileSync(join(build.outDir, 'lookup', `${n}.lookup`)));
    const titles = async (value: string) => (await lookUpValue(value, manifest, shard)).rules.map((r) => r.title);
    expect(await titles('C:\\Users\\x\\Downloads\\AnyDesk.exe')).toContain('AnyDesk Started From An Unusual Folder');
    expect(await titles(ANYDESK_ID.toUpperCase())).toContain('AnyDesk Started From An Unusual Folder');
    expect(await titles('TeamViewer.exe assignment')).toContain('Encoded TeamViewer Assignment Command');
  });
});

import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { toSlug } from '../../src/model/slug.ts';
import { navigatorLayerSchema } from '../../src/schemas/navigator-layer.ts';
import { type BuildResult, buildSite, PROJECT_ROOT } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

/** The ATT&CK kinds (1–5) of the messy Sentinel corpus, built as a site of their own. */
const MESSY = 'test/fixtures/messy-sentinel/rules';
const FILES = [
  'Hunting Queries/DeviceNetworkEvents/AnyDeskInboundFromNewCountry.yaml',
  'Solutions/Microsoft Defender XDR/Hunting Queries/Ransomware/ScreenConnectInstalledBeforeShadowCopyDeletion.yaml',
  'Solutions/Microsoft Defender for IoT/Analytic Rules/RemoteAccessThenPlcFirmwareChange.yaml',
  'Hunting Queries/DeviceTvmSoftwareInventory/RemoteAccessAppsOnMobileDevices.yaml',
  'Detections/W3CIISLog/ScreenConnectSetupWizardProbing.yaml',
  'Detections/DeviceProcessEvents/AnyDeskSilentInstallByPowerShell.yaml',
  'Hunting Queries/DnsEvents/RemoteAccessClientRandomSubdomains.yaml',
  'Hunting Queries/DeviceRegistryEvents/TeamViewerConfigReadByOtherProcess.yaml',
  'Solutions/Remote Access Tools/Hunting Queries/AteraAgentInstalledByLocalAccount.yaml',
  'Solutions/Remote Access Tools/Hunting Queries/TeamViewerQuickSupportFromDownloads.yaml',
];
const rulePage = (name: string) => readPage(build.outDir, `rules/${toSlug(name)}`);
const readLayer = (file: string) => JSON.parse(readFileSync(join(build.outDir, 'coverage', file), 'utf8'));
let build: BuildResult;

beforeAll(async () => {
  const rules = join(PROJECT_ROOT, '.huntbook', 'test-builds', 'attack-domains-rules');
  rmSync(rules, { recursive: true, force: true });
  mkdirSync(rules, { recursive: true });
  for (const file of FILES) cpSync(join(PROJECT_ROOT, MESSY, file), join(rules, basename(file)));
  build = await buildSite({ name: 'attack-domains', rules, tools: 'test/fixtures/messy-sentinel/tools' });
  expect(build.code, build.output).toBe(0);
});

describe('ATT&CK values as public Sentinel content has them', () => {
  test('every rule is published, and the warnings name what was done', () => {
    for (const message of [
      'relevantTechniques: T1483 (Domain Generation Algorithms) is revoked in ATT&CK, now T1568.002 (Domain Generation Algorithms): counted as T1568.002',
      'relevantTechniques: "t1078" read as T1078',
      'tactics: "Ransomware" is neither a Sentinel tactic name',
    ])
      expect(build.output).toContain(message);
    expect(build.output).not.toContain('Lateral movement');
    expect(existsSync(join(build.outDir, 'rules', toSlug('Atera agent installed by a local account')))).toBe(true);
  });

  test('a retired technique is shown with its status and replacement, and counted on the replacement', () => {
    const $ = rulePage('Remote access client resolving many random-looking subdomains');
    expect($('ul.techniques li.retired').text().replace(/\s+/g, ' ').trim()).toBe(
      'T1483 Domain Generation Algorithms: revoked, now T1568.002',
    );
    expect($('ul.techniques li.retired a').attr('href')).toBe('https://attack.mitre.org/techniques/T1568/002');
    const technique = readPage(build.outDir, 'techniques/T1568.002');
    expect(technique('#rules + .table-wrap tbody tr')).toHaveLength(1);
    const layer = readLayer('navigator-layer.json');
    const ids = layer.techniques.map((t: { techniqueID: string }) => t.techniqueID);
    expect(ids).toEqual(expect.arrayContaining(['T1568.002', 'T1059.001']));
    expect(ids).not.toContain('T1483');
    expect(ids).not.toContain('T1086');
  });

  test('ICS and Mobile techniques link to their matrix, and the page says which one', () => {
    const ics = rulePage('Remote access session into the OT network followed by a PLC firmware change or stop');
    expect(ics('a[href="https://attack.mitre.org/techniques/T0814"]').parent().text()).toContain('ICS');
    expect(ics('a[href="https://attack.mitre.org/tactics/TA0106"]').text()).toBe('Impair Process Control');
    const mobile = rulePage('Remote access apps installed on managed phones and tablets');
    expect(mobile('a[href="https://attack.mitre.org/techniques/T1663"]').parent().text()).toContain('Mobile');
    expect(mobile('a[href="https://attack.mitre.org/tactics/TA0037"]').text()).toBe('Command and Control');
    const matrixOf = (id: string) => readPage(build.outDir, `techniques/${id}`)('dt:contains("Matrix") + dd').text();
    expect([matrixOf('T0814'), matrixOf('T1663'), matrixOf('T1219')]).toEqual(['ICS', 'Mobile', 'Enterprise']);
    const enterprise = rulePage('Probing of the ScreenConnect setup wizard from the internet');
    expect(enterprise('ul.techniques > li').first().text()).toContain('Enterprise');
  });

  test('PreAttack is shown as written, without a link', () => {
    const $ = rulePage('Probing of the ScreenConnect setup wizard from the internet');
    const item = $('section:has(#attack) li').filter((_, li) => $(li).text().includes('PreAttack'));
    expect(item).toHaveLength(1);
    expect(item.find('a')).toHaveLength(0);
  });

  test('values that are not tactics are categories on the page and a search facet', () => {
    const $ = rulePage('ScreenConnect client installed shortly before shadow copies are deleted');
    const categories = $('dt:contains("Categories") + dd .badge')
      .map((_, badge) => $(badge).text())
      .get();
    expect(categories).toEqual(['Ransomware', 'Vulnerability', 'Malware, component']);
    expect(
      $('data[data-pagefind-filter="category[value]"]')
        .map((_, d) => $(d).attr('value'))
        .get(),
    ).toEqual(categories);
    expect(
      $('a[href^="https://attack.mitre.org/tactics/"]')
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(['Execution', 'Impact']);
  });

  test('one Navigator layer per domain with rules, each valid for its domain', () => {
    for (const [file, domain, id] of [
      ['navigator-layer.json', 'enterprise-attack', 'T1219'],
      ['navigator-layer-ics.json', 'ics-attack', 'T0814'],
      ['navigator-layer-mobile.json', 'mobile-attack', 'T1663'],
    ] as const) {
      const layer = readLayer(file);
      expect(navigatorLayerSchema.safeParse(layer).error).toBeUndefined();
      expect(layer.domain).toBe(domain);
      expect(layer.techniques.map((t: { techniqueID: string }) => t.techniqueID)).toContain(id);
    }
    const ics = readLayer('navigator-layer-ics.json');
    expect(ics.techniques.map((t: { techniqueID: string; tactic: string }) => `${t.techniqueID}/${t.tactic}`)).toEqual([
      'T0814/inhibit-response-function',
      'T0857/inhibit-response-function',
    ]);
    const coverage = readPage(build.outDir, 'coverage');
    expect(coverage('a[href="/coverage/navigator-layer-ics.json"]').text()).toBe('ATT&CK for ICS Navigator layer');
  });

  test('each domain with rules has its own heatmap; Enterprise holds no ICS or Mobile technique', () => {
    const $ = readPage(build.outDir, 'coverage/attack');
    const [enterprise, ics, mobile] = $('.heatmap')
      .map((_, heatmap) => $(heatmap).text())
      .get();
    expect(enterprise).not.toContain('T0814');
    expect(enterprise).not.toContain('T1663');
    expect(enterprise).toContain('T1568');
    expect(ics).toContain('T0814');
    expect(mobile).toContain('T1663');
    expect(
      $('h2[id^="matrix-"]')
        .map((_, h) => $(h).text())
        .get(),
    ).toEqual(['ATT&CK for ICS', 'ATT&CK for Mobile']);
    const ids = $('[id]')
      .map((_, element) => $(element).attr('id'))
      .get();
    expect(new Set(ids).size).toBe(ids.length);
  });
});

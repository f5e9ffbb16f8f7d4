import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

/** Query analysis on rule pages; a syntax error is a warning, published with the error shown. */
const FIXTURE = 'test/fixtures/kql-warnings';
let build: BuildResult;

beforeAll(async () => {
  build = await buildSite({
    name: 'kql-warnings',
    rules: `${FIXTURE}/rules`,
    config: `${FIXTURE}/huntbook.config.yaml`,
  });
  expect(build.code, build.output).toBe(0);
});

describe('a KQL syntax error', () => {
  test('the build log names file, line, column, Kusto code and the place in the query', () => {
    expect(build.output).toContain(
      `${FIXTURE}/rules/broken.yaml:8:12 query: KS006 Missing expression (query line 3, column 10)`,
    );
  });

  test('the rule is published and its page shows the error', () => {
    const $ = readPage(build.outDir, 'rules/rmm-pdq-network-connection');
    expect(
      $('.query-notes li')
        .map((_, li) => $(li).text())
        .get(),
    ).toEqual([
      'line 8, column 12: KS006 Missing expression (query line 3, column 10)',
      'line 8, column 12: KS005 Expected: ) (query line 3, column 10)',
    ]);
  });
});

describe('tables from the syntax tree', () => {
  test('feed the page, and disagreement with dataTypes is a warning in the log and on the page', () => {
    const message =
      'the query reads DeviceFileCertificateInfo, DeviceProcessEvents, which dataTypes does not list; dataTypes lists DeviceRegistryEvents, which the query does not read';
    expect(build.output).toContain(`${FIXTURE}/rules/mismatch.yaml requiredDataConnectors.dataTypes: ${message}`);
    const $ = readPage(build.outDir, 'rules/rmm-anydesk-process-and-network');
    const facts = $('section:has(#query-analysis) dl.facts > dt')
      .map((_, dt) => `${$(dt).text()}: ${$(dt).next('dd').text().replace(/\s+/g, ' ').trim()}`)
      .get();
    expect(facts).toEqual([
      'Tables read: DeviceFileCertificateInfo, DeviceNetworkEvents, DeviceProcessEvents',
      'Tables declared: DeviceNetworkEvents, DeviceRegistryEvents',
      'Time window: ago(7d)',
      'Output columns: TimeGenerated, DeviceName, FileName, RemoteUrl',
      'Domains: net.anydesk.com in RemoteUrl',
      'Processes: AnyDesk.exe in FileName',
      'Signers: philandro in Signer',
    ]);
    expect($('.query-notes li').text()).toContain(message);
  });

  test('read tables decide the telemetry badges', () => {
    const $ = readPage(build.outDir, 'rules/rmm-anydesk-process-and-network');
    expect(
      $('header .lead .badge')
        .map((_, b) => $(b).text())
        .get(),
    ).toEqual(['Process creation', 'Network connection', 'File signature / metadata', 'No runbook yet']);
  });
});

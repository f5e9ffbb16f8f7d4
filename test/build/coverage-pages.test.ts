import type { CheerioAPI } from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite } from '../support/build-site.ts';
import { readPage } from '../support/pages.ts';

/** Part of the messy corpus: a tool known only from rule names, a rule with no tool, negated literals. */
const MESSY = 'test/fixtures/messy-sentinel';
const RMM_FOLDER = `${MESSY}/rules/Hunting Queries/Microsoft 365 Defender/Remote Management and Monitoring tools`;

let build: BuildResult;
const page = (path: string): CheerioAPI => readPage(build.outDir, path);
const text = ($: CheerioAPI, selector: string) => $(selector).text().replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  build = await buildSite({
    name: 'coverage-pages',
    rules: [RMM_FOLDER, `${MESSY}/rules/Detections/SecurityEvent`],
    tools: `${MESSY}/tools`,
  });
  expect(build.code, build.output).toBe(0);
}, 300_000);

describe('a tool known only from rule names', () => {
  test('has a page saying so', () => {
    const $ = page('tools/fleetwood-remote-from-rules');
    expect(text($, 'h1')).toBe('Fleetwood Remote');
    expect(text($, 'header .notice')).toContain('Known only from rule names; not in the catalog.');
    expect(text($, 'section:has(#coverage)')).toContain(
      'Remote Management and Monitoring tool - Fleetwood Remote - Network Connection',
    );
  });

  test('has a row in the coverage matrix, marked', () => {
    const $ = page('coverage');
    const row = $('tr[data-name="fleetwood remote"]');
    expect(row).toHaveLength(1);
    expect(text($, 'tr[data-name="fleetwood remote"] th')).toBe('Fleetwood Remote not in the catalog');
    expect(row.find('td.total').text()).toBe('1');
  });

  test('is named on the rule page, with its evidence', () => {
    const $ = page('rules/remote-management-and-monitoring-tool-fleetwood-remote-network-connection');
    expect(text($, 'dd:has(a[href="/tools/fleetwood-remote-from-rules/"])')).toBe(
      'Fleetwood Remote (by rule name: Fleetwood Remote; not in the catalog)',
    );
  });

  test('is a warning in the build log, at the line of the name', () => {
    expect(build.output).toContain(
      'FleetwoodRemoteNetworkConnection.yaml:2:1 name: names the tool "Fleetwood Remote", which is not in the tool catalog',
    );
  });
});

describe('rules that match no tool', () => {
  test('are counted and listed on the coverage page', () => {
    const $ = page('coverage');
    expect(text($, 'dl.summary div:has(dt:contains("Rules that match no tool")) dd')).toBe('1');
    expect(text($, 'dl.summary div:has(dt:contains("Tools known only from rule names")) dd')).toBe('1');
    expect(text($, '#unmatched')).toBe('Rules that match no tool (1)');
    expect($('#unmatched ~ ul').first().find('a').text()).toBe('Remote Desktop logon from a public IP address');
  });

  test('stay listed on /tools/', () => {
    expect(page('tools')('#unmatched + ul a').text()).toBe('Remote Desktop logon from a public IP address');
  });
});

describe('evidence per tool', () => {
  test('a comment and negated literals tie no tool', () => {
    const $ = page('rules/remote-support-relay-traffic-from-a-server');
    expect(text($, 'dd:has(a[href^="/tools/"])')).toBe('ScreenConnect (by query domain: .screenconnect.com)');
  });
});

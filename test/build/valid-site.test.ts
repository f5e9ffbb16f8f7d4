import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheerioAPI, load } from 'cheerio';
import { beforeAll, describe, expect, test } from 'vitest';
import { fromHuntingLink } from '../../src/kql/hunting-link.ts';
import { type BuildResult, buildFixture } from '../support/build-site.ts';
import { readCoverageStatus, readPage } from '../support/pages.ts';

const FIXTURE = 'test/fixtures/valid';
const PDQ_ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const RUSTDESK_ID = '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900';
const PDQ_SLUG = 'remote-management-and-monitoring-tool-pdq-network-connection';
const RUSTDESK_SLUG = 'remote-management-and-monitoring-tool-rustdesk-network-connection';

let build: BuildResult;
const page = (path: string): CheerioAPI => readPage(build.outDir, path);
const text = ($: CheerioAPI, selector: string) => $(selector).text().replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  build = await buildFixture(FIXTURE, 'valid');
  expect(build.code, build.output).toBe(0);
});

describe('runbook page', () => {
  test('shows name, id, permalink, source and a view-source link', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    expect(text($, 'h1')).toBe('Remote Management and Monitoring tool - PDQ - Network Connection');
    expect($('title').text()).toBe('Remote Management and Monitoring tool - PDQ - Network Connection · Fixture SOC');
    expect(text($, 'dl.facts')).toContain(PDQ_ID);
    expect($(`a[href="/r/${PDQ_ID}/"]`)).toHaveLength(1);
    // Relative to sourceRoot (the settings file's folder), as in the repository, and as the link is.
    expect(text($, 'dl.facts')).toContain('Source rules/pdq.yaml');
    expect(text($, 'dl.facts')).not.toContain('test/fixtures/valid/rules/pdq.yaml');
    expect($('a:contains("View source")').attr('href')).toBe(
      'https://git.example.org/soc/detections/blob/main/rules/pdq.yaml',
    );
  });

  test('shows description with its reference link, and the hypothesis', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    expect(text($, 'section:has(#description)')).toContain('Finds PDQ agents talking to PDQ cloud hosts.');
    expect($('section:has(#description) a').attr('href')).toBe('https://example.org/rmm-notes');
    expect(text($, 'section:has(#hypothesis)')).toContain(
      'An adversary uses PDQ Connect as a command-and-control channel.',
    );
  });

  test('highlights the KQL with both themes and one line element per query line', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    const pre = $('pre.kql');
    expect(pre).toHaveLength(1);
    expect(pre.find('span.line')).toHaveLength(3);
    const where = pre
      .find('span')
      .filter((_, el) => $(el).text() === 'where')
      .first();
    expect(where.attr('class')).toMatch(/^kl-[0-9a-f]{6} kd-[0-9a-f]{6}$/);
    expect(where.attr('style')).toBeUndefined();
    expect($('link[rel="stylesheet"][href$="/styles/kql.css"]')).toHaveLength(1);
    expect(readFileSync(join(build.outDir, 'styles/kql.css'), 'utf8')).toContain('prefers-color-scheme: dark');
  });

  test('the copy button carries the exact query text', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    expect($('button[data-copy]').attr('data-copy')).toBe(
      "DeviceNetworkEvents\n| where RemoteUrl has_any ('app.pdq.com', 'cfcdn.pdq.com')\n| where InitiatingProcessVersionInfoProductName has 'PDQConnectAgent'\n",
    );
  });

  test('the advanced-hunting link decodes back to the query and carries the configured tenant', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    const href = $('a:contains("Open in Microsoft Defender advanced hunting")').attr('href') ?? '';
    expect(href).toMatch(
      /^https:\/\/security\.microsoft\.com\/v2\/advanced-hunting\?query=[\w-]+&timeRangeId=week&tid=/,
    );
    const decoded = fromHuntingLink(href);
    expect(decoded.query).toBe($('button[data-copy]').attr('data-copy'));
    expect(decoded.tenantId).toBe('11111111-2222-3333-4444-555555555555');
  });

  test('maps ATT&CK with names and links from the extract', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    expect($('a[href="https://attack.mitre.org/tactics/TA0011"]').text()).toBe('Command and Control');
    expect(text($, 'a[href="https://attack.mitre.org/techniques/T1219"]')).toBe('T1219 Remote Access Tools');
  });

  test('lists sub-techniques under their parent', () => {
    const $ = page(`rules/${RUSTDESK_SLUG}`);
    const parent = $('ul.techniques > li').first();
    expect(text($, 'ul.techniques > li > a')).toBe('T1219 Remote Access Tools');
    expect(parent.find('ul a').text().replace(/\s+/g, ' ')).toBe('T1219.002 Remote Desktop Software');
  });

  test('shows data connectors and their tables', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    const cells = $('section:has(#data-sources) tbody td')
      .map((_, td) => $(td).text())
      .get();
    expect(cells).toEqual(['MicrosoftThreatProtection', 'DeviceNetworkEvents']);
  });

  test('shows false-positive scenarios with description and exclusion', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    const items = $('ol.scenarios > li');
    expect(items).toHaveLength(2);
    expect(text($, 'ol.scenarios > li:nth-child(1) .exclusion')).toBe(
      "Filter / exclusion: Exclude the PDQ server's address.",
    );
    expect(text($, 'ol.scenarios > li:nth-child(2)')).toContain('PDQ Inventory collects asset data nightly.');
  });

  test('renders the runbook body through Markdown', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    expect($('.runbook-notes h3').text()).toBe('Triage');
    expect($('.runbook-notes ol li strong').text()).toBe('managed by IT');
    // Quotes and dashes stay as typed, so a command line copied from the notes still runs.
    expect($('.runbook-notes ol li').last().text()).toBe(
      `Ask IT whether they ran "PDQDeployRunner.exe --silent-install" from 'C:\\Program Files' -- the notes keep it as typed.`,
    );
  });

  test('a rule without a runbook is marked and still has its page', () => {
    const $ = page(`rules/${RUSTDESK_SLUG}`);
    expect(text($, '.badge.warn')).toBe('No runbook yet');
    expect(text($, 'section:has(#hypothesis)')).toContain('This rule has no runbook yet');
  });

  test('shows analytics-rule fields and keeps non-ASCII text', () => {
    const $ = page('rules/fernwartung-uber-anydesk-prozessstart');
    expect(text($, 'h1')).toBe('Fernwartung über AnyDesk – Prozessstart');
    const fields = $('section:has(#rule-fields) dt')
      .map((_, dt) => `${$(dt).text()}=${$(dt).next('dd').text()}`)
      .get();
    expect(fields.slice(0, 8)).toEqual([
      'kind=Scheduled',
      'severity=Medium',
      'queryFrequency=1h',
      'queryPeriod=1d',
      'triggerOperator=gt',
      'triggerThreshold=0',
      'version=1.0.2',
      'tags=RMM',
    ]);
    expect($('section:has(#rule-fields) pre.block').text()).toContain('entityType: Host');
    // An unquoted YAML date is a date, shown as the day it names.
    expect(fields).toContain('reviewed=2024-05-01');
  });
});

describe('escaping', () => {
  test('markup in rule and runbook text is shown, never run', () => {
    const html = readFileSync(join(build.outDir, 'rules/escaping-b-check-b-quotes-ampersands/index.html'), 'utf8');
    const $ = load(html);
    expect(text($, 'h1')).toBe('Escaping <b>check</b> "quotes" & ampersands');
    expect($('h1 b')).toHaveLength(0);
    expect(text($, 'section:has(#description)')).toContain(
      "A <script>alert('description')</script> in a description is text.",
    );
    expect(text($, 'section:has(#hypothesis)')).toContain("<script>alert('hypothesis')</script>");
    expect(text($, 'ol.scenarios')).toContain("<img src=x onerror=alert('scenario')>");
    expect($('img')).toHaveLength(0);
    expect($('a[href^="javascript:"]')).toHaveLength(0);
    // The only scripts are the page's own copy-button module.
    for (const script of $('script').toArray()) expect($(script).html() ?? '').not.toContain('alert');
    expect($('pre.kql').text()).toBe(`print x = "</script><script>alert('kql')</script>"`);
  });
});

describe('tools', () => {
  test('rule pages link their tool and say how it was matched', () => {
    const $ = page(`rules/${PDQ_SLUG}`);
    expect($('dd a[href="/tools/pdq/"]').text()).toBe('PDQ');
    expect(text($, 'dd:has(a[href="/tools/pdq/"])')).toBe('PDQ (by runbook: runbooks/pdq.md)');
    const anydesk = page('rules/fernwartung-uber-anydesk-prozessstart');
    expect(text(anydesk, 'dd:has(a[href="/tools/anydesk/"])')).toBe('AnyDesk (by query process name: AnyDesk.exe)');
  });

  test('a LOLRMM entry and our own format load side by side', () => {
    const $ = page('tools/anydesk');
    expect(text($, 'h1')).toBe('AnyDesk');
    const facts = $('dl.facts dt')
      .map((_, dt) => `${$(dt).text()}=${$(dt).next('dd').text()}`)
      .get();
    expect(facts).toContain('Website=https://anydesk.com');
    expect(facts).toContain('Domains=*.net.anydesk.com');
    expect(facts).toContain('Process names=AnyDesk.exe');
    expect(facts).toContain('Signed by=philandro Software GmbH');
    expect(facts).toContain('Catalog entry=tools/anydesk-lolrmm.yaml');
  });

  test('tool pages show covered and uncovered telemetry', () => {
    const $ = page('tools/rustdesk');
    expect(readCoverageStatus($)).toEqual([
      'Process creation: ✗ No rule yet',
      'Network connection: ✓ Covered',
      'DNS: ✗ No rule yet',
      'File signature / metadata: ✗ No rule yet',
      'File events: ✗ No rule yet',
      'Registry: ✗ No rule yet',
    ]);
    expect($(`section:has(#coverage) a[href="/rules/${RUSTDESK_SLUG}/"]`)).toHaveLength(1);
  });

  test('the tools index lists every tool and the rules that match none', () => {
    const $ = page('tools');
    expect(
      $('tbody tr')
        .map((_, tr) => $(tr).find('td').first().text())
        .get(),
    ).toEqual(['AnyDesk', 'PDQ', 'RustDesk']);
    expect(
      $('#unmatched + ul a')
        .map((_, a) => $(a).text())
        .get(),
    ).toEqual(['Escaping <b>check</b> "quotes" & ampersands']);
  });
});

describe('permalinks and index', () => {
  test('/r/<guid>/ redirects to the runbook with a meta refresh and a plain link', () => {
    const $ = page(`r/${PDQ_ID}`);
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe(`0; url=/rules/${PDQ_SLUG}/`);
    expect($(`a[href="/rules/${PDQ_SLUG}/"]`)).toHaveLength(1);
    expect($('link[rel="canonical"]').attr('href')).toBe(`/rules/${PDQ_SLUG}/`);
  });

  test('an uppercase id in the rule file still gets a lowercase permalink', () => {
    expect(existsSync(join(build.outDir, 'r', RUSTDESK_ID, 'index.html'))).toBe(true);
  });

  test('the rules index lists every rule with tool, tactics, techniques and tables', () => {
    const $ = page('rules');
    const rows = $('tbody tr');
    expect(rows).toHaveLength(4);
    const pdqRow = rows.filter((_, row) => $(row).text().includes('PDQ'));
    expect(
      pdqRow
        .find('td')
        .map((_, td) => $(td).text().trim())
        .get(),
    ).toEqual([
      'Remote Management and Monitoring tool - PDQ - Network Connection',
      'PDQ',
      'Command and Control',
      'T1219',
      'DeviceNetworkEvents',
      'Yes',
    ]);
  });
});

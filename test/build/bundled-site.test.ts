import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { navigatorLayerSchema } from '../../src/schemas/navigator-layer.ts';
import { type BuildResult, buildSite } from '../support/build-site.ts';
import { readCoverageStatus, readPage } from '../support/pages.ts';

/** The example's Sigma rule (example/sigma/), published beside the two seed rules. */
const SIGMA_EXAMPLE_ID = '282bbf1b-aa00-40ab-a89f-470f7ae497f6';

/** The two seed rules ship with the project: the default build must show them in full. */
const SEEDS = [
  {
    tool: 'pdq',
    id: '58cbbe97-f835-4677-9bee-203b1df29600',
    slug: 'remote-management-and-monitoring-tool-pdq-network-connection',
    queryLines: 15,
  },
  {
    tool: 'rustdesk',
    id: '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900',
    slug: 'remote-management-and-monitoring-tool-rustdesk-network-connection',
    queryLines: 10,
  },
];

let build: BuildResult;
beforeAll(async () => {
  build = await buildSite({
    name: 'bundled',
    rules: 'example/rules',
    sigma: 'example/sigma',
    runbooks: 'example/runbooks',
    tools: 'content/tools',
  });
  expect(build.code, build.output).toBe(0);
});

describe.each(SEEDS)('seed rule $slug', ({ tool, id, slug, queryLines }) => {
  const page = () => readPage(build.outDir, `rules/${slug}`);

  test('has every runbook section', () => {
    const $ = page();
    const headings = $('article h2')
      .map((_, h) => $(h).text())
      .get();
    expect(headings).toEqual([
      'Description',
      'Hypothesis',
      'Query',
      'What the query checks',
      'MITRE ATT&CK',
      'Data sources',
      'False positives',
      'Triage notes',
    ]);
    expect($('section:has(#hypothesis) p').first().text()).toMatch(/^The hypothesis is that an adversary is using /);
  });

  test('highlights the whole query', () => {
    const $ = page();
    expect($('pre.kql span.line')).toHaveLength(queryLines);
    expect($('pre.kql span[class*="kd-"]').length).toBeGreaterThan(10);
  });

  test('shows what the query checks: tables, time window and indicators', () => {
    const $ = page();
    const facts = $('section:has(#query-analysis) dl.facts > dt')
      .map((_, dt) => $(dt).text())
      .get();
    expect(facts.slice(0, 3)).toEqual(['Tables read', 'Time window', 'Output columns']);
    const text = $('section:has(#query-analysis)').text();
    expect(text).toContain('DeviceNetworkEvents');
    expect(text).toContain('now(-5d) .. now()');
    expect(text).toContain(tool === 'pdq' ? 'app.pdq.com' : 'rustdesk.com');
    expect(text).toContain(tool === 'pdq' ? 'PDQConnectAgent' : 'rustdesk');
    // A hunting query (no `kind`, no `queryFrequency`) runs in advanced hunting, where Timestamp is the time column.
    expect($('.query-notes').text()).not.toContain('Timestamp');
  });

  test('lists five false-positive scenarios, each with its exclusion', () => {
    const $ = page();
    expect($('ol.scenarios > li')).toHaveLength(5);
    expect($('ol.scenarios > li .exclusion')).toHaveLength(5);
  });

  test('resolves to its tool, whose page shows it covered for network connections only', () => {
    const $ = page();
    expect($(`dd a[href="/tools/${tool}/"]`)).toHaveLength(1);
    const toolPage = readPage(build.outDir, `tools/${tool}`);
    expect(readCoverageStatus(toolPage)).toEqual([
      'Process creation: ✗ No rule yet',
      'Network connection: ✓ Covered',
      'DNS: ✗ No rule yet',
      'File signature / metadata: ✗ No rule yet',
      'File events: ✗ No rule yet',
      'Registry: ✗ No rule yet',
    ]);
    expect(toolPage(`a[href="/rules/${slug}/"]`)).toHaveLength(1);
  });

  test('is reachable through its permanent link', () => {
    const $ = page();
    expect($(`a[href="/r/${id}/"]`)).toHaveLength(1);
    const redirect = readPage(build.outDir, `r/${id}`);
    expect(redirect('meta[http-equiv="refresh"]').attr('content')).toBe(`0; url=/rules/${slug}/`);
  });
});

describe('bundled tool catalog', () => {
  test('lists 40+ tools, with only AnyDesk (the Sigma rule), PDQ and RustDesk covered', () => {
    const $ = readPage(build.outDir, 'tools');
    const rows = $('tbody tr');
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const covered = rows.filter((_, row) => $(row).find('.badge.gap').length === 0);
    expect(covered.map((_, row) => $(row).find('td').first().text()).get()).toEqual(['AnyDesk', 'PDQ', 'RustDesk']);
    expect($('#unmatched + p').text()).toBe('Every rule matches a tool in the catalog.');
  });
});

describe('bundled coverage', () => {
  test('the matrix shows PDQ and RustDesk covered for network connections, AnyDesk for process creation, and every other tool as a gap', () => {
    const $ = readPage(build.outDir, 'coverage');
    const rows = $('table.matrix tbody tr[data-name]');
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const covered: string[] = [];
    rows.each((_, row) => {
      const name = $(row).find('th').text();
      const cells = $(row).find('td.cell:not(.total)');
      cells.each((index, cell) => {
        if ($(cell).hasClass('covered'))
          covered.push(
            `${name} / ${$('table.matrix thead th')
              .eq(index + 1)
              .text()}`,
          );
        else expect($(cell).text()).toContain('gap');
      });
    });
    expect(covered).toEqual([
      'AnyDesk / Process creation',
      'PDQ / Network connection',
      'RustDesk / Network connection',
    ]);
    const summary = $('dl.summary > div')
      .map((_, div) => `${$(div).find('dt').text()}: ${$(div).find('dd').text()}`)
      .get();
    const tools = rows.length;
    expect(summary).toEqual([
      `Tools covered: 3 / ${tools} (${Math.round((3 / tools) * 100)}%)`,
      `Cells covered: 3 / ${tools * 6} (${Math.round((3 / (tools * 6)) * 100)}%)`,
      `Tools with no rule: ${tools - 3}`,
    ]);
  });

  test('the Navigator layer is valid 4.5 JSON with T1219 scored', () => {
    const layer = JSON.parse(readFileSync(join(build.outDir, 'coverage/navigator-layer.json'), 'utf8'));
    expect(navigatorLayerSchema.safeParse(layer).error).toBeUndefined();
    expect(layer.techniques).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ techniqueID: 'T1219', tactic: 'command-and-control', score: 3 }),
        expect.objectContaining({ techniqueID: 'T1543.003', tactic: 'persistence', score: 1 }),
      ]),
    );
  });

  test('rules.json and gaps.csv are written', () => {
    const api = JSON.parse(readFileSync(join(build.outDir, 'api/rules.json'), 'utf8'));
    expect(api.rules.map((r: { permalink: string }) => r.permalink)).toEqual([
      `/r/${SIGMA_EXAMPLE_ID}/`,
      ...SEEDS.map((s) => `/r/${s.id}/`),
    ]);
    const csv = readFileSync(join(build.outDir, 'coverage/gaps.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe('tool,sub-technique,telemetry,status,rules');
    expect(csv).toContain('PDQ,T1219.002,Network connection,covered,1');
    expect(csv).toContain('AnyDesk,T1219.002,Network connection,gap,0');
    expect(csv).toContain('AnyDesk,T1219.002,Process creation,covered,1');
  });

  test('the heatmap and the technique page count both seed rules and the Sigma rule under T1219', () => {
    const $ = readPage(build.outDir, 'coverage/attack');
    const cell = $('.heat-cell').filter((_, el) => $(el).children('a').find('.mono').text() === 'T1219');
    expect(cell.children('a').find('.count').text()).toBe('3');
    // The Sigma rule names T1219.002; the seed rules name T1219 alone.
    expect(cell.find('summary').text()).toBe('3 sub-techniques, 1 with rules');
    expect(cell.hasClass('heat-2')).toBe(true);
    const technique = readPage(build.outDir, 'techniques/T1219');
    expect(technique('#rules + .table-wrap tbody tr')).toHaveLength(3);
  });
});

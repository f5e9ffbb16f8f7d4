import { beforeAll, describe, expect, test } from 'vitest';
import { buildSite, type BuildResult } from '../support/build-site.ts';
import { readCoverageStatus, readPage } from '../support/pages.ts';

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
  build = await buildSite({ name: 'bundled', rules: 'content/rules', runbooks: 'content/runbooks', tools: 'content/tools' });
  expect(build.code, build.output).toBe(0);
});

describe.each(SEEDS)('seed rule $slug', ({ tool, id, slug, queryLines }) => {
  const page = () => readPage(build.outDir, `rules/${slug}`);

  test('has every runbook section', () => {
    const $ = page();
    const headings = $('article h2').map((_, h) => $(h).text()).get();
    expect(headings).toEqual([
      'Description',
      'Hypothesis',
      'Query',
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
    expect($('pre.kql span[style*="--shiki-dark"]').length).toBeGreaterThan(10);
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
  test('lists 40+ tools, with only PDQ and RustDesk covered', () => {
    const $ = readPage(build.outDir, 'tools');
    const rows = $('tbody tr');
    expect(rows.length).toBeGreaterThanOrEqual(40);
    const covered = rows.filter((_, row) => $(row).find('.badge.gap').length === 0);
    expect(covered.map((_, row) => $(row).find('td').first().text()).get()).toEqual(['PDQ', 'RustDesk']);
    expect($('#unmatched + p').text()).toBe('Every rule matches a tool in the catalog.');
  });
});

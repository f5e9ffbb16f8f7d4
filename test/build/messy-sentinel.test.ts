import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildFixture } from '../support/build-site.ts';
import { MESSY_FINDINGS, MESSY_FIXTURE, MESSY_UNPLACED_FINDINGS } from '../support/messy-corpus.ts';
import { readPage } from '../support/pages.ts';

/**
 * Real-world-shaped content (test/fixtures/messy-sentinel/CASES.md): the default build
 * publishes every rule and shows every finding at its file and line; strict mode fails on
 * the same findings, listing all of them.
 */
const FIRST_SEEN = MESSY_FINDINGS.find((row) => row.code === 'kql-syntax');
const FIRST_SEEN_SLUG = 'remote-access-tool-seen-for-the-first-time-on-a-device';
const PUBLISHED_RE = /Published (\d+) rules? from (\d+) files?/;

let published: BuildResult;
let strict: BuildResult;
beforeAll(async () => {
  [published, strict] = await Promise.all([
    buildFixture(MESSY_FIXTURE, 'messy-default'),
    buildFixture(MESSY_FIXTURE, 'messy-strict', { env: { HUNTBOOK_STRICT: '1' } }),
  ]);
  expect(published.code, published.output).toBe(0);
});

/** `<corpus>/<file>:<line>`, as the log names it from the working directory. */
const placeOf = (row: { file: string; line: number }) => `messy-sentinel/${row.file}:${row.line}`;
/** `<file>:<line>`, as pages and exports name it: from sourceRoot, the corpus's settings folder. */
const publishedPlaceOf = (row: { file: string; line: number }) => `${row.file}:${row.line}`;

describe('the default build', () => {
  test('publishes every rule it read, and ends the log with the total', () => {
    const [, rules, files] = PUBLISHED_RE.exec(published.output) ?? [];
    expect(rules, published.output).toBeDefined();
    expect(rules).toBe(files);
    expect(published.output).toMatch(
      /Published \d+ rules from \d+ files: \d+ warnings in \d+ files \(see \/problems\/\)/,
    );
    expect(published.output).not.toContain('Stack trace');
  });

  test('warns about the repaired dataTypes indentation, naming the file, line and field', () => {
    expect(published.output).toContain(
      'messy-sentinel/rules/Hunting Queries/DeviceNetworkEvents/RustDeskRelayFromWorkstation.yml:6 requiredDataConnectors.dataTypes: repaired a known indentation defect',
    );
  });

  test('says per content folder how many files were read and how many rules published', () => {
    const [, read, rules] =
      /messy-sentinel\/rules: (\d+) files read, (\d+) rules published/.exec(published.output) ?? [];
    expect(read, published.output).toBeDefined();
    expect(rules).toBe(read);
  });

  test.each(MESSY_FINDINGS)('/problems/ lists $code at $file:$line', (row) => {
    const $ = readPage(published.outDir, 'problems');
    const rows = $(`section:has(h2#${row.code}) tbody tr`)
      .map((_, tr) => ({
        place: $(tr).find('td').eq(0).text(),
        message: $(tr).find('td').eq(2).text(),
        link: $(tr).find('td').eq(3).find('a').attr('href'),
      }))
      .get();
    const found = rows.find((r) => r.place.startsWith(publishedPlaceOf(row)) && r.message.includes(row.message));
    expect(found, JSON.stringify(rows, null, 2)).toBeDefined();
    expect(found?.link).toMatch(/^\/rules\/[^/]+\/#problems$/);
  });

  test.each(MESSY_FINDINGS)('problems.json and problems.sarif hold $code at $file:$line', (row) => {
    const json = JSON.parse(readFileSync(join(published.outDir, 'api/problems.json'), 'utf8'));
    const problems = json.kinds.flatMap((kind: { problems: { place: string; message: string }[] }) => kind.problems);
    expect(problems.some((p: { place: string }) => p.place.startsWith(publishedPlaceOf(row)))).toBe(true);

    const sarif = JSON.parse(readFileSync(join(published.outDir, 'api/problems.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const [run] = sarif.runs;
    expect(run.tool.driver.name).toBe('Huntbook');
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain(row.code);
    type SarifResult = {
      ruleId: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
    };
    const result = (run.results as SarifResult[]).find(
      (r) =>
        r.ruleId === row.code &&
        r.locations[0]?.physicalLocation.artifactLocation.uri === row.file &&
        r.locations[0]?.physicalLocation.region.startLine === row.line,
    );
    expect(result?.locations[0]?.physicalLocation.region.startLine).toBe(row.line);
    expect(result?.message.text).toContain(row.message);
  });

  test('a rule with a KQL syntax error shows it near the top and marks the line in the query', () => {
    const $ = readPage(published.outDir, `rules/${FIRST_SEEN_SLUG}`);
    const box = $('section.problems-box');
    expect(box.find('h2').text()).toBe('Problems');
    expect(box.text()).toContain('line 25, column 29');
    expect(box.text()).toContain(FIRST_SEEN?.message);
    const lines = $('pre.kql code > .line');
    const marked = lines.filter('.kql-error-line');
    expect(marked.length).toBe(1);
    expect(lines.index(marked)).toBe(10);
    expect(marked.find('.kql-error-note').text()).toBe('⚠ Syntax error at column 27: KS005 Expected: )');
  });

  test('the rules index marks rules with problems and can show only them', () => {
    const $ = readPage(published.outDir, 'rules');
    expect($('#only-problems').attr('type')).toBe('checkbox');
    const marked = $('tbody tr[data-problems]');
    expect(marked.length).toBeGreaterThan(0);
    expect(marked.find(`a[href="/rules/${FIRST_SEEN_SLUG}/"]`).length).toBe(1);
  });

  test.each(MESSY_UNPLACED_FINDINGS)('/problems/ lists $code for $file', (row) => {
    const $ = readPage(published.outDir, 'problems');
    const places = $(`section:has(h2#${row.code}) tbody tr td:first-child`)
      .map((_, td) => $(td).text())
      .get();
    expect(
      places.some((place) => place.startsWith(row.file)),
      JSON.stringify(places),
    ).toBe(true);
  });

  test('the home page links to /problems/', () => {
    const $ = readPage(published.outDir, '');
    expect($('.problems-link a').attr('href')).toBe('/problems/');
  });
});

describe('strict mode', () => {
  test('fails the build, listing every finding with what to do', () => {
    expect(strict.code).not.toBe(0);
    expect(strict.output).not.toContain('Complete!');
    expect(strict.output).toMatch(/Huntbook found \d+ content errors:/);
    const lines = strict.output.split('\n').map((line) => line.trim());
    for (const row of MESSY_FINDINGS) {
      expect(
        lines.some((line) => line.includes(placeOf(row)) && line.includes(row.message)),
        `${placeOf(row)} ${row.message}\n${strict.output}`,
      ).toBe(true);
    }
    expect(strict.output).toContain('To publish anyway, fix the files listed above');
    expect(strict.output).toContain('Strict mode is on');
    expect(strict.output).not.toContain('Stack trace');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/checks/findings.ts';
import {
  claimOutputs,
  describeFinding,
  formatSummary,
  generateContent,
  type ImportSummary,
  toOutputName,
} from '../../../src/import/import-seeds.ts';
import { parseSeedDocument, type SeedDocument } from '../../../src/import/seed-document.ts';
import { toRuleYaml, toRunbookMarkdown } from '../../../src/import/seed-to-content.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/seeds/', import.meta.url));
const PDQ = 'remote-management-and-monitoring-tool-pdq-network-connection';
const PDQ_ID = '58cbbe97-f835-4677-9bee-203b1df29600';

function readPdq(): SeedDocument {
  const { document } = parseSeedDocument(readFileSync(`${FIXTURES}000_8825eeb8d712c845.txt`, 'utf8'), 'pdq.txt');
  if (!document) throw new Error('the PDQ seed fixture no longer parses');
  return document;
}

describe('describeFinding', () => {
  it.each<{ finding: Finding; expected: string }>([
    {
      finding: { severity: 'error', file: 'seeds/x.txt', message: 'no "KQL Query" line' },
      expected: 'seeds/x.txt: no "KQL Query" line',
    },
    { finding: { severity: 'warning', file: 'a.txt', line: 12, message: 'm' }, expected: 'a.txt:12: m' },
    { finding: { severity: 'warning', file: 'a.txt', line: 12, column: 5, message: 'm' }, expected: 'a.txt:12:5: m' },
    { finding: { severity: 'error', file: 'a.txt', column: 5, field: 'id', message: 'm' }, expected: 'a.txt: id: m' },
  ])('formats $expected', ({ finding, expected }) => {
    expect(describeFinding(finding)).toBe(expected);
  });
});

describe('formatSummary', () => {
  const summary = (counts: Partial<ImportSummary>): ImportSummary => ({
    exitCode: 0,
    imported: 0,
    failed: 0,
    written: [],
    skipped: [],
    warnings: 0,
    ...counts,
  });
  it.each([
    {
      summary: summary({ imported: 2, written: ['a', 'b', 'c', 'd'] }),
      expected: 'Imported 2 of 2 documents: 4 files written, 0 skipped, 0 warnings, 0 failed.',
    },
    {
      summary: summary({ imported: 0, failed: 1, skipped: ['a'], warnings: 1, written: ['b'] }),
      expected: 'Imported 0 of 1 document: 1 file written, 1 skipped, 1 warning, 1 failed.',
    },
  ])('says $expected', ({ summary: given, expected }) => {
    expect(formatSummary(given)).toBe(expected);
  });
});

describe('toOutputName', () => {
  it('names the files after the rule, or after its id when the name has no letters or digits', () => {
    const pdq = readPdq();
    expect(toOutputName(pdq)).toBe(PDQ);
    expect(toOutputName({ ...pdq, rule: { ...pdq.rule, name: '–––' } })).toBe(PDQ_ID);
  });
});

describe('generateContent', () => {
  it('generates the rule and runbook text and finds nothing wrong with a good seed', () => {
    const pdq = readPdq();
    expect(generateContent(pdq, 'pdq.txt')).toEqual({
      ruleYaml: toRuleYaml(pdq),
      runbookMarkdown: toRunbookMarkdown(pdq),
      findings: [],
    });
  });
});

describe('claimOutputs', () => {
  it('lets the first seed take a name and id and refuses both to a second', () => {
    const pdq = readPdq();
    const names = new Map<string, string>();
    const ids = new Map<string, string>();
    expect(claimOutputs(pdq, 'a.txt', names, ids)).toEqual([]);
    expect(claimOutputs(pdq, 'b.txt', names, ids)).toEqual([
      { severity: 'error', file: 'b.txt', message: `file name "${PDQ}" is already used by a.txt in this import` },
      { severity: 'error', file: 'b.txt', field: 'id', message: `rule id ${PDQ_ID} is already imported from a.txt` },
    ]);
    expect([...names]).toEqual([[PDQ, 'a.txt']]);
    expect([...ids]).toEqual([[PDQ_ID, 'a.txt']]);
  });
});

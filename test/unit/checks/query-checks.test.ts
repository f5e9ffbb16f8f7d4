import { describe, expect, test } from 'vitest';
import { checkQuery, isAnalyticsRule } from '../../../src/checks/query-checks.ts';
import type { KqlAnalysis } from '../../../src/kql/analysis.ts';
import { ruleSchema } from '../../../src/schemas/rule.ts';

const analysis = (times: Pick<KqlAnalysis, 'usesTimestamp' | 'usesTimeGenerated'>): KqlAnalysis => ({
  diagnostics: [],
  tables: ['DeviceProcessEvents'],
  outputColumns: [],
  indicators: [],
  ...times,
});
const rule = (fields: Record<string, unknown>) =>
  ruleSchema.parse({ id: '58cbbe97-f835-4677-9bee-203b1df29600', name: 'R', query: 'T', ...fields });
const context = { file: 'rules/r.yaml', toFilePosition: (line: number, column: number) => ({ line, column }) };
const timeFindings = (fields: Record<string, unknown>, times: Parameters<typeof analysis>[0]) =>
  checkQuery(rule(fields), analysis(times), context).filter((finding) => finding.code === 'timestamp-column');

describe('the Timestamp note is only for Sentinel analytics rules', () => {
  test.each([
    { case: 'a hunting query (no kind, no queryFrequency)', fields: {}, expected: false },
    { case: 'kind: Scheduled', fields: { kind: 'Scheduled' }, expected: true },
    { case: 'kind: NRT', fields: { kind: 'NRT' }, expected: true },
    { case: 'kind in lower case', fields: { kind: 'scheduled' }, expected: true },
    { case: 'queryFrequency without kind', fields: { queryFrequency: '1h' }, expected: true },
    { case: 'kind: Fusion (not a query Huntbook checks the time of)', fields: { kind: 'Fusion' }, expected: false },
    { case: 'queryPeriod alone (hunting queries carry it too)', fields: { queryPeriod: '14d' }, expected: false },
  ])('$case', ({ fields, expected }) => {
    expect(isAnalyticsRule(rule(fields))).toBe(expected);
    expect(timeFindings(fields, { usesTimestamp: true, usesTimeGenerated: false })).toHaveLength(expected ? 1 : 0);
  });

  test.each([
    { case: 'Timestamp and TimeGenerated', times: { usesTimestamp: true, usesTimeGenerated: true } },
    { case: 'TimeGenerated only', times: { usesTimestamp: false, usesTimeGenerated: true } },
    { case: 'no time column', times: { usesTimestamp: false, usesTimeGenerated: false } },
  ])('no note on an analytics rule with $case', ({ times }) => {
    expect(timeFindings({ kind: 'Scheduled', queryFrequency: '1h' }, times)).toEqual([]);
  });

  test('the note is a warning on the query, worded for the rule page', () => {
    expect(timeFindings({ kind: 'Scheduled' }, { usesTimestamp: true, usesTimeGenerated: false })).toEqual([
      {
        severity: 'warning',
        file: 'rules/r.yaml',
        field: 'query',
        code: 'timestamp-column',
        message:
          'this analytics rule uses Defender XDR’s Timestamp column and never TimeGenerated, the column Microsoft Sentinel applies queryPeriod to; check its time filter before running it as a Sentinel rule',
      },
    ]);
  });
});

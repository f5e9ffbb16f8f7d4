import { describe, expect, test } from 'vitest';
import { KQL_ANALYSIS } from '../../../src/build-cache/producers.ts';
import { analyzeKql, type KqlAnalysis } from '../../../src/kql/analysis.ts';
import { PDQ_QUERY, RUSTDESK_QUERY } from '../../support/seed-queries.ts';

// Kusto puts group-by columns before aggregates; the language service's own binder agrees.
const SEED_COLUMNS = ['DeviceId', 'DeviceName', 'RemoteUrl', 'FirstSeen', 'LastSeen', 'Report', 'Count'];

describe('seed rules', () => {
  const cases: { name: string; query: string; expected: KqlAnalysis }[] = [
    {
      name: 'PDQ Connect network connections',
      query: PDQ_QUERY,
      expected: {
        diagnostics: [],
        tables: ['DeviceNetworkEvents'],
        timeWindow: 'now(-5d) .. now()',
        outputColumns: SEED_COLUMNS,
        indicators: [
          { value: 'app.pdq.com', kind: 'domain', column: 'RemoteUrl' },
          {
            value: 'connect-package-library.e9d69694c3d8f7465fd531512c22bd0f.r2.cloudflarestorage.com',
            kind: 'domain',
            column: 'RemoteUrl',
          },
          {
            value: 'connect.e9d69694c3d8f7465fd531512c22bd0f.r2.cloudflarestorage.com',
            kind: 'domain',
            column: 'RemoteUrl',
          },
          { value: 'cfcdn.pdq.com', kind: 'domain', column: 'RemoteUrl' },
          { value: 'PDQConnectAgent', kind: 'product', column: 'InitiatingProcessVersionInfoProductName' },
        ],
        usesTimestamp: true,
        usesTimeGenerated: false,
      },
    },
    {
      name: 'RustDesk network connections',
      query: RUSTDESK_QUERY,
      expected: {
        diagnostics: [],
        tables: ['DeviceNetworkEvents'],
        timeWindow: 'now(-5d) .. now()',
        outputColumns: SEED_COLUMNS,
        indicators: [
          { value: 'rustdesk.com', kind: 'domain', column: 'RemoteUrl' },
          { value: 'rustdesk', kind: 'product', column: 'InitiatingProcessVersionInfoProductName' },
        ],
        usesTimestamp: true,
        usesTimeGenerated: false,
      },
    },
  ];
  for (const { name, query, expected } of cases) {
    test(name, () => expect(analyzeKql(query)).toEqual(expected));
  }
});

describe('a broken or empty query', () => {
  const broken = ['DeviceNetworkEvents', '| where Timestamp > ago(1d)', '| where (', '| summarize count() by'];

  test('a broken query still yields what can be read', () => {
    const analysis = analyzeKql(broken.join('\n'));
    expect(analysis).toMatchObject({
      tables: ['DeviceNetworkEvents'],
      timeWindow: 'ago(1d)',
      outputColumns: ['count_'],
    });
  });

  test('an empty query yields an empty analysis', () => {
    expect(analyzeKql('')).toEqual({
      diagnostics: [],
      tables: [],
      outputColumns: [],
      indicators: [],
      usesTimestamp: false,
      usesTimeGenerated: false,
    });
  });
});

test('cached analyses are keyed on the language service release and the kql code', () => {
  expect(KQL_ANALYSIS.packages).toContain('@kusto/language-service-next');
  expect(KQL_ANALYSIS.sources).toContain('src/kql');
});

test('a 10,000-operator pipe chain is analysed without exhausting the stack', () => {
  const lines = Array.from({ length: 10_000 }, (_, i) => `| where RemoteUrl has 'host${i}.example.org'`);
  const analysis = analyzeKql(['DeviceNetworkEvents', ...lines, '| project DeviceName'].join('\n'));
  expect(analysis.incomplete).toBeUndefined();
  expect(analysis.tables).toEqual(['DeviceNetworkEvents']);
  expect(analysis.outputColumns).toEqual(['DeviceName']);
  expect(analysis.indicators).toHaveLength(10_000);
});

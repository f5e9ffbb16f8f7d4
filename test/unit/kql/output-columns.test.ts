import { describe, expect, test } from 'vitest';
import { analyzeKql, type KqlAnalysis } from '../../../src/kql/analysis.ts';

describe('output columns and time columns', () => {
  const cases: {
    name: string;
    query: string;
    expected: Pick<KqlAnalysis, 'outputColumns' | 'usesTimestamp' | 'usesTimeGenerated'>;
  }[] = [
    {
      name: 'project lists its columns',
      query: 'SigninLogs | project TimeGenerated, UserPrincipalName, Ip = IPAddress, tolower(AppDisplayName)',
      expected: {
        outputColumns: ['TimeGenerated', 'UserPrincipalName', 'Ip', 'Column1'],
        usesTimestamp: false,
        usesTimeGenerated: true,
      },
    },
    {
      name: 'extend after summarize adds',
      query:
        'SigninLogs | summarize count(), dcount(IPAddress) by UserPrincipalName | extend AccountCustomEntity = UserPrincipalName',
      expected: {
        outputColumns: ['UserPrincipalName', 'count_', 'dcount_IPAddress', 'AccountCustomEntity'],
        usesTimestamp: false,
        usesTimeGenerated: false,
      },
    },
    {
      name: 'arg_max(*) keeps the source columns',
      query: 'DeviceInfo | summarize arg_max(Timestamp, *) by DeviceId',
      expected: { outputColumns: ['DeviceId', 'Timestamp', '*'], usesTimestamp: true, usesTimeGenerated: false },
    },
    {
      name: 'join renames clashing columns',
      query: 'T | project DeviceId, A | join (U | project DeviceId, B) on DeviceId | project-away A',
      expected: { outputColumns: ['DeviceId', 'DeviceId1', 'B'], usesTimestamp: false, usesTimeGenerated: false },
    },
    {
      name: 'anti-join keeps the left side, union adds its source column first',
      query: 'T | project A, B | join kind=leftanti (U | project A, C) on A | union withsource=Src (V | project D)',
      expected: { outputColumns: ['Src', 'A', 'B', 'D'], usesTimestamp: false, usesTimeGenerated: false },
    },
    {
      name: 'unknown table columns give no list',
      query: 'let Timestamp = ago(1d);\nDeviceEvents | where TimeGenerated > Timestamp | project-away ReportId',
      expected: { outputColumns: [], usesTimestamp: false, usesTimeGenerated: true },
    },
  ];
  for (const { name, query, expected } of cases) {
    test(name, () => expect(analyzeKql(query)).toMatchObject(expected));
  }
});

import { describe, expect, test } from 'vitest';
import { analyzeKql, type KqlAnalysis } from '../../../src/kql/analysis.ts';

describe('tables come from the syntax tree', () => {
  const cases: { name: string; query: string; expected: string[] }[] = [
    { name: 'bare table statement', query: 'SigninLogs', expected: ['SigninLogs'] },
    {
      name: 'tabular let is followed, its name is not a table',
      query: `let procs = DeviceProcessEvents | where FileName =~ 'psexec.exe';
procs | join kind=inner (DeviceNetworkEvents | where RemotePort == 445) on DeviceId`,
      expected: ['DeviceNetworkEvents', 'DeviceProcessEvents'],
    },
    {
      name: 'scalar, list and function lets are not tables',
      query: `let threshold = 5;
let names = dynamic(['a.exe']);
let GetEvents = (name:string) { DeviceProcessEvents | where FileName == name };
GetEvents('x') | where ProcessId > threshold and FileName in (names)`,
      expected: ['DeviceProcessEvents'],
    },
    {
      name: 'columns named like tables are not tables',
      query: `DeviceEvents | extend SigninLogs = 1 | where DeviceNetworkEvents == 'x' | project SecurityEvent, SigninLogs`,
      expected: ['DeviceEvents'],
    },
    {
      name: 'union of names and a sub-query',
      query: `union DeviceProcessEvents, DeviceFileEvents, (DeviceRegistryEvents | where ActionType == 'RegistryValueSet')`,
      expected: ['DeviceFileEvents', 'DeviceProcessEvents', 'DeviceRegistryEvents'],
    },
    {
      name: 'union withsource keeps wildcards as written',
      query: 'union withsource=TableName Device*, Email* | summarize count() by TableName',
      expected: ['Device*', 'Email*'],
    },
    {
      name: 'join on a parenthesised sub-query',
      query: `DeviceProcessEvents
| join kind=inner (DeviceFileEvents | where FolderPath startswith @'C:\\Temp') on DeviceId`,
      expected: ['DeviceFileEvents', 'DeviceProcessEvents'],
    },
    {
      name: 'lookup on a table',
      query: 'DeviceLogonEvents | lookup kind=leftouter IdentityInfo on $left.AccountUpn == $right.AccountUpn',
      expected: ['DeviceLogonEvents', 'IdentityInfo'],
    },
    {
      name: 'sub-query inside in()',
      query: `DeviceProcessEvents
| where DeviceId in ((DeviceEvents | where ActionType == 'AntivirusDetection' | project DeviceId))`,
      expected: ['DeviceEvents', 'DeviceProcessEvents'],
    },
    {
      name: 'materialize and reuse',
      query: `let base = materialize(DeviceNetworkEvents | where Timestamp > ago(1d));
base | summarize Hits = count() by RemoteIP | join (base) on RemoteIP`,
      expected: ['DeviceNetworkEvents'],
    },
    {
      name: 'toscalar sub-query',
      query: `let cutoff = toscalar(DeviceInfo | summarize max(Timestamp));
DeviceEvents | where Timestamp > cutoff`,
      expected: ['DeviceEvents', 'DeviceInfo'],
    },
    {
      name: 'table() and database().Name',
      query: `union table('SecurityEvent'), database('Other').SigninLogs, cluster('c').database('d').['Custom Table_CL']`,
      expected: ['Custom Table_CL', 'SecurityEvent', 'SigninLogs'],
    },
    {
      name: 'datatable and externaldata are inline data',
      query: `datatable(Name:string)['a']
| join (externaldata(Url:string)[@'https://example.org/x.csv'] with (format='csv')) on $left.Name == $right.Url`,
      expected: [],
    },
    {
      name: 'search and find scopes',
      query: `search in (SecurityEvent, Syslog) "mimikatz";
find in (DeviceEvents) where FileName == 'x'`,
      expected: ['DeviceEvents', 'SecurityEvent', 'Syslog'],
    },
    {
      name: 'a let that filters the table of the same name',
      query: `let DeviceEvents = DeviceEvents | where ActionType == 'x';
DeviceEvents | take 10`,
      expected: ['DeviceEvents'],
    },
    {
      name: 'view body',
      query: `let Recent = view () { SecurityAlert | where TimeGenerated > ago(1h) };
Recent | take 5`,
      expected: ['SecurityAlert'],
    },
  ];
  for (const { name, query, expected } of cases) {
    test(name, () => {
      const analysis = analyzeKql(query);
      expect(analysis.diagnostics).toEqual([]);
      expect(analysis.tables).toEqual(expected);
    });
  }
});

describe('time window', () => {
  const cases: { name: string; query: string; expected: string | undefined }[] = [
    { name: 'ago()', query: 'SigninLogs | where TimeGenerated > ago(7d)', expected: 'ago(7d)' },
    {
      name: 'between literals',
      query: 'SigninLogs | where TimeGenerated between (ago(14d) .. now())',
      expected: 'ago(14d) .. now()',
    },
    {
      name: 'let-bound lookback',
      query: 'let lookback = 14d;\nSigninLogs | where TimeGenerated >= ago(lookback)',
      expected: 'ago(14d)',
    },
    { name: 'bound on the right', query: 'DeviceEvents | where ago(1d) < Timestamp', expected: 'ago(1d)' },
    {
      name: 'whitespace is normalised',
      query: 'DeviceEvents | where Timestamp > ago(\n  3d\n)',
      expected: 'ago( 3d )',
    },
    {
      name: 'first filter wins',
      query: 'DeviceEvents | where Timestamp > ago(1d) | join (DeviceInfo | where Timestamp > ago(30d)) on DeviceId',
      expected: 'ago(1d)',
    },
    {
      name: 'an upper bound alone is not a window',
      query: 'DeviceEvents | where Timestamp < ago(1d)',
      expected: undefined,
    },
    { name: 'no time filter', query: 'DeviceEvents | where ActionType == "x"', expected: undefined },
  ];
  for (const { name, query, expected } of cases) {
    test(name, () => expect(analyzeKql(query).timeWindow).toBe(expected));
  }
});

describe('indicators', () => {
  const cases: { name: string; query: string; expected: KqlAnalysis['indicators'] }[] = [
    {
      name: 'list bound by let, and classification by column',
      query: `let tools = dynamic(['AnyDesk.exe', "rustdesk.exe"]);
DeviceProcessEvents
| where FileName in~ (tools) or ProcessCommandLine has 'psexec.exe'
| where InitiatingProcessVersionInfoCompanyName == 'AnyDesk Software GmbH' and FolderPath startswith @'C:\\ProgramData'`,
      expected: [
        { value: 'AnyDesk.exe', kind: 'process', column: 'FileName' },
        { value: 'rustdesk.exe', kind: 'process', column: 'FileName' },
        { value: 'psexec.exe', kind: 'process', column: 'ProcessCommandLine' },
        { value: 'AnyDesk Software GmbH', kind: 'signer', column: 'InitiatingProcessVersionInfoCompanyName' },
        { value: 'C:\\ProgramData', kind: 'path', column: 'FolderPath' },
      ],
    },
    {
      name: 'addresses, negations left out, duplicates once',
      query: `DeviceNetworkEvents
| where RemoteIP in ('203.0.113.7', '203.0.113.7') or RemoteIP startswith '10.'
| where RemoteUrl !has 'microsoft.com' and tolower(RemoteUrl) endswith '.example.org' and RemoteUrl !in ('a.com')`,
      expected: [
        { value: '203.0.113.7', kind: 'ip', column: 'RemoteIP' },
        { value: '10.', kind: 'ip', column: 'RemoteIP' },
        { value: '.example.org', kind: 'domain', column: 'RemoteUrl' },
      ],
    },
    {
      name: 'literal on the left and has_all',
      query: `DeviceFileEvents | where 'setup.exe' =~ FileName and AdditionalFields has_all ('x', 'y')`,
      expected: [
        { value: 'setup.exe', kind: 'process', column: 'FileName' },
        { value: 'x', kind: 'other', column: 'AdditionalFields' },
        { value: 'y', kind: 'other', column: 'AdditionalFields' },
      ],
    },
    {
      name: 'literals not compared with a column are ignored',
      query: `DeviceEvents | extend Note = 'app.pdq.com' | where strlen(Note) > 3 and ActionType matches regex 'a.b'`,
      expected: [],
    },
  ];
  for (const { name, query, expected } of cases) {
    test(name, () => expect(analyzeKql(query).indicators).toEqual(expected));
  }
});

test('a chain of thousands of conditions does not exhaust the stack', () => {
  const conditions = Array.from({ length: 5000 }, (_, index) => `FileName == 'tool${index}.exe'`);
  const analysis = analyzeKql(`DeviceProcessEvents | where ${conditions.join(' or ')}`);
  expect(analysis.diagnostics).toEqual([]);
  expect(analysis.indicators).toHaveLength(5000);
});

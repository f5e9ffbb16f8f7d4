import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeKql } from '../../../src/kql/analysis.ts';
import { readTools } from '../../../src/loaders/read-tools.ts';
import {
  createToolMatcher,
  extractEvidenceLiterals,
  toMatchKey,
  toUncataloguedToolId,
} from '../../../src/model/tool-matching.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';
import { PDQ_QUERY, RUSTDESK_QUERY } from '../../support/seed-queries.ts';

const tool = (input: Parameters<typeof toolSchema.parse>[0]) => toolSchema.parse(input);
const catalog = [
  tool({
    id: 'pdq',
    name: 'PDQ',
    domains: ['app.pdq.com', 'cfcdn.pdq.com'],
    productNames: ['PDQConnectAgent'],
    aliases: ['PDQ Connect'],
  }),
  tool({
    id: 'rustdesk',
    name: 'RustDesk',
    domains: ['rustdesk.com'],
    productNames: ['rustdesk'],
    processNames: ['rustdesk.exe'],
  }),
  tool({ id: 'anydesk', name: 'AnyDesk', domains: ['*.anydesk.com'], processNames: ['AnyDesk.exe'] }),
  tool({
    id: 'screenconnect',
    name: 'ScreenConnect',
    aliases: ['ConnectWise Control'],
    domains: ['*.screenconnect.com'],
    processNames: ['ScreenConnect.WindowsClient.exe'],
  }),
  tool({ id: 'teamviewer', name: 'TeamViewer', domains: ['*.teamviewer.com'], productNames: ['TeamViewer'] }),
  tool({ id: 'level', name: 'Level', domains: ['level.io'], aliases: ['Level RMM'] }),
  tool({ id: 'ivanti', name: 'Ivanti Endpoint Manager', domains: ['content.ivanti.com'] }),
];
const matcher = createToolMatcher(catalog);

describe('matching rules to tools', () => {
  test.each([
    { name: 'RMM tool - PDQ - Network Connection', query: PDQ_QUERY, expected: ['pdq:rule name:PDQ'] },
    {
      name: 'RMM tool - RustDesk - Network Connection',
      query: RUSTDESK_QUERY,
      expected: ['rustdesk:rule name:RustDesk'],
    },
    {
      name: 'RMM - ConnectWise Control - Process',
      query: 'T',
      expected: ['screenconnect:rule name:ConnectWise Control'],
    },
    { name: 'Suspicious remote access', query: RUSTDESK_QUERY, expected: ['rustdesk:query domain:rustdesk.com'] },
    {
      name: 'Remote access relays',
      query: `DeviceNetworkEvents | where RemoteUrl endswith "relay-7.net.anydesk.com"`,
      expected: ['anydesk:query domain:relay-7.net.anydesk.com'],
    },
    {
      name: 'Agents',
      query: `DeviceProcessEvents | where ProductName in~ ('PDQConnectAgent')`,
      expected: ['pdq:query product name:PDQConnectAgent'],
    },
    {
      name: 'Binaries',
      query: `DeviceProcessEvents | where FileName =~ @'AnyDesk.exe'`,
      expected: ['anydesk:query process name:AnyDesk.exe'],
    },
    {
      name: 'Several tools',
      query: `DeviceNetworkEvents | where RemoteUrl has_any ('rustdesk.com', 'app.pdq.com')`,
      expected: ['rustdesk:query domain:rustdesk.com', 'pdq:query domain:app.pdq.com'],
    },
    { name: 'AnyDesk started on a server', query: 'DeviceProcessEvents', expected: ['anydesk:rule name:AnyDesk'] },
    { name: 'Network - Unknown Tool - Network', query: `T | where RemoteUrl has 'example.org'`, expected: [] },
    { name: 'Lookalike domain', query: `T | where RemoteUrl has 'notrustdesk.com'`, expected: [] },
  ])('$name', ({ name, query, expected }) => {
    expect(matcher.match({ name, query }).map((m) => `${m.toolId}:${m.reason}:${m.evidence}`)).toEqual(expected);
  });
});

describe('a rule is tied to a tool only with evidence for that tool', () => {
  const T1219 = ['T1219'];
  test.each([
    {
      case: 'a comment names another tool',
      name: 'Remote support relay traffic from a server',
      query: `// AnyDesk was also used ('relay-1.net.anydesk.com'); it has its own rule.\nDeviceNetworkEvents\n| where RemoteUrl endswith ".screenconnect.com"`,
      expected: ['screenconnect:query domain:.screenconnect.com'],
    },
    {
      case: 'negated comparisons exclude tools, they are no evidence of them',
      name: 'Remote support relay traffic from a server',
      query: `DeviceNetworkEvents\n| where RemoteUrl endswith ".screenconnect.com"\n| where InitiatingProcessFolderPath !has "TeamViewer" and RemoteUrl !endswith ".teamviewer.com"`,
      expected: ['screenconnect:query domain:.screenconnect.com'],
    },
    {
      case: 'a negated list, with dynamic() inside',
      name: 'Remote access relays',
      query: `DeviceNetworkEvents | where RemoteUrl !in~ (dynamic(['rustdesk.com', 'app.pdq.com'])) and RemoteUrl has 'anydesk.com'`,
      expected: ['anydesk:query domain:anydesk.com'],
    },
    {
      case: 'not() around a comparison',
      name: 'Remote access relays',
      query: `DeviceNetworkEvents | where not(RemoteUrl has_any ('teamviewer.com')) | where RemoteUrl == "rustdesk.com"`,
      expected: ['rustdesk:query domain:rustdesk.com'],
    },
    {
      case: '!= and !~',
      name: 'Client binaries',
      query: `DeviceProcessEvents | where FileName != 'AnyDesk.exe' and ProductName !~ "TeamViewer" and FileName =~ "ScreenConnect.WindowsClient.exe"`,
      expected: ['screenconnect:query process name:ScreenConnect.WindowsClient.exe'],
    },
    {
      case: 'a URL with // inside a string is not a comment',
      name: 'Downloads',
      query: `DeviceNetworkEvents | where RemoteUrl startswith "https://rustdesk.com/download" or RemoteUrl has 'anydesk.com'`,
      expected: ['anydesk:query domain:anydesk.com'],
    },
    {
      case: 'two tools, each with its own literal',
      name: 'Remote support relays',
      query: `DeviceNetworkEvents | where RemoteUrl has_any ('relay.screenconnect.com', 'router1.teamviewer.com')`,
      expected: [
        'screenconnect:query domain:relay.screenconnect.com',
        'teamviewer:query domain:router1.teamviewer.com',
      ],
    },
    {
      case: 'the name pattern names a tool not in the catalog: that tool only, not those of its query',
      name: 'Remote Management and Monitoring tool - Barracuda RMM - Network Connection',
      techniques: T1219,
      query: `DeviceNetworkEvents | where RemoteUrl has_any ('rmm.barracudamsp.com', 'content.ivanti.com', 'level.io', 'anydesk.com')`,
      expected: ['barracuda-rmm-from-rules:rule name:Barracuda RMM (not in the catalog)'],
    },
    {
      case: 'a remote-access family is enough without T1219',
      name: 'RMM - Fleetwood Remote - Process',
      query: 'DeviceProcessEvents',
      expected: ['fleetwood-remote-from-rules:rule name:Fleetwood Remote (not in the catalog)'],
    },
    {
      case: 'a three-part name of another kind of rule names no tool',
      name: 'Microsoft Teams - External user added - Team',
      query: `OfficeActivity | where Operation == "MemberAdded"`,
      expected: [],
    },
    {
      case: 'a lowercase word is not a tool name',
      name: 'Sign-in to a high level admin account from a new country',
      query: 'SigninLogs',
      expected: [],
    },
    {
      case: 'a capitalised tool name in the name is',
      name: 'Level agent installed outside the deployment window',
      query: 'DeviceProcessEvents',
      expected: ['level:rule name:Level'],
    },
    {
      case: 'query evidence wins over a tool named in the name',
      name: 'TeamViewer-like traffic to AnyDesk relays',
      query: `DeviceNetworkEvents | where RemoteUrl endswith '.net.anydesk.com'`,
      expected: ['anydesk:query domain:.net.anydesk.com'],
    },
  ])('$case', ({ name, query, techniques, expected }) => {
    const matches = matcher.match({ name, query, relevantTechniques: techniques });
    expect(
      matches.map((m) => `${m.toolId}:${m.reason}:${m.evidence}${m.uncatalogued ? ' (not in the catalog)' : ''}`),
    ).toEqual(expected);
  });

  test.each([
    { name: 'Fleetwood Remote', expected: 'fleetwood-remote-from-rules' },
    { name: 'Barracuda RMM', expected: 'barracuda-rmm-from-rules' },
    { name: 'Fernwartung™ Über', expected: 'fernwartungtm-uber-from-rules' },
    { name: '遠隔', expected: 'tool-from-rules' },
  ])('id of the uncatalogued tool $name', ({ name, expected }) => {
    expect(toUncataloguedToolId(name)).toBe(expected);
  });
});

describe('signers and companies in signer columns', () => {
  const signed = createToolMatcher([
    ...catalog,
    tool({ id: 'harbor-desk', name: 'Harbor Desk', signers: ['Harbor Remote GmbH'], companies: ['Harbor Remote'] }),
    tool({ id: 'logmein', name: 'LogMeIn', signers: ['LogMeIn, Inc.'] }),
    tool({ id: 'logmein-rescue', name: 'LogMeIn Rescue', signers: ['LogMeIn, Inc.'] }),
  ]);
  const matchQuery = (query: string) =>
    signed
      .match({ name: 'Signed remote support binaries', query, indicators: analyzeKql(query).indicators })
      .map((m) => `${m.toolId}:${m.reason}:${m.evidence}`);

  test.each([
    {
      case: 'a certificate signer',
      query: `DeviceFileCertificateInfo | where Signer == 'Harbor Remote GmbH'`,
      expected: ['harbor-desk:query signer:Harbor Remote GmbH'],
    },
    {
      case: 'a version-info company name, case and punctuation aside',
      query: `DeviceProcessEvents | where ProcessVersionInfoCompanyName =~ 'harbor remote'`,
      expected: ['harbor-desk:query company:harbor remote'],
    },
    {
      case: 'a signer two tools share ties the rule to both',
      query: `DeviceFileCertificateInfo | where Signer in ('LogMeIn Inc')`,
      expected: ['logmein:query signer:LogMeIn Inc', 'logmein-rescue:query signer:LogMeIn Inc'],
    },
    {
      case: 'the same name in a column that is no signer column is no evidence',
      query: `DeviceProcessEvents | where ProcessCommandLine has 'Harbor Remote GmbH'`,
      expected: [],
    },
    {
      case: 'a negated signer is no evidence',
      query: `DeviceFileCertificateInfo | where Signer != 'Harbor Remote GmbH'`,
      expected: [],
    },
    {
      case: 'part of a signer name is not the signer',
      query: `DeviceFileCertificateInfo | where Signer has 'Harbor'`,
      expected: [],
    },
    {
      case: 'domains, product and process names come first',
      query: `DeviceProcessEvents | where FileName =~ 'AnyDesk.exe' and ProcessVersionInfoCompanyName == 'Harbor Remote'`,
      expected: ['anydesk:query process name:AnyDesk.exe', 'harbor-desk:query company:Harbor Remote'],
    },
  ])('$case', ({ query, expected }) => {
    expect(matchQuery(query)).toEqual(expected);
  });

  test('without indicators the query text alone does not match a signer', () => {
    const query = `DeviceFileCertificateInfo | where Signer == 'Harbor Remote GmbH'`;
    expect(signed.match({ name: 'Signed binaries', query })).toEqual([]);
  });
});

describe('helpers', () => {
  test.each([
    { query: `where A has 'x.com' and B == "y" | where C has @'c:\\x'`, expected: ['x.com', 'y', 'c:\\x'] },
    { query: `where A has 'it\\'s'`, expected: ["it\\'s"] },
    { query: 'where A > 1', expected: [] },
    { query: `where A has @'say ''hi''' | where B has "x" // 'y'`, expected: ["say ''hi''", 'x'] },
    { query: `where A has h'secret' and B has h@"c:\\t"`, expected: ['secret', 'c:\\t'] },
    { query: `where A !has 'x' and B has 'y' | where C !in ('p', 'q') or D in ('r')`, expected: ['y', 'r'] },
    { query: 'where A has ```multi\nline```', expected: ['multi\nline'] },
  ])('literals of $query', ({ query, expected }) => {
    expect(extractEvidenceLiterals(query)).toEqual(expected);
  });

  test.each([
    { input: 'ConnectWise Control', expected: 'connectwisecontrol' },
    { input: 'connectwise-control', expected: 'connectwisecontrol' },
    { input: 'Zoho Assist™', expected: 'zohoassist' },
  ])('match key of $input', ({ input, expected }) => {
    expect(toMatchKey(input)).toBe(expected);
  });
});

describe('the bundled catalog', () => {
  const { records, findings } = readTools(['content/tools']);
  test('loads without findings', () => {
    expect(findings).toEqual([]);
    expect(records.length).toBe(readdirSync('content/tools').length);
  });

  test('resolves both seed rules to their tools', () => {
    const bundled = createToolMatcher(records.map((record) => record.tool));
    expect(
      bundled.match({ name: 'Remote Management and Monitoring tool - PDQ - Network Connection', query: PDQ_QUERY })[0]
        ?.toolId,
    ).toBe('pdq');
    expect(
      bundled.match({
        name: 'Remote Management and Monitoring tool - RustDesk - Network Connection',
        query: RUSTDESK_QUERY,
      })[0]?.toolId,
    ).toBe('rustdesk');
    // Without the name pattern the query alone still finds them.
    expect(bundled.match({ name: 'x', query: PDQ_QUERY }).map((m) => m.toolId)).toEqual(['pdq']);
    expect(bundled.match({ name: 'x', query: RUSTDESK_QUERY }).map((m) => m.toolId)).toEqual(['rustdesk']);
  });
});

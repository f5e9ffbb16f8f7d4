import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readTools } from '../../../src/loaders/read-tools.ts';
import { createToolMatcher, extractStringLiterals, toMatchKey } from '../../../src/model/tool-matching.ts';
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
  }),
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

describe('helpers', () => {
  test.each([
    { query: `where A has 'x.com' and B == "y" | where C has @'c:\\x'`, expected: ['x.com', 'y', 'c:\\x'] },
    { query: `where A has 'it\\'s'`, expected: ["it\\'s"] },
    { query: 'where A > 1', expected: [] },
  ])('literals of $query', ({ query, expected }) => {
    expect(extractStringLiterals(query)).toEqual(expected);
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

import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import type { Finding } from '../../../src/checks/findings.ts';
import { collectDomains, fromLolrmmEntry, isLolrmmEntry, normalizeWebsite } from '../../../src/loaders/lolrmm.ts';
import type { ToolInput } from '../../../src/schemas/tool.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';

const FIXTURE_DIR = new URL('../../fixtures/lolrmm/', import.meta.url);

/** Parses a fixture the way a loader would, so the reader sees real YAML nulls and numbers. */
function loadFixture(file: string): unknown {
  return load(readFileSync(new URL(file, FIXTURE_DIR), 'utf8'));
}

/** Fills in the fields every mapped tool has, so each case lists only what it is about. */
function expectedTool(fields: Partial<ToolInput> & Pick<ToolInput, 'id' | 'name'>): ToolInput {
  return {
    category: 'RMM',
    technique: 'T1219.002',
    domains: [],
    productNames: [],
    processNames: [],
    signers: [],
    companies: [],
    installPaths: [],
    aliases: [],
    ...fields,
  };
}

const fixtureCases: { name: string; input: string; expected: { tool?: ToolInput; findings: Finding[] } }[] = [
  {
    name: 'PEMetadata as a single mapping, website without a scheme',
    input: 'pemetadata-object.yaml',
    expected: {
      tool: expectedTool({
        id: 'harbor-desk',
        name: 'Harbor Desk',
        website: 'https://www.harbordesk.example.com',
        domains: ['relay.harbordesk.example.com'],
        productNames: ['Harbor Desk'],
        processNames: ['HarborDesk.exe', 'HarborDeskSetup.exe'],
        installPaths: ['C:\\Program Files\\Harbor Desk\\*'],
        description: 'Remote desktop used by a fictional help desk.',
      }),
      findings: [],
    },
  },
  {
    name: 'PEMetadata as a list, names and domains deduplicated across entries',
    input: 'pemetadata-list.yaml',
    expected: {
      tool: expectedTool({
        id: 'lantern-rmm',
        name: 'Lantern RMM',
        website: 'https://lantern-rmm.example.org/',
        domains: ['*.lantern-rmm.example.org', 'api.lantern-rmm.example.org', 'relay.lantern-cdn.example.net'],
        productNames: ['Lantern Agent'],
        processNames: ['lantern_agent.exe', 'lantern_tray.exe', 'lantern_remote.exe', 'lremote.exe'],
        description: 'Cloud RMM agent with scripting and remote shell.',
      }),
      findings: [],
    },
  },
  {
    name: 'signers and companies from PEMetadata and from the code-signing certificates',
    input: 'code-signing.yaml',
    expected: {
      tool: expectedTool({
        id: 'lighthouse-assist',
        name: 'Lighthouse Assist',
        productNames: ['Lighthouse Assist'],
        processNames: ['LighthouseAssist.exe'],
        signers: ['Lighthouse Software GmbH', 'Lighthouse Remote Ltd'],
        companies: ['Lighthouse Software GmbH', 'Lighthouse Remote Ltd'],
        installPaths: ['C:\\Program Files\\Lighthouse Assist\\*', '/Applications/Lighthouse Assist.app'],
        description: 'Remote support client made up for this fixture.',
      }),
      findings: [],
    },
  },
  {
    name: 'user_managed placeholder is not a domain',
    input: 'user-managed.yaml',
    expected: {
      tool: expectedTool({
        id: 'bastion-relay-self-hosted',
        name: 'Bastion Relay (self-hosted)',
        website: 'https://bastion-relay.example.com',
        domains: ['licence.bastion-relay.example.com'],
        productNames: ['Bastion Relay'],
        processNames: ['bastion-client.exe'],
        description: 'Self-hosted remote support server.',
      }),
      findings: [],
    },
  },
  {
    name: 'empty strings and nulls everywhere are dropped without findings',
    input: 'empty-values.yaml',
    expected: {
      tool: expectedTool({
        id: 'quill-remote',
        name: 'Quill Remote',
        domains: ['quill-remote.example.com'],
        processNames: ['quill.exe'],
      }),
      findings: [],
    },
  },
  {
    name: 'RAT category is kept; a placeholder website is left out with a warning',
    input: 'rat.yaml',
    expected: {
      tool: expectedTool({
        id: 'gloomhook-rat',
        name: 'Gloomhook RAT',
        category: 'RAT',
        domains: ['c2.gloomhook.example.net'],
        productNames: ['Gloomhook'],
        processNames: ['gloomhook.exe', 'Client.exe'],
        description: 'Remote access trojan invented for this fixture.',
      }),
      findings: [
        { severity: 'warning', file: 'rat.yaml', field: 'Details.Website', message: expect.stringContaining('N/A') },
      ],
    },
  },
  {
    name: 'no Network artifacts gives no domains',
    input: 'no-network.yaml',
    expected: {
      tool: expectedTool({
        id: 'tidepool-vnc',
        name: 'Tidepool VNC',
        website: 'https://tidepool-vnc.example.com',
        productNames: ['Tidepool VNC'],
        processNames: ['tpvncserver.exe'],
        description: 'VNC server that listens on the local network and has no cloud service.',
      }),
      findings: [],
    },
  },
];

/** A finding that stops the entry: the file and the Name field are what an author needs. */
function nameError(file: string): Finding {
  return { severity: 'error', file, field: 'Name', message: expect.any(String) };
}

const inlineCases: { name: string; input: unknown; expected: { tool?: ToolInput; findings: Finding[] } }[] = [
  { name: 'missing Name', input: { Category: 'RMM' }, expected: { findings: [nameError('x.yaml')] } },
  { name: 'blank Name', input: { Name: '   ' }, expected: { findings: [nameError('x.yaml')] } },
  { name: 'null Name', input: { Name: null }, expected: { findings: [nameError('x.yaml')] } },
  { name: 'Name without letters or digits', input: { Name: '***' }, expected: { findings: [nameError('x.yaml')] } },
  {
    name: 'not a mapping',
    input: ['Name'],
    expected: { findings: [{ severity: 'error', file: 'x.yaml', message: expect.stringContaining('mapping') }] },
  },
  {
    name: 'unknown fields are ignored',
    input: { Name: 'Plain', Verification: 'email', Details: { Vulnerabilities: [], Website: 'plain.example.com' } },
    expected: {
      tool: expectedTool({ id: 'plain', name: 'Plain', website: 'https://plain.example.com' }),
      findings: [],
    },
  },
  {
    name: 'an unrecognised category falls back to RMM with a warning',
    input: { Name: 'Odd', Category: 'Remote Access' },
    expected: {
      tool: expectedTool({ id: 'odd', name: 'Odd' }),
      findings: [
        { severity: 'warning', file: 'x.yaml', field: 'Category', message: expect.stringContaining('Remote Access') },
      ],
    },
  },
  {
    name: 'aliases are read when an entry has them',
    input: { Name: 'Beacon Desk', Aliases: ['BDesk', '', null, 'BDesk'] },
    expected: { tool: expectedTool({ id: 'beacon-desk', name: 'Beacon Desk', aliases: ['BDesk'] }), findings: [] },
  },
  {
    name: 'a single Network mapping and a single domain string are accepted',
    input: { Name: 'Solo', Artifacts: { Network: { Domains: 'Solo.Example.com' } } },
    expected: { tool: expectedTool({ id: 'solo', name: 'Solo', domains: ['solo.example.com'] }), findings: [] },
  },
];

describe('fromLolrmmEntry', () => {
  for (const { name, input, expected } of fixtureCases) {
    test(`${name} (${input})`, () => {
      const result = fromLolrmmEntry(loadFixture(input), input);
      expect(result).toEqual(expected);
      expect(toolSchema.safeParse(result.tool).success).toBe(true);
    });
  }

  for (const { name, input, expected } of inlineCases) {
    test(name, () => {
      const result = fromLolrmmEntry(input, 'x.yaml');
      expect(result).toEqual(expected);
      if (result.tool) expect(toolSchema.safeParse(result.tool).success).toBe(true);
    });
  }

  test('every fixture file has a case', () => {
    const files = readdirSync(FIXTURE_DIR)
      .filter((file) => file.endsWith('.yaml'))
      .sort();
    expect(files).toEqual(fixtureCases.map((c) => c.input).sort());
  });
});

describe('isLolrmmEntry', () => {
  const cases: { name: string; input: unknown; expected: boolean }[] = [
    { name: 'LOLRMM fixture', input: loadFixture('rat.yaml'), expected: true },
    { name: 'capitalised Name only', input: { Name: 'AnyDesk' }, expected: true },
    { name: 'own format', input: { id: 'anydesk', name: 'AnyDesk' }, expected: false },
    { name: 'Name next to our id', input: { Name: 'AnyDesk', id: 'anydesk' }, expected: false },
    { name: 'Name next to our name', input: { Name: 'AnyDesk', name: 'AnyDesk' }, expected: false },
    { name: 'empty mapping', input: {}, expected: false },
    { name: 'null', input: null, expected: false },
    { name: 'list', input: [{ Name: 'AnyDesk' }], expected: false },
    { name: 'string', input: 'Name: AnyDesk', expected: false },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => expect(isLolrmmEntry(input)).toBe(expected));
  }
});

describe('normalizeWebsite', () => {
  const cases: { name: string; input: string; expected: string | undefined }[] = [
    { name: 'full URL kept', input: 'https://www.action1.com/', expected: 'https://www.action1.com/' },
    { name: 'http kept', input: 'http://example.com', expected: 'http://example.com' },
    { name: 'scheme added', input: 'www.action1.com', expected: 'https://www.action1.com' },
    { name: 'placeholder dropped', input: 'N/A', expected: undefined },
    { name: 'prose dropped', input: 'see vendor site', expected: undefined },
    { name: 'non-web scheme dropped', input: 'ftp://files.example.com', expected: undefined },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => expect(normalizeWebsite(input)).toBe(expected));
  }
});

describe('collectDomains', () => {
  const cases: { name: string; input: unknown; expected: string[] }[] = [
    { name: 'missing network', input: undefined, expected: [] },
    { name: 'wildcards kept, lowercased', input: [{ Domains: ['*.AnyDesk.com'] }], expected: ['*.anydesk.com'] },
    { name: 'placeholder in any case dropped', input: [{ Domains: ['user_managed', ' USER_MANAGED '] }], expected: [] },
    {
      name: 'non-text entries dropped',
      input: [{ Domains: [{ a: 1 }, true, 'a.example.com'] }],
      expected: ['a.example.com'],
    },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => expect(collectDomains(input)).toEqual(expected));
  }
});

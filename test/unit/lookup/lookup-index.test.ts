import { describe, expect, test } from 'vitest';
import { lookUpKeys, lookUpValue } from '../../../src/lookup/lookup.ts';
import { shardOfKey } from '../../../src/lookup/lookup-format.ts';
import {
  buildLookupIndex,
  keyCatalogValue,
  keyQueryValue,
  type LookupRuleSource,
  type LookupToolSource,
} from '../../../src/lookup/lookup-index.ts';
import { toLookupKeys } from '../../../src/lookup/normalise.ts';

const ANYDESK_NETWORK: LookupRuleSource = {
  title: 'AnyDesk - Network',
  url: '/rules/anydesk-network/',
  id: '0f1e2d3c-4b5a-4697-8877-665544332211',
  indicators: [{ value: 'AnyDesk.com', kind: 'domain', column: 'RemoteUrl' }],
};
const ANYDESK_SIGNER: LookupRuleSource = {
  title: 'AnyDesk - Signer',
  url: '/rules/anydesk-signer/',
  id: '1f1e2d3c-4b5a-4697-8877-665544332211',
  indicators: [
    { value: 'philandro Software GmbH', kind: 'signer', column: 'Signer' },
    { value: '\\AnyDesk\\', kind: 'path', column: 'FolderPath' },
    { value: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Clients\\AnyDesk', kind: 'other', column: 'RegistryKey' },
  ],
};
const ANYDESK_TOOL: LookupToolSource = {
  title: 'AnyDesk',
  url: '/tools/anydesk/',
  facts: {
    name: ['AnyDesk'],
    domains: ['*.anydesk.com'],
    processNames: ['AnyDesk.exe'],
    signers: ['philandro Software GmbH'],
    installPaths: ['C:\\Program Files (x86)\\AnyDesk\\'],
    description: ['Not an indicator'],
  },
};

describe('keying indexed values', () => {
  test.each([
    {
      value: '*.AnyDesk.com',
      kind: 'domain',
      column: 'RemoteUrl',
      expected: [{ key: 'anydesk.com', kind: 'domain', wildcard: true }],
    },
    {
      value: 'https://app.pdq.com/login',
      kind: 'other',
      column: 'RemoteUrl',
      expected: [{ key: 'app.pdq.com', kind: 'domain' }],
    },
    { value: '10.0.0.0/8', kind: 'ip', column: 'RemoteIP', expected: [{ key: '10.0.0.0/8', kind: 'ip' }] },
    { value: '192.168.', kind: 'ip', column: 'RemoteIP', expected: [{ key: '192.168.0.0/16', kind: 'ip' }] },
    {
      value: 'RustDesk.exe',
      kind: 'process',
      column: 'FileName',
      expected: [{ key: 'rustdesk.exe', kind: 'process' }],
    },
    {
      value: 'C:\\Tools\\AnyDesk.exe',
      kind: 'path',
      column: 'FolderPath',
      expected: [
        { key: 'c:/tools/anydesk.exe', kind: 'path' },
        { key: 'anydesk.exe', kind: 'process' },
      ],
    },
    {
      value: 'Software\\AnyDesk',
      kind: 'other',
      column: 'RegistryKey',
      expected: [{ key: 'software\\anydesk', kind: 'registry' }],
    },
    {
      value: 'D41D8CD98F00B204E9800998ECF8427E',
      kind: 'other',
      column: 'MD5',
      expected: [{ key: 'd41d8cd98f00b204e9800998ecf8427e', kind: 'hash' }],
    },
    {
      value: '  Philandro  Software GmbH',
      kind: 'signer',
      column: 'Signer',
      expected: [{ key: 'philandro software gmbh', kind: 'signer' }],
    },
    { value: '--silent', kind: 'other', column: 'ProcessCommandLine', expected: [{ key: '--silent', kind: 'other' }] },
    { value: 'x'.repeat(201), kind: 'other', column: 'ProcessCommandLine', expected: [] },
  ] as const)('$value in $column', ({ value, kind, column, expected }) => {
    expect(keyQueryValue(value, kind, column)).toEqual(expected);
  });

  test('a catalog install path is keyed as a folder', () => {
    expect(keyCatalogValue('C:\\Program Files (x86)\\AnyDesk\\', 'path')).toEqual([
      { key: 'c:/program files (x86)/anydesk', kind: 'path' },
    ]);
  });
});

describe('buildLookupIndex', () => {
  const index = buildLookupIndex({ rules: [ANYDESK_NETWORK, ANYDESK_SIGNER], tools: [ANYDESK_TOOL] });
  const shard = index.shards[0];

  test('a small site is one shard of compact rows', () => {
    expect(index.manifest).toEqual({ version: 1, shards: 1 });
    expect(shard?.targets).toEqual([
      ['r', 'AnyDesk - Network', '/rules/anydesk-network/'],
      ['r', 'AnyDesk - Signer', '/rules/anydesk-signer/'],
      ['t', 'AnyDesk', '/tools/anydesk/'],
    ]);
    // The rule's domain and the catalog's wildcard share a key; the wildcard is marked.
    expect(shard?.keys['anydesk.com']).toEqual([
      [0, shard?.fields.indexOf('RemoteUrl'), 0],
      [2, shard?.fields.indexOf('domains'), 0, 1],
    ]);
    expect(Object.keys(shard?.keys ?? {}).sort()).toEqual([
      '0f1e2d3c-4b5a-4697-8877-665544332211',
      '1f1e2d3c-4b5a-4697-8877-665544332211',
      'anydesk',
      'anydesk.com',
      'anydesk.exe',
      'c:/program files (x86)/anydesk',
      'hklm\\software\\clients\\anydesk',
      'philandro software gmbh',
    ]);
  });

  test('a large site is sharded by key, and every key sits in the shard its hash names', () => {
    const rules = Array.from({ length: 300 }, (_, n) => ({
      ...ANYDESK_NETWORK,
      title: `Rule ${n}`,
      url: `/rules/${n}/`,
      indicators: [{ value: `host-${n}.example.com`, kind: 'domain' as const, column: 'RemoteUrl' }],
    }));
    const sharded = buildLookupIndex({ rules, tools: [] }, 100);
    expect(sharded.manifest.shards).toBe(6);
    sharded.shards.forEach((each, number) => {
      for (const key of Object.keys(each.keys)) expect(shardOfKey(key, 6)).toBe(number);
    });
    const found = lookUpKeys(toLookupKeys('host-42.example.com'), sharded.manifest, new Map(sharded.shards.entries()));
    expect(found.rules.map((hit) => hit.title)).toEqual(['Rule 42']);
  });
});

describe('looking up pasted values', () => {
  const index = buildLookupIndex({ rules: [ANYDESK_NETWORK, ANYDESK_SIGNER], tools: [ANYDESK_TOOL] });
  const look = (pasted: string) => lookUpValue(pasted, index.manifest, (n) => index.shards[n] as never);

  test.each([
    {
      pasted: 'relay-3e5a6b8c.net.anydesk.com',
      rules: ['AnyDesk - Network: RemoteUrl parent domain anydesk.com'],
      tools: ['AnyDesk: domains parent domain *.anydesk.com'],
    },
    {
      pasted: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
      rules: ['AnyDesk - Signer: FolderPath folder anydesk'],
      tools: ['AnyDesk: processNames file name anydesk.exe, installPaths folder c:/program files (x86)/anydesk'],
    },
    {
      pasted: 'Philandro Software  GmbH',
      rules: ['AnyDesk - Signer: Signer exact philandro software gmbh'],
      tools: ['AnyDesk: signers exact philandro software gmbh'],
    },
    {
      pasted: 'HKLM\\Software\\Clients\\AnyDesk',
      rules: ['AnyDesk - Signer: RegistryKey exact hklm\\software\\clients\\anydesk'],
      tools: [],
    },
    {
      pasted: '{0F1E2D3C-4B5A-4697-8877-665544332211}',
      rules: ['AnyDesk - Network: id exact 0f1e2d3c-4b5a-4697-8877-665544332211'],
      tools: [],
    },
    // A product name is not a folder: `anydesk` the folder matches install paths only.
    { pasted: 'D:\\Other\\AnyDesk\\readme.txt', rules: ['AnyDesk - Signer: FolderPath folder anydesk'], tools: [] },
  ])('$pasted', async ({ pasted, rules, tools }) => {
    const found = await look(pasted);
    const describeHits = (hits: typeof found.rules) =>
      hits.map(
        (hit) =>
          `${hit.title}: ${hit.matches.map((m) => `${m.field} ${m.how} ${m.wildcard ? '*.' : ''}${m.value}`).join(', ')}`,
      );
    expect(describeHits(found.rules)).toEqual(rules);
    expect(describeHits(found.tools)).toEqual(tools);
  });

  test('a key named like an Object property finds nothing', async () => {
    expect((await look('constructor')).rules).toEqual([]);
  });
});

test('literals named like Object properties are keys like any other', () => {
  const rule: LookupRuleSource = {
    ...ANYDESK_NETWORK,
    indicators: ['__proto__', 'constructor'].map((value) => ({
      value,
      kind: 'other' as const,
      column: 'ProcessCommandLine',
    })),
  };
  const index = buildLookupIndex({ rules: [rule], tools: [] });
  const parsed = JSON.parse(JSON.stringify(index.shards[0]));
  for (const pasted of ['__proto__', 'constructor']) {
    const found = lookUpKeys(toLookupKeys(pasted), index.manifest, new Map([[0, parsed]]));
    expect(found.rules.map((hit) => hit.title)).toEqual([ANYDESK_NETWORK.title]);
  }
});

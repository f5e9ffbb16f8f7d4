import { describe, expect, test } from 'vitest';
import {
  listParentDomains,
  toDomainKey,
  toLookupKeys,
  toNetworkKey,
  toPathKey,
  toRegistryKey,
} from '../../../src/lookup/normalise.ts';

/** The keys of a pasted value as `how key` lines, in the order they are tried. */
const describeKeys = (pasted: string) => toLookupKeys(pasted).map((key) => `${key.how} ${key.key}`);

describe('toLookupKeys', () => {
  test.each([
    {
      what: 'a URL becomes its host and parent domains',
      pasted: 'https://app.pdq.com/login',
      expected: ['host app.pdq.com', 'exact https://app.pdq.com/login', 'parent domain pdq.com'],
    },
    {
      what: 'a URL with a port and user',
      pasted: 'HTTPS://user@Relay.AnyDesk.com:443/x?y=1',
      expected: [
        'host relay.anydesk.com',
        'exact https://user@relay.anydesk.com:443/x?y=1',
        'parent domain anydesk.com',
      ],
    },
    {
      what: 'a defanged URL',
      pasted: 'hxxps://app[.]pdq[.]com/login',
      expected: ['host app.pdq.com', 'exact https://app.pdq.com/login', 'parent domain pdq.com'],
    },
    {
      what: 'a host matches each parent domain, nearest first, not the bare TLD',
      pasted: 'relay-3e5a6b8c.net.anydesk.com',
      expected: ['exact relay-3e5a6b8c.net.anydesk.com', 'parent domain net.anydesk.com', 'parent domain anydesk.com'],
    },
    {
      what: 'a host in capitals with a trailing dot',
      pasted: 'App.PDQ.com.',
      expected: ['exact app.pdq.com', 'exact app.pdq.com.', 'parent domain pdq.com'],
    },
    {
      what: 'a host under a shared suffix stops before it',
      pasted: 'remote.example.co.uk',
      expected: ['exact remote.example.co.uk', 'parent domain example.co.uk'],
    },
    {
      what: 'a host followed by a path',
      pasted: 'app.pdq.com/login',
      expected: ['host app.pdq.com', 'exact app.pdq.com/login', 'parent domain pdq.com'],
    },
    {
      what: 'a Windows path: the file name, the path and its folders',
      pasted: 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
      expected: [
        'exact c:/program files (x86)/anydesk/anydesk.exe',
        'exact c:\\program files (x86)\\anydesk\\anydesk.exe',
        'file name anydesk.exe',
        'path program files (x86)/anydesk/anydesk.exe',
        'path anydesk/anydesk.exe',
        'folder c:/program files (x86)/anydesk',
        'folder program files (x86)/anydesk',
        'folder anydesk',
      ],
    },
    {
      what: 'a Unix path',
      pasted: '/opt/rustdesk/rustdesk',
      expected: [
        'exact opt/rustdesk/rustdesk',
        'exact /opt/rustdesk/rustdesk',
        'file name rustdesk',
        'path rustdesk/rustdesk',
        // `rustdesk` the folder is tried already as the file name, which any kind may match.
        'folder opt/rustdesk',
      ],
    },
    {
      what: 'a folder with a trailing separator has no file name',
      pasted: 'C:\\ProgramData\\AnyDesk\\',
      expected: [
        'exact c:/programdata/anydesk',
        'exact c:\\programdata\\anydesk\\',
        'folder programdata/anydesk',
        'folder anydesk',
      ],
    },
    {
      what: 'a GUID in capitals',
      pasted: '58CBBE97-F835-4677-9BEE-203B1DF29600',
      expected: ['exact 58cbbe97-f835-4677-9bee-203b1df29600'],
    },
    {
      what: 'a GUID with braces',
      pasted: '{58cbbe97-f835-4677-9bee-203b1df29600}',
      expected: ['exact 58cbbe97-f835-4677-9bee-203b1df29600', 'exact {58cbbe97-f835-4677-9bee-203b1df29600}'],
    },
    {
      what: 'a SHA-256 hash in capitals',
      pasted: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
      expected: ['exact e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    },
    {
      what: 'a signer name, spaces collapsed',
      pasted: '  philandro   Software GmbH ',
      expected: ['exact philandro software gmbh'],
    },
    {
      what: 'a quoted product name',
      pasted: '"PDQConnectAgent"',
      expected: ['exact pdqconnectagent'],
    },
    { what: 'an IPv6 address', pasted: '2001:DB8::1', expected: ['exact 2001:db8::1'] },
    { what: 'a CIDR', pasted: '10.1.2.3/16', expected: ['exact 10.1.0.0/16', 'exact 10.1.2.3/16'] },
    {
      what: 'a registry key, hive abbreviated',
      pasted: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\AnyDesk',
      expected: [
        'exact hklm\\software\\anydesk',
        'exact hkey_local_machine\\software\\anydesk',
        'path software\\anydesk',
        'path anydesk',
      ],
    },
    { what: 'nothing', pasted: '   ', expected: [] },
  ])('$what: $pasted', ({ pasted, expected }) => {
    expect(describeKeys(pasted)).toEqual(expected);
  });

  test('an address tries itself, then every network from /32 to /8 that holds it', () => {
    const keys = toLookupKeys('10.1.2.3');
    expect(keys[0]).toEqual({ key: '10.1.2.3', how: 'exact', rank: 0 });
    const networks = keys.filter((key) => key.how === 'network').map((key) => key.key);
    expect(networks).toHaveLength(25);
    expect(networks).toEqual(expect.arrayContaining(['10.1.2.3/32', '10.1.2.0/24', '10.1.0.0/16', '10.0.0.0/8']));
    expect(keys.find((key) => key.how === 'network')?.kinds).toEqual(['ip']);
  });

  test('parent domains match only domains, folders only paths', () => {
    expect(toLookupKeys('relay.anydesk.com').find((key) => key.how === 'parent domain')?.kinds).toEqual(['domain']);
    expect(toLookupKeys('C:\\AnyDesk\\AnyDesk.exe').find((key) => key.how === 'folder')?.kinds).toEqual(['path']);
  });
});

describe('key helpers', () => {
  test.each([
    { input: '*.AnyDesk.com', expected: 'anydesk.com' },
    { input: '.anydesk.com', expected: 'anydesk.com' },
    { input: 'relay.anydesk.com.', expected: 'relay.anydesk.com' },
  ])('toDomainKey($input)', ({ input, expected }) => {
    expect(toDomainKey(input)).toBe(expected);
  });

  test.each([
    { input: 'a.b.example.com', expected: ['b.example.com', 'example.com'] },
    { input: 'example.com', expected: [] },
    { input: 'www.bbc.co.uk', expected: ['bbc.co.uk'] },
  ])('listParentDomains($input)', ({ input, expected }) => {
    expect(listParentDomains(input)).toEqual(expected);
  });

  test.each([
    { input: '\\AnyDesk\\', expected: 'anydesk' },
    { input: 'C:\\Program Files (x86)\\AnyDesk\\', expected: 'c:/program files (x86)/anydesk' },
    { input: '/usr//lib/x/', expected: 'usr/lib/x' },
  ])('toPathKey($input)', ({ input, expected }) => {
    expect(toPathKey(input)).toBe(expected);
  });

  test.each([
    { input: 'HKEY_LOCAL_MACHINE\\SOFTWARE\\AnyDesk', expected: 'hklm\\software\\anydesk' },
    { input: 'SOFTWARE\\Classes\\AnyDesk\\', expected: 'software\\classes\\anydesk' },
  ])('toRegistryKey($input)', ({ input, expected }) => {
    expect(toRegistryKey(input)).toBe(expected);
  });

  test.each([
    { address: '10.1.2.3', length: 8, expected: '10.0.0.0/8' },
    { address: '192.168.200.7', length: 20, expected: '192.168.192.0/20' },
    { address: '255.255.255.255', length: 32, expected: '255.255.255.255/32' },
  ])('toNetworkKey($address, $length)', ({ address, length, expected }) => {
    expect(toNetworkKey(address, length)).toBe(expected);
  });
});

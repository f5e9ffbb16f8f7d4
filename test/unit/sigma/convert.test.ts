import { describe, expect, test } from 'vitest';
import { loadKustoService } from '../../../src/kql/kusto-service.ts';
import { readSyntaxDiagnostics } from '../../../src/kql/syntax-diagnostics.ts';
import { convertSigmaToKql, type SigmaLogsource } from '../../../src/sigma/index.ts';

const PROCESS: SigmaLogsource = { category: 'process_creation', product: 'windows' };

/** The query's lines after the table, for a detection of one selection `sel`. */
function whereOf(selection: unknown, logsource: SigmaLogsource = PROCESS): string {
  const result = convertSigmaToKql({ logsource, detection: { sel: selection, condition: 'sel' } });
  if (!result.ok) return `unsupported: ${result.reason}`;
  return result.kql.split('\n').slice(1).join('\n');
}

interface Case {
  name: string;
  selection: unknown;
  logsource?: SigmaLogsource;
  expected: string;
}

const MATCHING: Case[] = [
  {
    name: 'plain equality is case-insensitive',
    selection: { Image: 'C:\\Tools\\AnyDesk.exe' },
    expected: "| where FolderPath =~ @'C:\\Tools\\AnyDesk.exe'",
  },
  {
    name: 'a list of values is one in~',
    selection: { OriginalFileName: ['AnyDesk.exe', 'TeamViewer.exe'] },
    expected: "| where ProcessVersionInfoOriginalFileName in~ ('AnyDesk.exe', 'TeamViewer.exe')",
  },
  {
    name: 'contains',
    selection: { 'CommandLine|contains': '--install' },
    expected: "| where ProcessCommandLine contains '--install'",
  },
  {
    name: 'startswith',
    selection: { 'Image|startswith': 'C:\\Users\\' },
    expected: "| where FolderPath startswith 'C:\\\\Users\\\\'",
  },
  {
    name: 'endswith',
    selection: { 'Image|endswith': '\\AnyDesk.exe' },
    expected: "| where FolderPath endswith @'\\AnyDesk.exe'",
  },
  {
    name: 'contains|all is an and',
    selection: { 'CommandLine|contains|all': ['a', 'b'] },
    expected: "| where ProcessCommandLine contains 'a'\n    and ProcessCommandLine contains 'b'",
  },
  {
    name: 'a map ands its fields',
    selection: { Image: 'a', CommandLine: 'b' },
    expected: "| where FolderPath =~ 'a'\n    and ProcessCommandLine =~ 'b'",
  },
  {
    name: 'a list of maps ors them',
    selection: [{ Image: 'a' }, { CommandLine: 'b', User: 'c' }],
    expected: "| where FolderPath =~ 'a'\n    or (ProcessCommandLine =~ 'b' and AccountName =~ 'c')",
  },
  {
    name: 'cased equality',
    selection: { 'Image|cased': 'AnyDesk.exe' },
    expected: "| where FolderPath == 'AnyDesk.exe'",
  },
  { name: 'cased list', selection: { 'Image|cased': ['a', 'b'] }, expected: "| where FolderPath in ('a', 'b')" },
  {
    name: 'cased contains',
    selection: { 'CommandLine|contains|cased': 'AnyDesk' },
    expected: "| where ProcessCommandLine contains_cs 'AnyDesk'",
  },
  {
    name: 'cased endswith',
    selection: { 'Image|endswith|cased': '\\A.exe' },
    expected: "| where FolderPath endswith_cs @'\\A.exe'",
  },
  { name: 'null is empty', selection: { Company: null }, expected: '| where isempty(ProcessVersionInfoCompanyName)' },
  {
    name: 'empty string is empty',
    selection: { Company: '' },
    expected: '| where isempty(ProcessVersionInfoCompanyName)',
  },
  {
    name: 'null among values',
    selection: { Company: [null, 'AnyDesk Software GmbH'] },
    expected:
      "| where ProcessVersionInfoCompanyName =~ 'AnyDesk Software GmbH'\n    or isempty(ProcessVersionInfoCompanyName)",
  },
  {
    name: 'a lone wildcard is not empty',
    selection: { Company: '*' },
    expected: '| where isnotempty(ProcessVersionInfoCompanyName)',
  },
  {
    name: 'exists true',
    selection: { 'Company|exists': true },
    expected: '| where isnotempty(ProcessVersionInfoCompanyName)',
  },
  {
    name: 'exists false',
    selection: { 'Company|exists': false },
    expected: '| where isempty(ProcessVersionInfoCompanyName)',
  },
  { name: 'a number', selection: { ProcessId: 4 }, expected: '| where ProcessId == 4' },
  {
    name: 'numbers',
    selection: { DestinationPort: [80, 443] },
    logsource: { category: 'network_connection' },
    expected: '| where RemotePort in (80, 443)',
  },
  {
    name: 'a number with contains is text',
    selection: { 'CommandLine|contains': 4444 },
    expected: "| where ProcessCommandLine contains '4444'",
  },
  {
    name: 'a boolean on a text column is its text',
    selection: { IntegrityLevel: false },
    expected: "| where ProcessIntegrityLevel =~ 'false'",
  },
  {
    name: 'a number as text on a number column',
    selection: { ProcessId: ['4', 8] },
    expected: '| where ProcessId in (4, 8)',
  },
  {
    name: 'a text match on a number column',
    selection: { 'ProcessId|startswith': '12' },
    expected: "| where tostring(ProcessId) startswith '12'",
  },
  {
    name: 'a number on a text column',
    selection: { CommandLine: 4444 },
    expected: "| where ProcessCommandLine =~ '4444'",
  },
  {
    name: 'gt and lte',
    selection: { 'ProcessId|gt': 4, 'ParentProcessId|lte': 10 },
    expected: '| where ProcessId > 4\n    and InitiatingProcessId <= 10',
  },
  {
    name: 'a field name in another case',
    selection: { commandline: 'x' },
    expected: "| where ProcessCommandLine =~ 'x'",
  },
];

const WILDCARDS: Case[] = [
  {
    name: 'leading wildcard is endswith',
    selection: { Image: '*\\AnyDesk.exe' },
    expected: "| where FolderPath endswith @'\\AnyDesk.exe'",
  },
  {
    name: 'trailing wildcard is startswith',
    selection: { Image: 'C:\\Temp*' },
    expected: "| where FolderPath startswith @'C:\\Temp'",
  },
  {
    name: 'both ends is contains',
    selection: { CommandLine: '*anydesk*' },
    expected: "| where ProcessCommandLine contains 'anydesk'",
  },
  {
    name: 'a wildcard inside is a regex',
    selection: { Image: 'C:\\\\*\\AnyDesk.exe' },
    expected: "| where FolderPath matches regex @'(?i)^C:\\\\.*\\\\AnyDesk\\.exe$'",
  },
  {
    name: 'a question mark is one character',
    selection: { Image: 'AnyDesk?.exe' },
    expected: "| where FolderPath matches regex @'(?i)^AnyDesk.\\.exe$'",
  },
  {
    name: 'cased wildcard regex has no (?i)',
    selection: { 'Image|cased': 'a*b' },
    expected: "| where FolderPath matches regex '^a.*b$'",
  },
  {
    name: 'a backslash before a star escapes it',
    selection: { Image: 'C:\\Temp\\*' },
    expected: "| where FolderPath =~ @'C:\\Temp*'",
  },
  {
    name: 'an escaped star is a star',
    selection: { CommandLine: 'say \\*hello\\*' },
    expected: "| where ProcessCommandLine =~ 'say *hello*'",
  },
  {
    name: 'an escaped question mark',
    selection: { 'CommandLine|contains': 'why\\?' },
    expected: "| where ProcessCommandLine contains 'why?'",
  },
  {
    name: 'an escaped backslash before a wildcard',
    selection: { Image: 'C:\\Temp\\\\*' },
    expected: "| where FolderPath startswith 'C:\\\\Temp\\\\'",
  },
  {
    name: 'a trailing backslash with startswith',
    selection: { 'Image|startswith': 'C:\\Program Files\\' },
    expected: "| where FolderPath startswith 'C:\\\\Program Files\\\\'",
  },
  {
    name: 'wildcards inside a contains value',
    selection: { 'CommandLine|contains': 'anydesk*--silent' },
    expected: "| where ProcessCommandLine matches regex '(?i)^.*anydesk.*--silent.*$'",
  },
];

const ESCAPING: Case[] = [
  {
    name: 'a quote in a plain literal',
    selection: { CommandLine: "it's" },
    expected: "| where ProcessCommandLine =~ 'it\\'s'",
  },
  {
    name: 'a quote in a verbatim literal',
    selection: { Image: "C:\\it's\\a.exe" },
    expected: "| where FolderPath =~ @'C:\\it''s\\a.exe'",
  },
  {
    name: 'a double quote',
    selection: { 'CommandLine|contains': '"C:\\Program Files\\AnyDesk\\AnyDesk.exe" --service' },
    expected: '| where ProcessCommandLine contains @\'"C:\\Program Files\\AnyDesk\\AnyDesk.exe" --service\'',
  },
  { name: 'a line break', selection: { CommandLine: 'a\nb' }, expected: "| where ProcessCommandLine =~ 'a\\nb'" },
  {
    name: 'a line break and a backslash',
    selection: { CommandLine: 'C:\\a\nb' },
    expected: "| where ProcessCommandLine =~ 'C:\\\\a\\nb'",
  },
  {
    name: 'a regex with a quote',
    selection: { 'CommandLine|re': "'[a-z]+'\\s" },
    expected: "| where ProcessCommandLine matches regex @'''[a-z]+''\\s'",
  },
  {
    name: 'regex flags',
    selection: { 'CommandLine|re|i|s': 'anydesk.+silent' },
    expected: "| where ProcessCommandLine matches regex '(?is)anydesk.+silent'",
  },
  {
    name: 'regex values or-ed',
    selection: { 'CommandLine|re': ['^a', 'b$'] },
    expected: "| where ProcessCommandLine matches regex '^a'\n    or ProcessCommandLine matches regex 'b$'",
  },
];

const WINDASH: Case[] = [
  {
    name: 'windash tries every dash',
    selection: { 'CommandLine|windash|contains': ' -silent' },
    expected:
      "| where ProcessCommandLine contains ' -silent'\n    or ProcessCommandLine contains ' /silent'\n    or ProcessCommandLine contains ' \u2013silent'\n    or ProcessCommandLine contains ' \u2014silent'\n    or ProcessCommandLine contains ' \u2015silent'",
  },
  {
    name: 'windash leaves dashes inside words',
    selection: { 'CommandLine|windash': 'set-config' },
    expected: "| where ProcessCommandLine =~ 'set-config'",
  },
];

const CIDR: Case[] = [
  {
    name: 'one IPv4 range',
    selection: { 'DestinationIp|cidr': '10.0.0.0/8' },
    logsource: { category: 'network_connection' },
    expected: "| where ipv4_is_in_range(RemoteIP, '10.0.0.0/8')",
  },
  {
    name: 'IPv4 ranges',
    selection: { 'DestinationIp|cidr': ['10.0.0.0/8', '192.168.0.0/16'] },
    logsource: { category: 'network_connection' },
    expected: "| where ipv4_is_in_any_range(RemoteIP, '10.0.0.0/8', '192.168.0.0/16')",
  },
  {
    name: 'IPv6 ranges',
    selection: { 'DestinationIp|cidr': ['::1/128', 'fc00::/7'] },
    logsource: { category: 'network_connection' },
    expected: "| where ipv6_is_in_any_range(RemoteIP, '::1/128', 'fc00::/7')",
  },
  {
    name: 'a bad range',
    selection: { 'DestinationIp|cidr': '300.0.0.0/8' },
    logsource: { category: 'network_connection' },
    expected: "unsupported: '300.0.0.0/8' is not an IP range in CIDR notation",
  },
];

const MAPPING: Case[] = [
  {
    name: 'registry hive names',
    selection: { 'TargetObject|startswith': 'HKLM\\System\\CurrentControlSet\\Services\\AnyDesk' },
    logsource: { category: 'registry_event' },
    expected:
      "| extend RegistryPath = iff(isempty(RegistryValueName), RegistryKey, strcat(RegistryKey, '\\\\', RegistryValueName))\n| where RegistryPath startswith @'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\AnyDesk'",
  },
  {
    name: 'registry event type',
    selection: { EventType: 'DeleteKey' },
    logsource: { category: 'registry_event' },
    expected: "| where ActionType in~ ('RegistryKeyDeleted', 'RegistryValueDeleted')",
  },
  {
    name: 'registry delete filter',
    selection: { Details: 'x' },
    logsource: { category: 'registry_delete' },
    expected: "| where ActionType in ('RegistryKeyDeleted', 'RegistryValueDeleted')\n    and RegistryValueData =~ 'x'",
  },
  {
    name: 'hashes by algorithm',
    selection: { 'Hashes|contains': ['SHA256=AB12', 'MD5=cd34', 'SHA256=ef56'] },
    expected: "| where SHA256 in~ ('ab12', 'ef56')\n    or MD5 =~ 'cd34'",
  },
  {
    name: 'a bare hash by its length',
    selection: { Hashes: 'd41d8cd98f00b204e9800998ecf8427e' },
    expected: "| where MD5 =~ 'd41d8cd98f00b204e9800998ecf8427e'",
  },
  {
    name: 'parent image of a file event is a file name',
    selection: { 'ParentImage|endswith': '\\AnyDesk.exe' },
    logsource: { category: 'file_event' },
    expected: "| where InitiatingProcessParentFileName =~ 'AnyDesk.exe'",
  },
  {
    name: 'image load',
    selection: { 'ImageLoaded|endswith': '\\anydesk.dll', 'Image|endswith': '\\rundll32.exe' },
    logsource: { category: 'image_load' },
    expected:
      "| where FolderPath endswith @'\\anydesk.dll'\n    and InitiatingProcessFolderPath endswith @'\\rundll32.exe'",
  },
  {
    name: 'linux process creation',
    selection: { 'Image|endswith': '/rustdesk' },
    logsource: { category: 'process_creation', product: 'linux' },
    expected: "| where FolderPath endswith '/rustdesk'",
  },
  {
    name: 'file delete',
    selection: { 'TargetFilename|endswith': '\\AnyDesk.exe' },
    logsource: { category: 'file_delete' },
    expected: "| where ActionType == 'FileDeleted'\n    and FolderPath endswith @'\\AnyDesk.exe'",
  },
];

describe.each([
  ['matching', MATCHING],
  ['wildcards', WILDCARDS],
  ['escaping', ESCAPING],
  ['windash', WINDASH],
  ['cidr', CIDR],
  ['field and value mapping', MAPPING],
])('%s', (_group, cases) => {
  test.each(cases)('$name', ({ selection, logsource, expected }) => {
    expect(whereOf(selection, logsource)).toBe(expected);
  });
});

describe('every converted query parses', () => {
  const service = loadKustoService();
  const all = [...MATCHING, ...WILDCARDS, ...ESCAPING, ...WINDASH, ...CIDR, ...MAPPING];
  const converted = all.flatMap(({ name, selection, logsource }) => {
    const result = convertSigmaToKql({
      logsource: logsource ?? PROCESS,
      detection: { sel: selection, condition: 'sel' },
    });
    return result.ok ? [{ name, kql: result.kql }] : [];
  });
  test.each(converted)('$name', ({ kql }) => {
    expect(readSyntaxDiagnostics(service.parse(kql), kql)).toEqual([]);
  });
});

describe('what is not converted says why', () => {
  const cases: { name: string; logsource?: SigmaLogsource; detection: unknown; reason: string }[] = [
    {
      name: 'base64offset',
      detection: { sel: { 'CommandLine|base64offset|contains': 'x' }, condition: 'sel' },
      reason: "the modifier 'base64offset' is not supported",
    },
    {
      name: 'base64',
      detection: { sel: { 'CommandLine|base64': 'x' }, condition: 'sel' },
      reason: "the modifier 'base64' is not supported",
    },
    {
      name: 'utf16le',
      detection: { sel: { 'CommandLine|utf16le|base64': 'x' }, condition: 'sel' },
      reason: "the modifier 'utf16le' is not supported",
    },
    {
      name: 'wide',
      detection: { sel: { 'CommandLine|wide|base64offset': 'x' }, condition: 'sel' },
      reason: "the modifier 'wide' is not supported",
    },
    {
      name: 'expand',
      detection: { sel: { 'CommandLine|expand': '%x%' }, condition: 'sel' },
      reason: "the modifier 'expand' is not supported",
    },
    {
      name: 'fieldref',
      detection: { sel: { 'CommandLine|fieldref': 'Image' }, condition: 'sel' },
      reason: "the modifier 'fieldref' is not supported",
    },
    {
      name: 'two match modifiers',
      detection: { sel: { 'CommandLine|contains|re': 'x' }, condition: 'sel' },
      reason: "the modifiers 'contains' and 're' cannot be combined",
    },
    {
      name: 'gt on text',
      detection: { sel: { 'ProcessId|gt': 'x' }, condition: 'sel' },
      reason: "the 'gt' value of 'ProcessId' is not a number",
    },
    {
      name: 'windash with re',
      detection: { sel: { 'CommandLine|re|windash': 'x' }, condition: 'sel' },
      reason: "the modifier 'windash' does not go with 're'",
    },
    {
      name: 'keywords',
      detection: { keywords: ['AnyDesk'], condition: 'keywords' },
      reason:
        "keyword searches (values without a field, in 'keywords') are not supported: Defender XDR tables have no full-text search",
    },
    {
      name: 'an unmapped field',
      detection: { sel: { CurrentDirectory: 'C:\\' }, condition: 'sel' },
      reason: "the field 'CurrentDirectory' has no Defender XDR column for process_creation",
    },
    {
      name: 'a field of another category',
      logsource: { category: 'network_connection' },
      detection: { sel: { TargetFilename: 'x' }, condition: 'sel' },
      reason: "the field 'TargetFilename' has no Defender XDR column for network_connection",
    },
    {
      name: 'timeframe',
      detection: { sel: { Image: 'x' }, timeframe: '5m', condition: 'sel' },
      reason: "'timeframe' is not supported: a query matches single events",
    },
    {
      name: 'aggregation',
      detection: { sel: { Image: 'x' }, condition: 'sel | count() by Computer > 5' },
      reason: "aggregation expressions ('| count() by …') are not supported",
    },
    {
      name: 'unknown identifier',
      detection: { sel: { Image: 'x' }, condition: 'sel and filter' },
      reason: "the condition names 'filter', which is not defined",
    },
    { name: 'no condition', detection: { sel: { Image: 'x' } }, reason: 'the detection has no condition' },
    { name: 'not a mapping', detection: 'sel', reason: 'the detection is not a mapping' },
    {
      name: 'an empty list',
      detection: { sel: { Image: [] }, condition: 'sel' },
      reason: "the field 'Image' has an empty list of values",
    },
    {
      name: 'a nested mapping',
      detection: { sel: { Image: { a: 1 } }, condition: 'sel' },
      reason: "the field 'Image' in 'sel' holds a mapping, not values",
    },
    {
      name: 'service only',
      logsource: { product: 'windows', service: 'security' },
      detection: { sel: { EventID: 4624 }, condition: 'sel' },
      reason:
        "a logsource without a category (product 'windows', service 'security') has no Defender XDR table: only categories are mapped",
    },
    {
      name: 'an unmapped category',
      logsource: { category: 'proxy' },
      detection: { sel: { 'c-uri|contains': 'x' }, condition: 'sel' },
      reason: "the logsource category 'proxy' has no Defender XDR table",
    },
    {
      name: 'a cloud product',
      logsource: { category: 'process_creation', product: 'aws' },
      detection: { sel: { Image: 'x' }, condition: 'sel' },
      reason: "the logsource product 'aws' does not report to Defender XDR device tables",
    },
    {
      name: 'an imphash',
      detection: { sel: { Hashes: 'IMPHASH=AB12' }, condition: 'sel' },
      reason: "the hash 'IMPHASH=AB12' has no Defender XDR column (MD5, SHA1 and SHA256 have)",
    },
    {
      name: 'a parent folder outside process creation',
      logsource: { category: 'file_event' },
      detection: { sel: { 'ParentImage|contains': '\\Temp\\' }, condition: 'sel' },
      reason:
        "the field 'ParentImage' has only a file name in Defender XDR: it takes a full path or 'endswith' with '\\name'",
    },
    {
      name: 'an unknown Initiated value',
      logsource: { category: 'network_connection' },
      detection: { sel: { Initiated: 'maybe' }, condition: 'sel' },
      reason: "the value 'maybe' of 'Initiated' has no Defender XDR equivalent",
    },
  ];
  test.each(cases)('$name', ({ logsource, detection, reason }) => {
    expect(convertSigmaToKql({ logsource: logsource ?? PROCESS, detection })).toEqual({ ok: false, reason });
  });

  test('a category named like an object property is no category', () => {
    expect(
      convertSigmaToKql({ logsource: { category: 'constructor' }, detection: { sel: { a: 1 }, condition: 'sel' } }),
    ).toEqual({
      ok: false,
      reason: "the logsource category 'constructor' has no Defender XDR table",
    });
  });

  test('never throws on junk', () => {
    for (const detection of [undefined, null, 42, [], { condition: 5 }, { sel: null, condition: 'sel' }]) {
      expect(convertSigmaToKql({ logsource: PROCESS, detection }).ok).toBe(false);
    }
    expect(convertSigmaToKql({ logsource: undefined as unknown as SigmaLogsource, detection: {} }).ok).toBe(false);
  });
});

describe('conditions', () => {
  const detection = {
    sel_a: { Image: 'a' },
    sel_b: { Image: 'b' },
    filter: { CommandLine: 'c' },
  };
  const cases: { condition: string | string[]; expected: string }[] = [
    {
      condition: 'sel_a or sel_b and not filter',
      expected: "| where FolderPath =~ 'a'\n    or (FolderPath =~ 'b' and not(ProcessCommandLine =~ 'c'))",
    },
    {
      condition: '(sel_a or sel_b) and not filter',
      expected: "| where (FolderPath =~ 'a' or FolderPath =~ 'b')\n    and not(ProcessCommandLine =~ 'c')",
    },
    { condition: 'not (sel_a and filter)', expected: "| where not(FolderPath =~ 'a' and ProcessCommandLine =~ 'c')" },
    {
      condition: ['sel_a', 'sel_b and filter'],
      expected: "| where FolderPath =~ 'a'\n    or (FolderPath =~ 'b' and ProcessCommandLine =~ 'c')",
    },
  ];
  test.each(cases)('$condition', ({ condition, expected }) => {
    const result = convertSigmaToKql({ logsource: PROCESS, detection: { ...detection, condition } });
    expect(result.ok && result.kql).toBe(`DeviceProcessEvents\n${expected}`);
  });
});

test('windash with all needs every value, in any spelling', () => {
  expect(whereOf({ 'CommandLine|windash|contains|all': [' -a', ' -b'] })).toBe(
    [
      "| where (ProcessCommandLine contains ' -a' or ProcessCommandLine contains ' /a' or ProcessCommandLine contains ' \u2013a' or ProcessCommandLine contains ' \u2014a' or ProcessCommandLine contains ' \u2015a')",
      "    and (ProcessCommandLine contains ' -b' or ProcessCommandLine contains ' /b' or ProcessCommandLine contains ' \u2013b' or ProcessCommandLine contains ' \u2014b' or ProcessCommandLine contains ' \u2015b')",
    ].join('\n'),
  );
});

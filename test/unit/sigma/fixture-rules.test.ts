import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { loadKustoService } from '../../../src/kql/kusto-service.ts';
import { readSyntaxDiagnostics } from '../../../src/kql/syntax-diagnostics.ts';
import { convertSigmaToKql, type SigmaConversion, type SigmaLogsource } from '../../../src/sigma/index.ts';

const RULES_DIR = join(import.meta.dirname, '../../fixtures/sigma/rules');

interface SigmaFile {
  logsource?: SigmaLogsource;
  detection?: unknown;
  correlation?: unknown;
  filter?: unknown;
}

/** The expected conversion of every fixture rule; a new fixture without an entry fails the last test. */
const EXPECTED: Record<string, SigmaConversion | 'not a detection rule'> = {
  'anydesk-cidr.yml': {
    ok: true,
    table: 'DeviceNetworkEvents',
    kql: [
      'DeviceNetworkEvents',
      "| where InitiatingProcessFolderPath endswith @'\\AnyDesk.exe'",
      "    and ActionType in~ ('ConnectionSuccess', 'ConnectionAttempt', 'ConnectionFailed', 'ConnectionRequest')",
      "    and not(ipv4_is_in_any_range(RemoteIP, '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16') or ipv6_is_in_range(RemoteIP, 'fe80::/10'))",
    ].join('\n'),
  },
  'anydesk-dns-query.yml': {
    ok: true,
    table: 'DeviceNetworkEvents',
    kql: [
      'DeviceNetworkEvents',
      '| extend QueryName = tostring(parse_json(AdditionalFields).query)',
      "| where ActionType == 'DnsConnectionInspected'",
      "    and (QueryName endswith '.net.anydesk.com' or QueryName endswith 'relay.anydesk.com')",
    ].join('\n'),
  },
  'anydesk-process-creation.yml': {
    ok: true,
    table: 'DeviceProcessEvents',
    kql: [
      'DeviceProcessEvents',
      "| where (FolderPath endswith @'\\AnyDesk.exe' or ProcessVersionInfoOriginalFileName =~ 'AnyDesk.exe')",
      "    and not(FolderPath startswith 'C:\\\\Program Files\\\\AnyDesk\\\\' or FolderPath startswith 'C:\\\\Program Files (x86)\\\\AnyDesk\\\\')",
    ].join('\n'),
  },
  'atera-windash-all.yml': {
    ok: true,
    table: 'DeviceProcessEvents',
    kql: [
      'DeviceProcessEvents',
      "| where (FolderPath endswith @'\\msiexec.exe' or ProcessVersionInfoOriginalFileName =~ 'msiexec.exe')",
      "    and ProcessCommandLine contains 'AteraAgent'",
      "    and ProcessCommandLine contains 'IntegratorLogin='",
      "    and (ProcessCommandLine contains ' -qn' or ProcessCommandLine contains ' /qn' or ProcessCommandLine contains ' –qn' or ProcessCommandLine contains ' —qn' or ProcessCommandLine contains ' ―qn' or ProcessCommandLine contains ' -quiet' or ProcessCommandLine contains ' /quiet' or ProcessCommandLine contains ' –quiet' or ProcessCommandLine contains ' —quiet' or ProcessCommandLine contains ' ―quiet')",
    ].join('\n'),
  },
  'correlation-anydesk-repeated.yml': 'not a detection rule',
  'filter-anydesk-admin-hosts.yml': 'not a detection rule',
  'rmm-child-shell-parentheses.yml': {
    ok: true,
    table: 'DeviceProcessEvents',
    kql: [
      'DeviceProcessEvents',
      "| where (InitiatingProcessFolderPath endswith @'\\ScreenConnect.ClientService.exe' or InitiatingProcessFolderPath endswith @'\\TeamViewer_Service.exe')",
      "    and (FolderPath endswith @'\\cmd.exe' or FolderPath endswith @'\\powershell.exe' or FolderPath endswith @'\\pwsh.exe')",
      "    and not(ProcessCommandLine contains 'update')",
    ].join('\n'),
  },
  'rmm-keywords.yml': {
    ok: false,
    reason:
      "keyword searches (values without a field, in 'keywords') are not supported: Defender XDR tables have no full-text search",
  },
  'rmm-null-company.yml': {
    ok: true,
    table: 'DeviceProcessEvents',
    kql: [
      'DeviceProcessEvents',
      "| where (FolderPath endswith @'\\AnyDesk.exe' or FolderPath endswith @'\\TeamViewer.exe' or FolderPath endswith @'\\rustdesk.exe')",
      '    and isempty(ProcessVersionInfoCompanyName)',
    ].join('\n'),
  },
  'rmm-one-of-them-wildcards.yml': {
    ok: true,
    table: 'DeviceProcessEvents',
    kql: [
      'DeviceProcessEvents',
      "| where FolderPath matches regex @'(?i)^C:\\\\Program Files.*\\\\TeamViewer\\\\TeamViewer\\.exe$'",
      "    or ProcessVersionInfoProductName =~ 'rustdesk'",
      "    or ProcessVersionInfoFileDescription startswith 'AnyDesk'",
    ].join('\n'),
  },
  'rustdesk-network-connection.yml': {
    ok: true,
    table: 'DeviceNetworkEvents',
    kql: [
      'DeviceNetworkEvents',
      "| where RemoteUrl endswith '.rustdesk.com'",
      '    and RemotePort in (21115, 21116, 21117)',
    ].join('\n'),
  },
  'rustdesk-regex.yml': {
    ok: true,
    table: 'DeviceProcessEvents',
    kql: [
      'DeviceProcessEvents',
      "| where FolderPath endswith @'\\rustdesk.exe'",
      "    and ProcessCommandLine matches regex @'--(relay|rendezvous)-server\\s+\\d{1,3}(\\.\\d{1,3}){3}'",
    ].join('\n'),
  },
  'screenconnect-file-event.yml': {
    ok: true,
    table: 'DeviceFileEvents',
    kql: [
      'DeviceFileEvents',
      "| where (FolderPath contains '\\\\AppData\\\\Local\\\\Temp\\\\' or FolderPath contains '\\\\Windows\\\\Temp\\\\')",
      "    and (FolderPath endswith @'\\ScreenConnect.ClientService.exe' or FolderPath endswith @'\\ScreenConnect.WindowsClient.exe')",
    ].join('\n'),
  },
  'teamviewer-registry-set.yml': {
    ok: true,
    table: 'DeviceRegistryEvents',
    kql: [
      'DeviceRegistryEvents',
      "| extend RegistryPath = iff(isempty(RegistryValueName), RegistryKey, strcat(RegistryKey, '\\\\', RegistryValueName))",
      "| where ActionType == 'RegistryValueSet'",
      "    and RegistryPath startswith 'HKEY_LOCAL_MACHINE\\\\SOFTWARE\\\\WOW6432Node\\\\TeamViewer\\\\'",
      "    and (RegistryPath endswith @'\\OptionsPasswordAES' or RegistryPath endswith @'\\SecurityPasswordAES')",
      "    and not(InitiatingProcessFolderPath endswith @'\\TeamViewer_Service.exe')",
    ].join('\n'),
  },
  'unsupported-base64offset.yml': { ok: false, reason: "the modifier 'base64offset' is not supported" },
  'unsupported-service-only.yml': {
    ok: false,
    reason:
      "a logsource without a category (product 'windows', service 'security') has no Defender XDR table: only categories are mapped",
  },
  'unsupported-timeframe-aggregation.yml': {
    ok: false,
    reason: "'timeframe' is not supported: a query matches single events",
  },
};

const files = readdirSync(RULES_DIR)
  .filter((name) => name.endsWith('.yml'))
  .sort();
const readRule = (name: string) => yaml.load(readFileSync(join(RULES_DIR, name), 'utf8')) as SigmaFile;

describe('fixture rules convert to the pinned KQL', () => {
  test.each(files)('%s', (name) => {
    const rule = readRule(name);
    const expected = EXPECTED[name];
    if (expected === 'not a detection rule') {
      // Correlation and filter rules have no detection of their own to convert.
      expect(rule.detection).toBeUndefined();
      expect(rule.correlation ?? rule.filter).toBeDefined();
      return;
    }
    expect(convertSigmaToKql({ logsource: rule.logsource ?? {}, detection: rule.detection })).toEqual(expected);
  });

  test('every fixture has an expectation', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(files);
  });
});

describe('converted fixture queries parse without syntax errors', () => {
  const service = loadKustoService();
  const converted = files
    .map((name) => ({ name, rule: readRule(name) }))
    .filter(({ rule }) => rule.detection !== undefined)
    .map(({ name, rule }) => ({
      name,
      result: convertSigmaToKql({ logsource: rule.logsource ?? {}, detection: rule.detection }),
    }))
    .filter((entry): entry is { name: string; result: { ok: true; kql: string; table: string } } => entry.result.ok);

  test.each(converted)('$name', ({ result }) => {
    expect(readSyntaxDiagnostics(service.parse(result.kql), result.kql)).toEqual([]);
  });
});

import {
  deviceInfoJoin,
  headerComments,
  padHashes,
  padHosts,
  padInstallers,
  padRelays,
  type QueryContext,
  type QueryDraft,
  quoted,
  timeFilter,
  toolDomains,
  toolProcesses,
  toolProduct,
  withJoinedTables,
} from './query-draft.ts';
import { literal } from './yaml-text.ts';

const SAFE_PARENTS = ["'ccmexec.exe'", "'msiexec.exe'", "'TrustedInstaller.exe'", "'IntuneManagementExtension.exe'"];

export function draftNetwork(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const domains = toolDomains(tool);
  const time = timeFilter(context);
  if (random.chance(0.15)) return draftNetworkUnion(context, domains, time.lets);
  const product = random.chance(0.6)
    ? [`and InitiatingProcessVersionInfoProductName has '${literal(toolProduct(tool))}'`]
    : [];
  const before = [...headerComments(context), ...time.lets, 'DeviceNetworkEvents', time.where];
  if (random.chance(0.4)) before.push("| where ActionType == 'ConnectionSuccess'");
  before.push('| where RemoteUrl has_any (');
  const after = [
    ')',
    ...product,
    '| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),',
    'Report=make_set(ReportId), Count=count() by DeviceId, DeviceName,',
    'RemoteUrl',
    ...deviceInfoJoin(random),
  ];
  if (random.chance(0.4)) after.push('| order by LastSeen desc');
  return {
    before,
    list: quoted(domains),
    after,
    pad: padRelays(random, domains),
    tables: withJoinedTables(['DeviceNetworkEvents'], after),
    techniques: [],
  };
}

/** Endpoint and DNS telemetry in one hunt: the union shape some teams prefer. */
function draftNetworkUnion(context: QueryContext, domains: string[], lets: string[]): QueryDraft {
  const { random, tool } = context;
  const listName = `${tool.stem}Domains`;
  return {
    before: [...headerComments(context), ...lets, `let ${listName} = dynamic([`],
    list: quoted(domains),
    after: [
      ']);',
      'union isfuzzy=true',
      '  (DeviceNetworkEvents',
      `  | where RemoteUrl has_any (${listName})`,
      "  | project Timestamp, DeviceName, Url = RemoteUrl, Source = 'Defender'),",
      '  (DnsEvents',
      `  | where Name has_any (${listName})`,
      "  | project Timestamp = TimeGenerated, DeviceName = Computer, Url = Name, Source = 'DNS')",
      '| summarize Count = count(), Sources = make_set(Source), LastSeen = max(Timestamp) by DeviceName, Url',
    ],
    pad: padRelays(random, domains),
    tables: ['DeviceNetworkEvents', 'DnsEvents'],
    techniques: ['T1071.004'],
  };
}

export function draftProcess(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const time = timeFilter(context);
  const before = [
    ...headerComments(context),
    ...time.lets,
    'DeviceProcessEvents',
    time.where,
    '| where FileName in~ (',
  ];
  const after = [`) or ProcessVersionInfoProductName has '${literal(toolProduct(tool))}'`];
  if (random.chance(0.4))
    after.push(`| where InitiatingProcessFileName !in~ (${random.sample(SAFE_PARENTS, 2).join(', ')})`);
  if (random.chance(0.3))
    after.push("| extend Silent = ProcessCommandLine has_any ('/S', '--silent-install', '/quiet')");
  after.push(
    '| summarize Executions=count(), FirstSeen=min(Timestamp), LastSeen=max(Timestamp)',
    '  by DeviceName, AccountName, FileName, FolderPath, ProcessCommandLine',
    ...deviceInfoJoin(random),
  );
  if (random.chance(0.5)) after.push('| project LastSeen, DeviceName, AccountName, FileName, FolderPath, Executions');
  return {
    before,
    list: quoted(toolProcesses(tool)),
    after,
    pad: padInstallers(random, tool.stem),
    tables: withJoinedTables(['DeviceProcessEvents'], after),
    techniques: [],
  };
}

export function draftCertificate(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const days = random.pick([7, 14, 30]);
  const signers = [...new Set([tool.tool.vendor ?? tool.tool.name, toolProduct(tool)])];
  const before = [
    ...headerComments(context),
    `let Signers = dynamic([${quoted(signers).join(', ')}]);`,
    'let KnownGoodHashes = dynamic([',
  ];
  const after = [
    ']);',
    'DeviceFileCertificateInfo',
    `| where Timestamp > ago(${days}d)`,
    '| where Signer has_any (Signers)',
    '| where SHA1 !in (KnownGoodHashes)',
  ];
  if (random.chance(0.5)) after.push('| where IsTrusted == 1');
  after.push(
    '| summarize by SHA1, Signer, CertificateSerialNumber',
    '| join kind=inner (',
    '    DeviceProcessEvents',
    `    | where Timestamp > ago(${days}d)`,
    '    | project SHA1, DeviceName, FileName, FolderPath, ProcessCommandLine',
    '  ) on SHA1',
    '| summarize Devices=dcount(DeviceName), Files=make_set(FileName, 20) by Signer, CertificateSerialNumber',
  );
  const hashes = padHashes(random);
  return {
    before,
    list: hashes(1),
    after,
    pad: hashes,
    tables: ['DeviceFileCertificateInfo', 'DeviceProcessEvents'],
    techniques: [],
  };
}

export function draftFile(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const time = timeFilter(context);
  const folder = `${random.pick(['ProgramData', 'Program Files', 'Program Files (x86)', 'Users\\Public'])}\\${literal(tool.stem)}`;
  const before = [
    ...headerComments(context),
    ...time.lets,
    'DeviceFileEvents',
    time.where,
    "| where ActionType in ('FileCreated', 'FileRenamed', 'FileModified')",
    '| where FileName in~ (',
  ];
  const after = [
    `) or FolderPath contains @'${folder}'`,
    '| summarize Writes=count(), LastSeen=max(Timestamp) by DeviceName, FolderPath, FileName, SHA256,',
    '  InitiatingProcessFileName, InitiatingProcessAccountName',
  ];
  if (random.chance(0.4)) after.push("| where InitiatingProcessFileName !in~ ('msiexec.exe', 'TrustedInstaller.exe')");
  return {
    before,
    list: quoted(toolProcesses(tool)),
    after,
    pad: padInstallers(random, tool.stem),
    tables: ['DeviceFileEvents'],
    techniques: [],
  };
}

export function draftRegistry(context: QueryContext): QueryDraft {
  const { random, tool } = context;
  const time = timeFilter(context);
  const vendor = literal(tool.tool.vendor ?? tool.tool.name);
  const keys = [
    `  @'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\${literal(tool.stem)}'`,
    `  @'HKEY_LOCAL_MACHINE\\SOFTWARE\\${vendor}\\${literal(tool.tool.name)}'`,
  ];
  const before = [...headerComments(context), ...time.lets, 'let SanctionedHosts = dynamic(['];
  const after = [
    ']);',
    'DeviceRegistryEvents',
    time.where,
    "| where ActionType in ('RegistryKeyCreated', 'RegistryValueSet')",
    '| where DeviceName !in~ (SanctionedHosts)',
    '| where RegistryKey has_any (',
    `${keys.join(',\n')}`,
    ')',
    '| project Timestamp, DeviceName, RegistryKey, RegistryValueName, RegistryValueData,',
    '  InitiatingProcessFileName, InitiatingProcessAccountName',
  ];
  const hosts = padHosts(random);
  return { before, list: hosts(1), after, pad: hosts, tables: ['DeviceRegistryEvents'], techniques: [] };
}

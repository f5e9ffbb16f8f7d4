/**
 * Sigma log sources and fields → Defender XDR advanced hunting tables and columns. The field
 * names are the facts of the microsoft_xdr pipeline of pySigma's Kusto backend (Sysmon-style
 * Sigma fields to the Device* schemas), kept here as our own data.
 */

/** A column the query tests; `extend` when the value is computed from other columns first. */
export interface XdrColumn {
  name: string;
  extend?: string;
}

export interface XdrSource {
  table: string;
  /** Sigma field → column, for this table. */
  fields: Readonly<Record<string, string | XdrColumn>>;
  /** What the category adds to every query on the table (as KQL), e.g. the ActionType of registry_set. */
  filter?: string;
}

const PROCESS_FIELDS = {
  ProcessId: 'ProcessId',
  Image: 'FolderPath',
  FileVersion: 'ProcessVersionInfoProductVersion',
  Description: 'ProcessVersionInfoFileDescription',
  Product: 'ProcessVersionInfoProductName',
  Company: 'ProcessVersionInfoCompanyName',
  OriginalFileName: 'ProcessVersionInfoOriginalFileName',
  CommandLine: 'ProcessCommandLine',
  User: 'AccountName',
  LogonId: 'LogonId',
  IntegrityLevel: 'ProcessIntegrityLevel',
  sha1: 'SHA1',
  sha256: 'SHA256',
  md5: 'MD5',
  ParentProcessId: 'InitiatingProcessId',
  ParentImage: 'InitiatingProcessFolderPath',
  ParentCommandLine: 'InitiatingProcessCommandLine',
  ParentUser: 'InitiatingProcessAccountName',
  GrandParentImage: 'InitiatingProcessParentFileName',
} as const;

/** Fields every Device* table has about the initiating process (the pipeline's generic mappings). */
const INITIATING_PROCESS_FIELDS = {
  User: 'InitiatingProcessAccountName',
  CommandLine: 'InitiatingProcessCommandLine',
  Image: 'InitiatingProcessFolderPath',
  ProcessName: 'InitiatingProcessFolderPath',
  SourceImage: 'InitiatingProcessFolderPath',
  ProcessId: 'InitiatingProcessId',
  md5: 'InitiatingProcessMD5',
  sha1: 'InitiatingProcessSHA1',
  sha256: 'InitiatingProcessSHA256',
  ParentProcessId: 'InitiatingProcessParentId',
  ParentCommandLine: 'InitiatingProcessParentCommandLine',
  Company: 'InitiatingProcessVersionInfoCompanyName',
  Description: 'InitiatingProcessVersionInfoFileDescription',
  OriginalFileName: 'InitiatingProcessVersionInfoOriginalFileName',
  Product: 'InitiatingProcessVersionInfoProductName',
} as const;

const IMAGE_LOAD_FIELDS = {
  ...INITIATING_PROCESS_FIELDS,
  ImageLoaded: 'FolderPath',
  FileVersion: 'InitiatingProcessVersionInfoProductVersion',
  sha1: 'SHA1',
  sha256: 'SHA256',
  md5: 'MD5',
} as const;

const FILE_FIELDS = {
  ...INITIATING_PROCESS_FIELDS,
  TargetFilename: 'FolderPath',
  ObjectName: 'FolderPath',
  User: 'RequestAccountName',
  IntegrityLevel: 'InitiatingProcessIntegrityLevel',
  sha1: 'SHA1',
  sha256: 'SHA256',
  md5: 'MD5',
} as const;

const NETWORK_FIELDS = {
  ...INITIATING_PROCESS_FIELDS,
  Protocol: 'Protocol',
  SourceIp: 'LocalIP',
  SourceHostname: 'DeviceName',
  SourcePort: 'LocalPort',
  DestinationIp: 'RemoteIP',
  DestinationHostname: 'RemoteUrl',
  DestinationPort: 'RemotePort',
} as const;

/**
 * DNS lookups seen by Defender's network inspection are DeviceNetworkEvents rows of ActionType
 * DnsConnectionInspected; the queried name sits in AdditionalFields.query.
 */
const DNS_QUERY_NAME: XdrColumn = {
  name: 'QueryName',
  extend: 'QueryName = tostring(parse_json(AdditionalFields).query)',
};

const DNS_FIELDS = { ...INITIATING_PROCESS_FIELDS, QueryName: DNS_QUERY_NAME } as const;

/**
 * Sigma's TargetObject is the key path with the value name appended (Sysmon's form); Defender
 * keeps the two apart, so the path is rebuilt before it is tested.
 */
const REGISTRY_TARGET_OBJECT: XdrColumn = {
  name: 'RegistryPath',
  extend: "RegistryPath = iff(isempty(RegistryValueName), RegistryKey, strcat(RegistryKey, '\\\\', RegistryValueName))",
};

const REGISTRY_FIELDS = {
  ...INITIATING_PROCESS_FIELDS,
  EventType: 'ActionType',
  TargetObject: REGISTRY_TARGET_OBJECT,
  ObjectName: 'RegistryKey',
  Details: 'RegistryValueData',
} as const;

const FILE_SOURCE = { table: 'DeviceFileEvents', fields: FILE_FIELDS } as const;
const REGISTRY_SOURCE = { table: 'DeviceRegistryEvents', fields: REGISTRY_FIELDS } as const;

/** Sigma logsource category → Defender XDR table, fields and the category's own filter. */
export const XDR_SOURCES: Readonly<Record<string, XdrSource>> = {
  process_creation: { table: 'DeviceProcessEvents', fields: PROCESS_FIELDS },
  network_connection: { table: 'DeviceNetworkEvents', fields: NETWORK_FIELDS },
  dns_query: { table: 'DeviceNetworkEvents', fields: DNS_FIELDS, filter: "ActionType == 'DnsConnectionInspected'" },
  dns: { table: 'DeviceNetworkEvents', fields: DNS_FIELDS, filter: "ActionType == 'DnsConnectionInspected'" },
  image_load: { table: 'DeviceImageLoadEvents', fields: IMAGE_LOAD_FIELDS },
  file_event: FILE_SOURCE,
  file_access: FILE_SOURCE,
  file_change: FILE_SOURCE,
  file_delete: { ...FILE_SOURCE, filter: "ActionType == 'FileDeleted'" },
  file_rename: { ...FILE_SOURCE, filter: "ActionType == 'FileRenamed'" },
  registry_event: REGISTRY_SOURCE,
  registry_add: { ...REGISTRY_SOURCE, filter: "ActionType == 'RegistryKeyCreated'" },
  registry_delete: { ...REGISTRY_SOURCE, filter: "ActionType in ('RegistryKeyDeleted', 'RegistryValueDeleted')" },
  registry_set: { ...REGISTRY_SOURCE, filter: "ActionType == 'RegistryValueSet'" },
};

/** Products whose endpoints report to the Device* tables. */
export const XDR_PRODUCTS: ReadonlySet<string> = new Set(['windows', 'linux', 'macos']);

/**
 * The column a Sigma field maps to on a source, matched as written first and then ignoring case
 * (authors write `commandline` too).
 */
export function toXdrColumn(source: XdrSource, field: string): XdrColumn | undefined {
  const exact = source.fields[field];
  const found =
    exact ?? Object.entries(source.fields).find(([name]) => name.toLowerCase() === field.toLowerCase())?.[1];
  if (found === undefined) return undefined;
  return typeof found === 'string' ? { name: found } : found;
}

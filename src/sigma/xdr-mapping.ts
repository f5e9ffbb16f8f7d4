/**
 * Sigma log sources and fields → Defender XDR advanced hunting tables and columns. The field
 * names are the facts of the microsoft_xdr pipeline of pySigma's Kusto backend (Sysmon-style
 * Sigma fields to the Device* schemas), kept here as our own data.
 */

/** A column the query tests; `extend` when the value is computed from other columns first. */
export interface XdrColumn {
  name: string;
  extend?: string;
  /** How Sigma's values are read for this column when they are not tested as written. */
  values?: XdrValues;
}

/**
 * - `registry-path`: Sysmon's short hive names (HKLM\…) are the long ones in Defender.
 * - `file-name`: the column holds only a file name, so a path value is reduced to its last part.
 * - `hashes`: Sysmon's `Hashes` list (`SHA256=…,MD5=…`) is one column per algorithm.
 * - a map: each Sigma value (as written, case ignored) stands for these column values.
 */
export type XdrValues =
  | 'registry-path'
  | 'file-name'
  | { kind: 'hashes'; columns: Readonly<Record<string, string>> }
  | { kind: 'map'; map: Readonly<Record<string, readonly string[]>> };

/** Sysmon short hive prefixes → the hive names in DeviceRegistryEvents. Longest first. */
export const REGISTRY_HIVES: readonly [string, string][] = [
  ['HKLM\\SYSTEM\\CurrentControlSet\\', 'HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\'],
  ['HKLM\\', 'HKEY_LOCAL_MACHINE\\'],
  ['HKU\\', 'HKEY_USERS\\'],
  ['HKCU\\', 'HKEY_CURRENT_USER\\'],
  ['HKCR\\', 'HKEY_LOCAL_MACHINE\\CLASSES\\'],
];

export interface XdrSource {
  table: string;
  /** Sigma field → column, for this table. */
  fields: Readonly<Record<string, string | XdrColumn>>;
  /** What the category adds to every query on the table (as KQL), e.g. the ActionType of registry_set. */
  filter?: string;
}

const hashes = (columns: Readonly<Record<string, string>>): XdrColumn => ({
  name: 'Hashes',
  values: { kind: 'hashes', columns },
});
const FILE_HASHES = hashes({ MD5: 'MD5', SHA1: 'SHA1', SHA256: 'SHA256' });
const INITIATING_HASHES = hashes({
  MD5: 'InitiatingProcessMD5',
  SHA1: 'InitiatingProcessSHA1',
  SHA256: 'InitiatingProcessSHA256',
});

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
  GrandParentImage: { name: 'InitiatingProcessParentFileName', values: 'file-name' },
  Hashes: FILE_HASHES,
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
  ParentImage: { name: 'InitiatingProcessParentFileName', values: 'file-name' },
} as const;

const IMAGE_LOAD_FIELDS = {
  ...INITIATING_PROCESS_FIELDS,
  Hashes: FILE_HASHES,
  ImageLoaded: 'FolderPath',
  FileVersion: 'InitiatingProcessVersionInfoProductVersion',
  sha1: 'SHA1',
  sha256: 'SHA256',
  md5: 'MD5',
} as const;

const FILE_FIELDS = {
  ...INITIATING_PROCESS_FIELDS,
  Hashes: FILE_HASHES,
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
  Hashes: INITIATING_HASHES,
  Initiated: {
    name: 'ActionType',
    values: {
      kind: 'map',
      map: {
        true: ['ConnectionSuccess', 'ConnectionAttempt', 'ConnectionFailed', 'ConnectionRequest'],
        false: ['InboundConnectionAccepted'],
      },
    },
  },
} as const satisfies Record<string, string | XdrColumn>;

/**
 * DNS lookups seen by Defender's network inspection are DeviceNetworkEvents rows of ActionType
 * DnsConnectionInspected; the queried name sits in AdditionalFields.query.
 */
const DNS_QUERY_NAME: XdrColumn = {
  name: 'QueryName',
  extend: 'QueryName = tostring(parse_json(AdditionalFields).query)',
};

const DNS_FIELDS = { ...INITIATING_PROCESS_FIELDS, Hashes: INITIATING_HASHES, QueryName: DNS_QUERY_NAME } as const;

/**
 * Sigma's TargetObject is the key path with the value name appended (Sysmon's form); Defender
 * keeps the two apart, so the path is rebuilt before it is tested.
 */
const REGISTRY_TARGET_OBJECT: XdrColumn = {
  name: 'RegistryPath',
  values: 'registry-path',
  extend: "RegistryPath = iff(isempty(RegistryValueName), RegistryKey, strcat(RegistryKey, '\\\\', RegistryValueName))",
};

const REGISTRY_FIELDS = {
  ...INITIATING_PROCESS_FIELDS,
  Hashes: INITIATING_HASHES,
  EventType: {
    name: 'ActionType',
    values: {
      kind: 'map',
      map: {
        CreateKey: ['RegistryKeyCreated'],
        DeleteKey: ['RegistryKeyDeleted', 'RegistryValueDeleted'],
        SetValue: ['RegistryValueSet'],
        RenameKey: ['RegistryValueSet', 'RegistryKeyCreated'],
      },
    },
  },
  TargetObject: REGISTRY_TARGET_OBJECT,
  ObjectName: { name: 'RegistryKey', values: 'registry-path' },
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

/** The mapped columns that hold numbers; every other mapped column holds text. */
export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set([
  'ProcessId',
  'InitiatingProcessId',
  'InitiatingProcessParentId',
  'LogonId',
  'LocalPort',
  'RemotePort',
]);

/** Products whose endpoints report to the Device* tables. */
export const XDR_PRODUCTS: ReadonlySet<string> = new Set(['windows', 'linux', 'macos']);

/**
 * The column a Sigma field maps to on a source, matched as written first and then ignoring case
 * (authors write `commandline` too).
 */
export function toXdrColumn(source: XdrSource, field: string): XdrColumn | undefined {
  const exact = Object.hasOwn(source.fields, field) ? source.fields[field] : undefined;
  const found =
    exact ?? Object.entries(source.fields).find(([name]) => name.toLowerCase() === field.toLowerCase())?.[1];
  if (found === undefined) return undefined;
  return typeof found === 'string' ? { name: found } : found;
}

/**
 * Telemetry kinds and the tables that provide them. This is the one place that knows which
 * Defender XDR, Sentinel, Windows-event and ASIM tables carry which kind of evidence; the
 * coverage matrix columns and the tool pages read it.
 */

export interface TelemetryKind {
  /** Stable id used in URLs and exports, e.g. `network`. */
  id: string;
  label: string;
  /** ATT&CK data component that this telemetry observes; empty for a Sigma logsource of its own. */
  dataComponentId: string;
}

/** Matrix column order: what analysts usually check first comes first. */
export const TELEMETRY_KINDS: readonly TelemetryKind[] = [
  { id: 'process', label: 'Process creation', dataComponentId: 'DC0032' },
  { id: 'network', label: 'Network connection', dataComponentId: 'DC0082' },
  { id: 'dns', label: 'DNS', dataComponentId: 'DC0103' },
  { id: 'file-signature', label: 'File signature / metadata', dataComponentId: 'DC0059' },
  { id: 'file', label: 'File events', dataComponentId: 'DC0039' },
  { id: 'registry', label: 'Registry', dataComponentId: 'DC0063' },
];

/** Table name (as in `dataTypes` or the query) → telemetry kind id. */
const TABLE_TELEMETRY: Readonly<Record<string, string>> = {
  // Defender XDR advanced hunting
  DeviceProcessEvents: 'process',
  DeviceNetworkEvents: 'network',
  DeviceFileCertificateInfo: 'file-signature',
  DeviceFileEvents: 'file',
  DeviceImageLoadEvents: 'file-signature',
  DeviceRegistryEvents: 'registry',
  // Sentinel and Windows events
  SecurityEvent: 'process',
  WindowsEvent: 'process',
  SysmonEvent: 'process',
  CommonSecurityLog: 'network',
  AzureFirewall: 'network',
  AZFWNetworkRule: 'network',
  AZFWApplicationRule: 'network',
  VMConnection: 'network',
  DnsEvents: 'dns',
  AZFWDnsQuery: 'dns',
  // ASIM normalised tables and parsers
  ASimProcessEventLogs: 'process',
  imProcessCreate: 'process',
  ASimNetworkSessionLogs: 'network',
  imNetworkSession: 'network',
  ASimWebSessionLogs: 'network',
  imWebSession: 'network',
  ASimDnsActivityLogs: 'dns',
  imDns: 'dns',
  ASimFileEventLogs: 'file',
  imFileEvent: 'file',
  ASimRegistryEventLogs: 'registry',
  imRegistry: 'registry',
};

const KIND_BY_ID = new Map(TELEMETRY_KINDS.map((kind) => [kind.id, kind]));
const TELEMETRY_BY_LOWER_TABLE = new Map(
  Object.entries(TABLE_TELEMETRY).map(([table, kind]) => [table.toLowerCase(), kind]),
);

/**
 * The telemetry kind a table provides; KQL table names are case-sensitive, but authors'
 * `dataTypes` lists are not always, so the lookup ignores case.
 * @example toTelemetry('DeviceNetworkEvents') // → { id: 'network', label: 'Network connection', … }
 */
export function toTelemetry(table: string): TelemetryKind | undefined {
  const id = TELEMETRY_BY_LOWER_TABLE.get(table.trim().toLowerCase());
  return id ? KIND_BY_ID.get(id) : undefined;
}

/** Distinct telemetry kinds of a set of tables, in matrix column order. */
export function toTelemetryKinds(tables: readonly string[]): TelemetryKind[] {
  const ids = new Set(tables.map((table) => toTelemetry(table)?.id).filter(Boolean));
  return TELEMETRY_KINDS.filter((kind) => ids.has(kind.id));
}

/**
 * A Sigma rule's telemetry, from what `toSigmaTelemetry` (src/sigma) made of its logsource:
 * one of the matrix's kinds when it is one, else a kind of its own (`image_load`, `antivirus`),
 * shown on the rule page and counted with the rules of no matrix column.
 * @example toSigmaTelemetryKinds({ id: 'network', label: 'Network connection' }) // → [TELEMETRY_KINDS network]
 */
export function toSigmaTelemetryKinds(telemetry: { id: string; label: string } | undefined): TelemetryKind[] {
  if (!telemetry) return [];
  return [KIND_BY_ID.get(telemetry.id) ?? { id: telemetry.id, label: telemetry.label, dataComponentId: '' }];
}

/** Whether a kind is one of the matrix's columns (a Sigma rule's own kinds are not). */
export function isMatrixTelemetry(kind: TelemetryKind): boolean {
  return KIND_BY_ID.get(kind.id) === kind;
}

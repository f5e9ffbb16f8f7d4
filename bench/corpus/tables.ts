import { draftCertificate, draftFile, draftNetwork, draftProcess, draftRegistry } from './defender-queries.ts';
import { draftCommonSecurityLog, draftDns, draftSecurityEvent } from './log-analytics-queries.ts';
import type { TableSpec } from './query-draft.ts';

export const DEFENDER = 'MicrosoftThreatProtection';

export const TABLES: readonly TableSpec[] = [
  {
    table: 'DeviceNetworkEvents',
    connector: DEFENDER,
    weight: 30,
    labels: ['Network Connection', 'Network Connection - Relay', 'Outbound Connection', 'Cloud Relay Traffic'],
    extraTechniques: ['T1071.001', 'T1105', 'T1572'],
    draft: draftNetwork,
  },
  {
    table: 'DeviceProcessEvents',
    connector: DEFENDER,
    weight: 20,
    labels: ['Process Creation', 'Silent Install', 'Portable Execution', 'Command Line'],
    extraTechniques: ['T1204.002', 'T1059.001'],
    draft: draftProcess,
  },
  {
    table: 'DeviceFileCertificateInfo',
    connector: DEFENDER,
    weight: 10,
    labels: ['File Signature', 'Code Signing Certificate'],
    extraTechniques: ['T1553.002'],
    draft: draftCertificate,
  },
  {
    table: 'DeviceFileEvents',
    connector: DEFENDER,
    weight: 10,
    labels: ['File Creation', 'Installer Dropped', 'Config File Written'],
    extraTechniques: ['T1105'],
    draft: draftFile,
  },
  {
    table: 'DeviceRegistryEvents',
    connector: DEFENDER,
    weight: 8,
    labels: ['Registry Modification', 'Service Registry Key'],
    extraTechniques: ['T1112', 'T1543.003'],
    draft: draftRegistry,
  },
  {
    table: 'DnsEvents',
    connector: 'DNS',
    weight: 8,
    labels: ['DNS Query', 'DNS Lookup'],
    extraTechniques: ['T1071.004'],
    draft: draftDns,
  },
  {
    table: 'SecurityEvent',
    connector: ['SecurityEvents', 'WindowsSecurityEvents'],
    weight: 7,
    labels: ['Process Creation (4688)', 'Service Installation (4697)', 'Remote Logon (4624)'],
    extraTechniques: ['T1078'],
    draft: draftSecurityEvent,
  },
  {
    table: 'CommonSecurityLog',
    connector: 'CefAma',
    weight: 7,
    labels: ['Firewall Connection', 'Proxy Traffic', 'Web Gateway'],
    extraTechniques: ['T1071.001', 'T1133', 'T1090'],
    draft: draftCommonSecurityLog,
  },
];

export const TABLE_CHOICES = TABLES.map((spec) => ({ value: spec, weight: spec.weight }));
export const CONNECTOR_BY_TABLE = new Map(TABLES.map((spec) => [spec.table, spec.connector]));

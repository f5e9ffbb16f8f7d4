/** The real-world-shaped corpus (test/fixtures/messy-sentinel/CASES.md). */
export const MESSY_FIXTURE = 'test/fixtures/messy-sentinel';

/** A finding the corpus must show: in this file (relative to the corpus), at this line, of this kind. */
export interface ExpectedFinding {
  file: string;
  line: number;
  code: string;
  /** Part of the message. */
  message: string;
}

/**
 * Every finding of the corpus, one row per finding (CASES.md gives the line of each). Add a
 * row with each kind that is handled.
 */
export const MESSY_FINDINGS: readonly ExpectedFinding[] = [
  {
    file: 'rules/Hunting Queries/DeviceNetworkEvents/RemoteAccessToolsFirstSeen.yaml',
    line: 25,
    code: 'kql-syntax',
    message: 'KS005 Expected: ) (query line 11, column 27)',
  },
  {
    file: 'rules/Solutions/Microsoft Defender XDR/Hunting Queries/Ransomware/ScreenConnectInstalledBeforeShadowCopyDeletion.yaml',
    line: 19,
    code: 'tactic-not-attack',
    message: '"Ransomware" is neither a Sentinel tactic name',
  },
  {
    file: 'rules/Solutions/Microsoft Defender XDR/Hunting Queries/Ransomware/ScreenConnectInstalledBeforeShadowCopyDeletion.yaml',
    line: 21,
    code: 'tactic-not-attack',
    message: '"Malware, component" is neither',
  },
  {
    file: 'rules/Detections/DeviceProcessEvents/AnyDeskSilentInstallByPowerShell.yaml',
    line: 23,
    code: 'technique-retired',
    message: 'T1086 (PowerShell) is revoked in ATT&CK, now T1059.001 (PowerShell): counted as T1059.001',
  },
  {
    file: 'rules/Hunting Queries/DnsEvents/RemoteAccessClientRandomSubdomains.yaml',
    line: 14,
    code: 'technique-retired',
    message: 'T1483 (Domain Generation Algorithms) is revoked in ATT&CK, now T1568.002',
  },
  {
    file: 'rules/Hunting Queries/DeviceRegistryEvents/TeamViewerConfigReadByOtherProcess.yaml',
    line: 15,
    code: 'technique-is-tactic',
    message: '"TA0006" is a tactic id (Credential Access), not a technique id',
  },
  {
    file: 'rules/Hunting Queries/DeviceRegistryEvents/TeamViewerConfigReadByOtherProcess.yaml',
    line: 16,
    code: 'technique-respelled',
    message: '"t1078" read as T1078',
  },
  {
    file: 'rules/Solutions/Remote Access Tools/Hunting Queries/AteraAgentInstalledByLocalAccount.yaml',
    line: 12,
    code: 'technique-respelled',
    message: '" T1078 " read as T1078',
  },
  {
    file: 'rules/Detections/DeviceNetworkEvents/SplashtopRelayFromServer.yaml',
    line: 8,
    code: 'data-connector-repaired',
    message: 'item 1 has no connectorId',
  },
  {
    file: 'rules/Detections/DeviceNetworkEvents/ScreenConnectCloudInstanceNotOurs.yaml',
    line: 8,
    code: 'data-connector-repaired',
    message: 'item 1 has a list as connectorId: read as 2 connectors',
  },
  {
    file: 'rules/Solutions/Remote Access Tools/Analytic Rules/AnyDeskPortableFromTemp.yaml',
    line: 19,
    code: 'yaml-repaired',
    message: 'the "query: |" block (line 19) is not indented',
  },
  {
    file: 'rules/Solutions/Remote Access Tools/Analytic Rules/AteraAgentNewTenant.yaml',
    line: 28,
    code: 'yaml-repaired',
    message: '"entityMappings:" (line 28) was indented into the query block',
  },
  {
    file: 'rules/Detections/DeviceNetworkEvents/DeprecatedTeamViewerMasterServer.yaml',
    line: 2,
    code: 'yaml-repaired',
    message: 'the value starts with "[" and is read as text',
  },
  {
    file: 'rules/Hunting Queries/DeviceNetworkEvents/RustDeskRelayFromWorkstation.yml',
    line: 6,
    code: 'yaml-repaired',
    message: 'repaired a known indentation defect',
  },
  {
    file: 'rules/Solutions/Remote Access Tools/Analytic Rules/ScreenConnectServiceInstalledOnDomainController.yaml',
    line: 35,
    code: 'yaml-key-unreadable',
    message: 'read one top-level key at a time',
  },
  {
    file: 'rules/Solutions/Remote Access Tools/Analytic Rules/SplashtopStreamerSilentDeploy.yaml',
    line: 12,
    code: 'yaml-key-unreadable',
    message: 'read one top-level key at a time',
  },
  {
    file: 'rules/Detections/DeviceProcessEvents/RenamedAnyDeskBinary.yaml',
    line: 1,
    code: 'id-not-guid',
    message: '37 charac',
  },
  {
    file: 'rules/Hunting Queries/Microsoft 365 Defender/Remote Management and Monitoring tools/FleetwoodRemoteNetworkConnection.yaml',
    line: 2,
    code: 'tool-not-in-catalog',
    message: 'names the tool "Fleetwood Remote", which is not in the tool catalog',
  },
  {
    file: 'rules/Solutions/Remote Access Tools/Analytic Rules/AteraAgentNewTenant.yaml',
    line: 18,
    code: 'no-tool',
    message: 'matches no tool',
  },
  {
    file: 'runbooks/screenconnect-other-instance.md',
    line: 4,
    code: 'unknown-key',
    message: 'did you mean hypothesis?',
  },
  {
    file: 'runbooks/teamviewer-quicksupport.md',
    line: 5,
    code: 'unknown-key',
    message: 'read as falsePositives',
  },
];

/**
 * Findings of the corpus that name a file or folder but no line, and the file or folder they
 * name: a shared id (the second file), a table mismatch, the time column of an analytics rule,
 * a hidden folder left unread, a link leading outside the content folders.
 */
export const MESSY_UNPLACED_FINDINGS: readonly { file: string; code: string }[] = [
  { file: 'rules/Solutions/Remote Access Tools/Analytic Rules/TeamViewerSpawnsShell.yaml', code: 'duplicate-id' },
  { file: 'rules/Detections/DeviceProcessEvents/AnyDeskSilentInstallByPowerShell.yaml', code: 'tables-mismatch' },
  {
    file: 'rules/Solutions/Remote Access Tools/Analytic Rules/AnyDeskUnattendedPasswordSet.yaml',
    code: 'timestamp-column',
  },
  { file: 'rules/.hidden/', code: 'hidden-content' },
  { file: 'rules/ValidRules', code: 'symlink-outside' },
];

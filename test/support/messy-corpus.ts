import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from './build-site.ts';

/** The real-world-shaped corpus (test/fixtures/messy-sentinel/CASES.md). */
export const MESSY_FIXTURE = 'test/fixtures/messy-sentinel';

/**
 * Files of the corpus whose kind of problem is handled elsewhere and still stops the build here;
 * a copy of the corpus without them is built instead. Empty once every kind is handled: then
 * the corpus is built as it is.
 */
export const NOT_YET_PUBLISHABLE: readonly string[] = [
  'rules/Detections/DeviceNetworkEvents/DeprecatedTeamViewerMasterServer.yaml',
  'rules/Detections/DeviceNetworkEvents/ScreenConnectCloudInstanceNotOurs.yaml',
  'rules/Detections/DeviceNetworkEvents/SplashtopRelayFromServer.yaml',
  'rules/Detections/DeviceProcessEvents/AnyDeskSilentInstallByPowerShell.yaml',
  'rules/Detections/DeviceProcessEvents/RenamedAnyDeskBinary.yaml',
  'rules/Detections/W3CIISLog/ScreenConnectSetupWizardProbing.yaml',
  'rules/Hunting Queries/DeviceNetworkEvents/AnyDeskInboundFromNewCountry.yaml',
  'rules/Hunting Queries/DeviceRegistryEvents/TeamViewerConfigReadByOtherProcess.yaml',
  'rules/Hunting Queries/DeviceTvmSoftwareInventory/RemoteAccessAppsOnMobileDevices.yaml',
  'rules/Hunting Queries/DnsEvents/RemoteAccessClientRandomSubdomains.yaml',
  'rules/Solutions/Microsoft Defender XDR/Hunting Queries/Ransomware/ScreenConnectInstalledBeforeShadowCopyDeletion.yaml',
  'rules/Solutions/Microsoft Defender for IoT/Analytic Rules/RemoteAccessThenPlcFirmwareChange.yaml',
  'rules/Solutions/Remote Access Tools/Analytic Rules/AnyDeskPortableFromTemp.yaml',
  'rules/Solutions/Remote Access Tools/Analytic Rules/ScreenConnectServiceInstalledOnDomainController.yaml',
  'rules/Solutions/Remote Access Tools/Analytic Rules/SplashtopStreamerSilentDeploy.yaml',
  'rules/Solutions/Remote Access Tools/Analytic Rules/TeamViewerSpawnsShell.yaml',
  // Runbooks of the rules above: without their rule they name no rule, an error.
  'runbooks/anydesk-new-country.md',
  'runbooks/screenconnect-other-instance.md',
];

/**
 * The corpus folder to build: the fixture itself, or a copy without NOT_YET_PUBLISHABLE.
 * The copy keeps symbolic links as written and sits beside a copy of test/fixtures/valid, so
 * `rules/ValidRules → ../../valid/rules` leads where it does in the fixture.
 * @example buildFixture(prepareMessyCorpus('messy-default'), 'messy-default')
 */
export function prepareMessyCorpus(name: string): string {
  if (NOT_YET_PUBLISHABLE.length === 0) return MESSY_FIXTURE;
  const root = join(PROJECT_ROOT, '.huntbook', 'test-builds', `${name}-corpus`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const source = join(PROJECT_ROOT, MESSY_FIXTURE);
  const left = new Set(NOT_YET_PUBLISHABLE);
  cpSync(source, join(root, 'messy-sentinel'), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (path) => !left.has(relative(source, path).split('\\').join('/')),
  });
  cpSync(join(PROJECT_ROOT, 'test/fixtures/valid'), join(root, 'valid'), { recursive: true, verbatimSymlinks: true });
  return relative(PROJECT_ROOT, join(root, 'messy-sentinel'));
}

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
];

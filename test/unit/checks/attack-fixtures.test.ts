import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { formatFinding } from '../../../src/checks/findings.ts';
import { validateRule } from '../../../src/checks/validate-rule.ts';
import { parseSentinelYaml } from '../../../src/loaders/sentinel-yaml.ts';

const attack = loadAttackIndex();

/** Parses and validates one fixture file as the build does; the rule when published, and every finding. */
function checkRuleFile(file: string) {
  const parsed = parseSentinelYaml(readFileSync(file, 'utf8'), file);
  const checked = validateRule(parsed.data, { file, locate: parsed.locate, attack });
  return { rule: checked.rule, messages: [...parsed.findings, ...checked.findings].map(formatFinding) };
}

describe('odd tactics and techniques are warnings: the rule is published', () => {
  const dir = 'test/fixtures/attack-warnings';
  const files = readdirSync(join(dir, 'rules')).sort();

  test('every file is published, with exactly the warnings in expected.txt', () => {
    const results = files.map((name) => checkRuleFile(join(dir, 'rules', name)));
    expect(results.every((result) => result.rule !== undefined)).toBe(true);
    const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').trim().split('\n');
    expect(results.flatMap((result) => result.messages)).toEqual(expected);
  });
});

/** Kinds 1–5 of test/fixtures/messy-sentinel/CASES.md: tactics and techniques as public Sentinel content has them. */
describe('messy Sentinel content: ATT&CK values', () => {
  const at = (path: string) => `test/fixtures/messy-sentinel/rules/${path}`;
  test.each([
    { kind: 1, file: at('Hunting Queries/DeviceNetworkEvents/AnyDeskInboundFromNewCountry.yaml'), expected: [] },
    {
      kind: 2,
      file: at(
        'Solutions/Microsoft Defender XDR/Hunting Queries/Ransomware/ScreenConnectInstalledBeforeShadowCopyDeletion.yaml',
      ),
      expected: [
        ':19:5 tactics: "Ransomware" is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control): shown as a category, not counted as a tactic',
        ':20:5 tactics: "Vulnerability" is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control): shown as a category, not counted as a tactic',
        ':21:5 tactics: "Malware, component" is neither a Sentinel tactic name (e.g. CommandAndControl) nor an ATT&CK tactic short name (e.g. command-and-control): shown as a category, not counted as a tactic',
        ':23:5 relevantTechniques: T1219.002 belongs to command-and-control, none of which is listed in tactics',
      ],
    },
    {
      kind: 3,
      file: at('Solutions/Microsoft Defender for IoT/Analytic Rules/RemoteAccessThenPlcFirmwareChange.yaml'),
      expected: [],
    },
    {
      kind: 3,
      file: at('Hunting Queries/DeviceTvmSoftwareInventory/RemoteAccessAppsOnMobileDevices.yaml'),
      expected: [],
    },
    { kind: 3, file: at('Detections/W3CIISLog/ScreenConnectSetupWizardProbing.yaml'), expected: [] },
    {
      kind: 4,
      file: at('Detections/DeviceProcessEvents/AnyDeskSilentInstallByPowerShell.yaml'),
      expected: [
        ':23:5 relevantTechniques: T1086 (PowerShell) is revoked in ATT&CK, now T1059.001 (PowerShell): counted as T1059.001',
      ],
    },
    {
      kind: 4,
      file: at('Hunting Queries/DnsEvents/RemoteAccessClientRandomSubdomains.yaml'),
      expected: [
        ':14:5 relevantTechniques: T1483 (Domain Generation Algorithms) is revoked in ATT&CK, now T1568.002 (Domain Generation Algorithms): counted as T1568.002',
      ],
    },
    {
      kind: 5,
      file: at('Hunting Queries/DeviceRegistryEvents/TeamViewerConfigReadByOtherProcess.yaml'),
      expected: [
        ':15:5 relevantTechniques: "TA0006" is a tactic id (Credential Access), not a technique id: not counted as a technique',
        ':16:5 relevantTechniques: "t1078" read as T1078',
        ':16:5 relevantTechniques: T1078 belongs to defense-evasion, persistence, privilege-escalation, initial-access, none of which is listed in tactics',
      ],
    },
    {
      kind: 5,
      file: at('Solutions/Remote Access Tools/Hunting Queries/AteraAgentInstalledByLocalAccount.yaml'),
      expected: [':12:1 relevantTechniques: " T1078 " read as T1078'],
    },
    {
      kind: 5,
      file: at('Solutions/Remote Access Tools/Hunting Queries/TeamViewerQuickSupportFromDownloads.yaml'),
      expected: [],
    },
  ])('kind $kind: $file', ({ file, expected }) => {
    const { rule, messages } = checkRuleFile(file);
    expect(rule).toBeDefined();
    expect(messages).toEqual(expected.map((message) => `${file}${message}`));
  });
});

import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import type { Finding } from '../../../src/checks/findings.ts';
import { buildCoverageMatrix } from '../../../src/coverage/matrix.ts';
import { analyzeKql } from '../../../src/kql/analysis.ts';
import { completeRules, parseRuleFiles } from '../../../src/loaders/read-rules.ts';
import { readRunbooks } from '../../../src/loaders/read-runbooks.ts';
import { readTools } from '../../../src/loaders/read-tools.ts';
import { buildSiteModel } from '../../../src/model/site-model.ts';

/** Kinds 13–15 of the messy corpus (test/fixtures/messy-sentinel/CASES.md), loaded once. */
const BASE = 'test/fixtures/messy-sentinel';
const attack = loadAttackIndex();
const rules = completeRules(parseRuleFiles([`${BASE}/rules`], attack), analyzeKql);
const runbooks = readRunbooks([`${BASE}/runbooks`]);
const tools = readTools([`${BASE}/tools`]);
const { model, findings: modelFindings } = buildSiteModel({
  rules: rules.records,
  runbooks: runbooks.records.map((record) => ({
    file: record.file,
    ...record.frontmatter,
    positions: record.positions,
  })),
  tools: tools.records,
  attack,
  config: { sourceRoot: '/', sourceRepositoryUrl: undefined },
});
const findings: Finding[] = [...rules.findings, ...runbooks.findings, ...modelFindings];
const COVERAGE_CODES = new Set([
  'tool-not-in-catalog',
  'no-tool',
  'timestamp-column',
  'unknown-key',
  'hidden-content',
  'symlink-outside',
]);
const local = (file: string) => file.replace(`${BASE}/`, '');
const ruleAt = (file: string) => model.rules.find((rule) => local(rule.file) === file);

describe('the messy corpus, kinds 13 to 15', () => {
  test('every finding of these kinds is a warning, at its file', () => {
    const where = (finding: Finding) => `${local(finding.file)}${finding.line === undefined ? '' : `:${finding.line}`}`;
    const mine = findings.filter((finding) => COVERAGE_CODES.has(finding.code ?? ''));
    expect(mine.every((finding) => finding.severity === 'warning')).toBe(true);
    expect(
      mine
        .filter((finding) => finding.code !== 'no-tool')
        .map((f) => `${f.code} ${where(f)}`)
        .sort(),
    ).toEqual(
      [
        'hidden-content rules/.hidden/',
        'symlink-outside rules/ValidRules',
        'timestamp-column rules/Solutions/Remote Access Tools/Analytic Rules/AnyDeskUnattendedPasswordSet.yaml',
        'unknown-key runbooks/screenconnect-other-instance.md:4',
        'unknown-key runbooks/teamviewer-quicksupport.md:5',
        'tool-not-in-catalog rules/Hunting Queries/Microsoft 365 Defender/Remote Management and Monitoring tools/FleetwoodRemoteNetworkConnection.yaml:2',
        'tool-not-in-catalog rules/ValidRules/pdq.yaml:2',
        'tool-not-in-catalog rules/ValidRules/nested/rustdesk.yml:2',
      ].sort(),
    );
    // Rules tagged T1219 whose tool is not in this catalog (Atera, Splashtop) and whose names have no `… - <Tool> - …` form.
    expect(mine.filter((finding) => finding.code === 'no-tool').map(where)).toContain(
      'rules/Solutions/Remote Access Tools/Hunting Queries/AteraAgentInstalledByLocalAccount.yaml:12',
    );
  });

  test.each([
    {
      file: 'rules/Hunting Queries/Microsoft 365 Defender/Remote Management and Monitoring tools/FleetwoodRemoteNetworkConnection.yaml',
      tools: ['Fleetwood Remote:rule name:Fleetwood Remote (not in the catalog)'],
    },
    {
      file: 'rules/Hunting Queries/Microsoft 365 Defender/Remote Management and Monitoring tools/RemoteSupportRelayFromServer.yaml',
      tools: ['ScreenConnect:query domain:.screenconnect.com'],
    },
    {
      file: 'rules/Solutions/Microsoft Defender XDR/Hunting Queries/Command and Control/ScreenConnectSessionFileTransfers.yaml',
      tools: ['ScreenConnect:query process name:ScreenConnect.WindowsClient.exe'],
    },
    { file: 'rules/Detections/SecurityEvent/RdpLogonFromPublicAddress.yaml', tools: [] },
  ])('$file is tied to the tools it has evidence for', ({ file, tools: expected }) => {
    expect(
      ruleAt(file)?.tools.map(
        (link) => `${link.name}:${link.reason}:${link.evidence}${link.uncatalogued ? ' (not in the catalog)' : ''}`,
      ),
    ).toEqual(expected);
  });

  test('the Timestamp note is on the analytics rule only', () => {
    const noted = model.rules.filter((rule) => rule.queryNotes.some((note) => note.includes('Timestamp')));
    expect(noted.map((rule) => local(rule.file))).toEqual([
      'rules/Solutions/Remote Access Tools/Analytic Rules/AnyDeskUnattendedPasswordSet.yaml',
    ]);
  });

  test('rules that match no tool are counted beside the matrix; tools from rule names have rows', () => {
    const matrix = buildCoverageMatrix(model.tools, attack, model.rulesWithoutTool);
    expect(matrix.summary.rulesWithoutTool.map((rule) => local(rule.file))).toContain(
      'rules/Detections/SecurityEvent/RdpLogonFromPublicAddress.yaml',
    );
    const fromNames = matrix.groups.flatMap((group) => group.rows.filter((row) => !row.catalogued));
    expect(fromNames.map((row) => row.tool.name)).toEqual(['Fleetwood Remote', 'PDQ', 'RustDesk']);
  });

  test('the linked folder is read once, under its own path; the hidden folder is not read', () => {
    const files = rules.records.map((record) => local(record.file));
    expect(files).toContain('rules/Shared/RemoteAccess/ScreenConnectWebShellExtension.yaml');
    expect(files.filter((file) => file.includes('ScreenConnectWebShellExtension'))).toHaveLength(1);
    expect(files.filter((file) => file.startsWith('rules/ValidRules/'))).toHaveLength(4);
    expect(files.some((file) => file.includes('.hidden'))).toBe(false);
  });

  test('runbook keys: a case variant is read, a misspelling is not', () => {
    const byFile = new Map(runbooks.records.map((record) => [local(record.file), record.frontmatter]));
    expect(byFile.get('runbooks/teamviewer-quicksupport.md')?.falsePositives.length).toBeGreaterThan(0);
    expect(byFile.get('runbooks/screenconnect-other-instance.md')?.hypothesis).toBeUndefined();
  });
});

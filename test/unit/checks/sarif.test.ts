import { describe, expect, test } from 'vitest';
import { groupFindingsByKind, titleOfKind } from '../../../src/checks/finding-kinds.ts';
import { type Finding, formatPlace } from '../../../src/checks/findings.ts';
import { SARIF_SCHEMA, toSarifLog } from '../../../src/checks/sarif.ts';

const FINDINGS: Finding[] = [
  {
    severity: 'warning',
    file: 'rules/b.yaml',
    line: 25,
    column: 29,
    field: 'query',
    code: 'kql-syntax',
    message: 'KS005 Expected: ) (query line 11, column 27)',
  },
  { severity: 'warning', file: 'rules/a.yaml', field: 'id', message: 'something new' },
  { severity: 'warning', file: 'rules/a.yaml', line: 3, code: 'kql-syntax', message: 'KS006 Missing expression' },
];

describe('groupFindingsByKind', () => {
  test('groups by code, titles known kinds, sorts findings by file and line', () => {
    const kinds = groupFindingsByKind(FINDINGS);
    expect(kinds.map((kind) => [kind.code, kind.title, kind.findings.map(formatPlace)])).toEqual([
      ['kql-syntax', 'KQL syntax errors', ['rules/a.yaml:3', 'rules/b.yaml:25:29']],
      ['other', 'Other problems', ['rules/a.yaml']],
    ]);
  });

  test.each([
    { code: 'kql-syntax', title: 'KQL syntax errors' },
    { code: 'not-known-yet', title: 'not-known-yet' },
  ])('titleOfKind($code) is $title', ({ code, title }) => {
    expect(titleOfKind(code)).toBe(title);
  });
});

describe('toSarifLog', () => {
  test('writes SARIF 2.1.0: one rule per kind, results placed at file, line and column', () => {
    const log = toSarifLog(FINDINGS, { toolName: 'Huntbook', toRepositoryUri: (file) => `detections/${file}` });
    expect(log.$schema).toBe(SARIF_SCHEMA);
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run?.tool.driver.name).toBe('Huntbook');
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(['kql-syntax', 'other']);
    expect(run?.results[1]).toEqual({
      ruleId: 'kql-syntax',
      ruleIndex: 0,
      level: 'warning',
      message: { text: 'query: KS005 Expected: ) (query line 11, column 27)' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'detections/rules/b.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 25, startColumn: 29 },
          },
        },
      ],
    });
    // A finding that cannot be placed in its file has no region, only the file.
    expect(run?.results[2]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'detections/rules/a.yaml', uriBaseId: '%SRCROOT%' },
    });
  });
});

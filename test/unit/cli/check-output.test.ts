import { describe, expect, test } from 'vitest';
import type { Finding } from '../../../src/checks/findings.ts';
import { type CheckOutcome, formatCheckOutcome, toCheckJson, toCheckSarif } from '../../../src/cli/check-output.ts';

const repaired = (file: string): Finding => ({
  severity: 'warning',
  file,
  line: 6,
  field: 'requiredDataConnectors.dataTypes',
  code: 'yaml-repaired',
  message: 'repaired a known indentation defect',
});
const kql: Finding = {
  severity: 'warning',
  file: 'rules/e.yaml',
  line: 25,
  column: 29,
  field: 'query',
  code: 'kql-syntax',
  message: 'KS005 Expected: ) (query line 11, column 27)',
};
const missingQuery: Finding = {
  severity: 'error',
  file: 'rules/f.yaml',
  field: 'query',
  message: 'is required (expected string)',
};

const outcome = (findings: Finding[], options: Partial<CheckOutcome> = {}): CheckOutcome => ({
  findings,
  folders: ['rules: 6 files read, 5 rules published'],
  tally: { ruleFiles: 6, rules: 5 },
  strict: false,
  failed: findings.some((finding) => finding.severity === 'error'),
  toPublishedPath: (file) => file,
  ...options,
});

const WARNINGS = [...['a', 'b', 'c', 'd'].map((name) => repaired(`rules/${name}.yaml`)), kql];

describe('the text report', () => {
  test('groups repeated findings as the build log does, each after its severity, then the folders and the total', () => {
    expect(formatCheckOutcome(outcome([...WARNINGS, missingQuery]), 'text')).toMatchInlineSnapshot(`
      "warning: requiredDataConnectors.dataTypes: repaired a known indentation defect (4 files: rules/a.yaml:6, rules/b.yaml:6, rules/c.yaml:6 and 1 more)
      warning: rules/e.yaml:25:29 query: KS005 Expected: ) (query line 11, column 27)
      error: rules/f.yaml query: is required (expected string)
      rules: 6 files read, 5 rules published
      A build would fail: 5 rules of 6 rule files could be read, 5 warnings in 5 files, 1 file with errors"
    `);
  });

  test.each([
    { strict: false, expected: 'A build would publish 5 rules from 6 files: 5 warnings in 5 files' },
    {
      strict: true,
      expected:
        'A build would fail: 5 rules of 6 rule files could be read, 5 warnings in 5 files, and strict mode fails on warnings',
    },
  ])('ends with what a build would do (strict: $strict)', ({ strict, expected }) => {
    const text = formatCheckOutcome(outcome(WARNINGS, { strict, failed: strict }), 'text');
    expect(text.split('\n').at(-1)).toBe(expected);
  });

  test('says only the total when there is nothing to say', () => {
    expect(formatCheckOutcome(outcome([], { folders: [], tally: { ruleFiles: 2, rules: 2 } }), 'text')).toBe(
      'A build would publish 2 rules from 2 files: no warnings',
    );
  });
});

describe('the JSON report', () => {
  test('counts the findings and lists each with its place, null where unknown', () => {
    expect(toCheckJson(outcome([kql, missingQuery]))).toEqual({
      summary: {
        passed: false,
        strict: false,
        errors: 1,
        warnings: 1,
        files: 2,
        ruleFiles: 6,
        rules: 5,
        text: 'A build would fail: 5 rules of 6 rule files could be read, 1 warning in 1 file, 1 file with errors',
      },
      findings: [
        {
          file: 'rules/e.yaml',
          line: 25,
          column: 29,
          field: 'query',
          code: 'kql-syntax',
          severity: 'warning',
          message: 'KS005 Expected: ) (query line 11, column 27)',
        },
        {
          file: 'rules/f.yaml',
          line: null,
          column: null,
          field: 'query',
          code: 'other',
          severity: 'error',
          message: 'is required (expected string)',
        },
      ],
    });
  });

  test('keeps a warning a warning in strict mode, and says the check did not pass', () => {
    const json = toCheckJson(outcome([kql], { strict: true, failed: true }));
    expect(json.summary).toMatchObject({ passed: false, strict: true, errors: 0, warnings: 1 });
    expect(json.findings[0]?.severity).toBe('warning');
  });

  test('is what the json format prints', () => {
    const printed = formatCheckOutcome(outcome([kql]), 'json');
    expect(JSON.parse(printed)).toEqual(toCheckJson(outcome([kql])));
  });
});

describe('the SARIF report', () => {
  test('one rule per kind, one result per finding, paths relative to sourceRoot', () => {
    const log = toCheckSarif(
      outcome([kql, repaired('rules/a.yaml')], { toPublishedPath: (file) => file.replace(/^rules\//, '') }),
    );
    const [run] = log.runs;
    expect(run?.tool.driver.name).toBe('Huntbook');
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual(['kql-syntax', 'yaml-repaired']);
    expect(run?.results.map((result) => [result.ruleId, result.level, result.locations[0]?.physicalLocation])).toEqual([
      [
        'kql-syntax',
        'warning',
        { artifactLocation: { uri: 'e.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 25, startColumn: 29 } },
      ],
      [
        'yaml-repaired',
        'warning',
        { artifactLocation: { uri: 'a.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 6 } },
      ],
    ]);
  });

  test('is what the sarif format prints', () => {
    expect(JSON.parse(formatCheckOutcome(outcome([kql]), 'sarif'))).toEqual(toCheckSarif(outcome([kql])));
  });
});

import { describe, expect, test } from 'vitest';
import type { Finding } from '../../../src/checks/findings.ts';
import { toBuildReport } from '../../../src/site/build-report.ts';

const repaired = (file: string): Finding => ({
  severity: 'warning',
  file,
  line: 6,
  field: 'requiredDataConnectors.dataTypes',
  code: 'yaml-repaired',
  message: 'repaired a known indentation defect',
});

describe('toBuildReport', () => {
  test('one line per finding or per repeated finding, and the total', () => {
    const findings = [...['a', 'b', 'c', 'd'].map((name) => repaired(`rules/${name}.yaml`))];
    const kql: Finding = {
      severity: 'warning',
      file: 'rules/e.yaml',
      line: 25,
      column: 29,
      field: 'query',
      code: 'kql-syntax',
      message: 'KS005 Expected: ) (query line 11, column 27)',
    };
    expect(toBuildReport([...findings, kql], { rules: { files: 5, published: 5 } })).toEqual({
      lines: [
        'requiredDataConnectors.dataTypes: repaired a known indentation defect (4 files: rules/a.yaml:6, rules/b.yaml:6, rules/c.yaml:6 and 1 more)',
        'rules/e.yaml:25:29 query: KS005 Expected: ) (query line 11, column 27)',
      ],
      folders: [],
      summary: 'Published 5 rules from 5 files: 5 warnings in 5 files',
      findings: 5,
    });
  });

  test('one line per rules folder: files read and rules published', () => {
    const folders = [{ folder: `${process.cwd()}/content/rules`, filesRead: 3, published: 1 }];
    expect(toBuildReport([], { rules: { files: 3, published: 1, folders } }).folders).toEqual([
      'content/rules: 3 files read, 1 rule published',
    ]);
  });

  test('a clean build says so', () => {
    expect(toBuildReport([], { rules: { files: 2, published: 2 } }).summary).toBe(
      'Published 2 rules from 2 files: no warnings',
    );
  });
});

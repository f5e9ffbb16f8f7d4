import { describe, expect, test } from 'vitest';
import {
  applyStrictMode,
  ContentError,
  type Finding,
  formatFindingGroup,
  groupRepeatedFindings,
  STRICT_MODE_HINT,
  summariseFindings,
} from '../../../src/checks/findings.ts';

const warning = (file: string, line: number, message = 'repaired a known indentation defect'): Finding => ({
  severity: 'warning',
  file,
  line,
  field: 'requiredDataConnectors.dataTypes',
  message,
  code: 'yaml-repaired',
});
const error = (file: string, message = 'query: is required (expected string)'): Finding => ({
  severity: 'error',
  file,
  message,
});

describe('groupRepeatedFindings and formatFindingGroup', () => {
  test.each([
    {
      name: 'a finding of its own is written as it is',
      findings: [warning('rules/a.yaml', 6)],
      expected: ['rules/a.yaml:6 requiredDataConnectors.dataTypes: repaired a known indentation defect'],
    },
    {
      name: 'a finding repeated across files is one line with the count and the first three places',
      findings: ['a', 'b', 'c', 'd', 'e'].map((name) => warning(`rules/${name}.yaml`, 6)),
      expected: [
        'requiredDataConnectors.dataTypes: repaired a known indentation defect (5 files: rules/a.yaml:6, rules/b.yaml:6, rules/c.yaml:6 and 2 more)',
      ],
    },
    {
      name: 'repeats in one file are counted as times',
      findings: [warning('rules/a.yaml', 6), warning('rules/a.yaml', 9), warning('rules/b.yaml', 6)],
      expected: [
        'requiredDataConnectors.dataTypes: repaired a known indentation defect (3 times in 2 files: rules/a.yaml:6, rules/a.yaml:9, rules/b.yaml:6)',
      ],
    },
    {
      name: 'other messages stay apart, in order of first appearance',
      findings: [warning('rules/a.yaml', 6), warning('rules/b.yaml', 2, 'other'), warning('rules/c.yaml', 6)],
      expected: [
        'requiredDataConnectors.dataTypes: repaired a known indentation defect (2 files: rules/a.yaml:6, rules/c.yaml:6)',
        'rules/b.yaml:2 requiredDataConnectors.dataTypes: other',
      ],
    },
  ])('$name', ({ findings, expected }) => {
    expect(groupRepeatedFindings(findings).map(formatFindingGroup)).toEqual(expected);
  });
});

describe('summariseFindings', () => {
  test.each([
    {
      findings: [],
      tally: { ruleFiles: 2, rules: 2 },
      strict: false,
      expected: 'Published 2 rules from 2 files: no warnings',
    },
    {
      findings: [warning('a.yaml', 1), warning('a.yaml', 2), warning('b.yaml', 1)],
      tally: { ruleFiles: 181, rules: 181 },
      strict: false,
      expected: 'Published 181 rules from 181 files: 3 warnings in 2 files',
    },
    {
      findings: [warning('a.yaml', 1), error('c.yaml'), error('d.yaml')],
      tally: { ruleFiles: 181, rules: 179 },
      strict: false,
      expected:
        'Nothing published: 179 rules of 181 rule files could be read, 1 warning in 1 file, 2 files with errors',
    },
    {
      findings: [warning('a.yaml', 1)],
      tally: { ruleFiles: 1, rules: 1 },
      strict: true,
      expected:
        'Nothing published: 1 rule of 1 rule file could be read, 1 warning in 1 file, and strict mode fails on warnings',
    },
  ])('$expected', ({ findings, tally, strict, expected }) => {
    expect(summariseFindings(findings, tally, { strict })).toBe(expected);
  });

  test.each([
    {
      findings: [warning('a.yaml', 1)],
      strict: false,
      expected: 'A build would publish 1 rule from 1 file: 1 warning in 1 file',
    },
    {
      findings: [warning('a.yaml', 1)],
      strict: true,
      expected:
        'A build would fail: 1 rule of 1 rule file could be read, 1 warning in 1 file, and strict mode fails on warnings',
    },
    {
      findings: [error('c.yaml')],
      strict: false,
      expected: 'A build would fail: 1 rule of 1 rule file could be read, no warnings, 1 file with errors',
    },
  ])('a check says what a build would do: $expected', ({ findings, strict, expected }) => {
    expect(summariseFindings(findings, { ruleFiles: 1, rules: 1 }, { strict, checking: true })).toBe(expected);
  });
});

describe('strict mode and the content error', () => {
  test('strict mode makes every warning an error and leaves errors as they are', () => {
    const findings = [warning('a.yaml', 1), error('b.yaml')];
    expect(applyStrictMode(findings, true).map((f) => f.severity)).toEqual(['error', 'error']);
    expect(applyStrictMode(findings, false)).toEqual(findings);
  });

  test('the error lists errors, then warnings, grouped, and carries a hint but no stack trace', () => {
    const thrown = new ContentError([error('b.yaml'), warning('a.yaml', 1), warning('c.yaml', 1)], {
      summary: 'Nothing published',
    });
    expect(thrown.message).toMatchInlineSnapshot(`
      "Huntbook found 1 content error:
        b.yaml query: is required (expected string)
      and 2 warnings:
        requiredDataConnectors.dataTypes: repaired a known indentation defect (2 files: a.yaml:1, c.yaml:1)
      Nothing published"
    `);
    expect(thrown.stack).toBe('');
    expect(thrown.hint).toContain('To publish anyway, fix the files listed above');
    expect(new ContentError([error('b.yaml')], { hint: STRICT_MODE_HINT }).hint).toContain('Strict mode is on');
  });

  test('its text for guesses is its name, so content that mentions a "document" keeps the hint', () => {
    const thrown = new ContentError([error('a.yaml', 'invalid YAML: a document separator is expected')]);
    expect(String(thrown)).toBe('ContentError');
  });
});

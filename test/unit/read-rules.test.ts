import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../src/lib/attack-fs.ts';
import { analyzeKql } from '../../src/lib/kql-analysis.ts';
import { completeRules, parseRuleFiles, readRules } from '../../src/loaders/read-rules.ts';

const attack = loadAttackIndex();
/** Every invalid fixture's rules at once: parse, validation, query and duplicate-id findings together. */
const MIXED_DIRS = [
  'test/fixtures/valid/rules',
  'test/fixtures/invalid/kql-syntax-error/rules',
  'test/fixtures/invalid/duplicate-id/rules',
  'test/fixtures/invalid/yaml-syntax/rules',
  'test/fixtures/invalid/bad-guid/rules',
];

describe('reading rules in two steps', () => {
  test('parse, then complete with analyses from elsewhere, gives what one pass gives', () => {
    const onePass = readRules(MIXED_DIRS, attack);
    const parsed = parseRuleFiles(MIXED_DIRS, attack);
    const analyzed: string[] = [];
    const twoSteps = completeRules(parsed, (query) => {
      analyzed.push(query);
      return analyzeKql(query);
    });
    expect(twoSteps).toEqual(onePass);
    expect(analyzed).toHaveLength(twoSteps.records.length);
    expect(onePass.findings.some((finding) => finding.field === 'query')).toBe(true);
  });

  test('parsing alone analyzes nothing and keeps each file text for placing query findings', () => {
    const { files } = parseRuleFiles(['test/fixtures/valid/rules'], attack);
    const parsed = files.flatMap((file) => (file.parsed ? [file.parsed] : []));
    expect(parsed.length).toBeGreaterThan(0);
    for (const rule of parsed) expect(rule.text.toLowerCase()).toContain(rule.rule.id);
  });
});

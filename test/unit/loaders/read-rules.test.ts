import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { createQueryCache } from '../../../src/build-cache/store.ts';
import { analyzeKql } from '../../../src/kql/analysis.ts';
import {
  type CachedRuleParse,
  completeRules,
  parseRuleFiles,
  RULE_PARSE_CACHE_FILE,
  readRules,
} from '../../../src/loaders/read-rules.ts';

const attack = loadAttackIndex();
/** Every invalid fixture's rules at once: parse, validation, query and duplicate-id findings together. */
const MIXED_DIRS = [
  'test/fixtures/valid/rules',
  'test/fixtures/attack-warnings/rules',
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

describe('the parse cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huntbook-parse-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const dated = join('test/fixtures/valid/rules/analytics-umlaut.yaml');
  const openCache = () => createQueryCache<CachedRuleParse>(dir, RULE_PARSE_CACHE_FILE, 'parser-1');
  const cachedKeys = () =>
    Object.keys((JSON.parse(readFileSync(join(dir, RULE_PARSE_CACHE_FILE), 'utf8')) as { entries: object }).entries);

  test('a later build reads back exactly what parsing gave, repaired text and query findings included', () => {
    const fresh = parseRuleFiles(MIXED_DIRS, attack);
    const first = openCache();
    expect(parseRuleFiles(MIXED_DIRS, attack, first)).toEqual(fresh);
    first.flush();
    // Every file but the rule holding a date, which JSON would not give back as a date.
    expect(cachedKeys()).toHaveLength(fresh.files.length - 1);
    expect(fresh.files.some((file) => file.parsed?.file === dated)).toBe(true);

    const later = parseRuleFiles(MIXED_DIRS, attack, openCache());
    expect(later).toEqual(fresh);
    expect(completeRules(later, analyzeKql)).toEqual(completeRules(fresh, analyzeKql));
    expect(later.files.find((file) => file.parsed?.file === dated)?.parsed?.rule.reviewed).toBeInstanceOf(Date);
  });

  test('an edited file is parsed again, and the flush forgets what it replaced', () => {
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    const file = join(rules, 'pdq.yaml');
    writeFileSync(file, readFileSync('test/fixtures/valid/rules/pdq.yaml', 'utf8'));
    const first = openCache();
    parseRuleFiles([rules], attack, first);
    first.flush();

    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, 'name: Renamed'));
    const second = openCache();
    const { files } = parseRuleFiles([rules], attack, second);
    second.flush();
    expect(files[0]?.parsed?.rule.name).toBe('Renamed');
    expect(cachedKeys()).toHaveLength(1);
  });
});

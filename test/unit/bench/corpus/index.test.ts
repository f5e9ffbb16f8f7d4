import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CorpusSummary, generateCorpus } from '../../../../bench/corpus/index.ts';
import { loadAttackIndex } from '../../../../src/attack/attack-fs.ts';
import { analyzeKql } from '../../../../src/kql/analysis.ts';
import { completeRules, parseRuleFiles } from '../../../../src/loaders/read-rules.ts';
import { readRunbooks } from '../../../../src/loaders/read-runbooks.ts';
import { readTools } from '../../../../src/loaders/read-tools.ts';
import { createToolMatcher } from '../../../../src/model/tool-matching.ts';

const RULES = 300;
const BUNDLED_TOOLS = readdirSync('content/tools').filter((name) => name.endsWith('.yaml')).length;

let root: string;
let corpus: CorpusSummary;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'huntbook-bench-corpus-'));
  corpus = generateCorpus({ rules: RULES, seed: 7, dir: join(root, 'a') });
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Every file under a folder with its text, keyed by path relative to the folder. */
function snapshot(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Map(
    files.map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return [relative(dir, path), readFileSync(path, 'utf8')];
    }),
  );
}

/** The corpus's rules, parsed and analyzed as the rules loader does it. */
const readCorpusRules = () => completeRules(parseRuleFiles([corpus.rulesDir], loadAttackIndex()), analyzeKql);

const errorsOf = (findings: readonly { severity: string }[]) =>
  findings.filter((finding) => finding.severity === 'error');

describe('generateCorpus', () => {
  test('writes the same files for the same seed, and other files for another seed', () => {
    generateCorpus({ rules: RULES, seed: 7, dir: join(root, 'b') });
    generateCorpus({ rules: RULES, seed: 8, dir: join(root, 'c') });
    const first = snapshot(join(root, 'a'));
    expect(snapshot(join(root, 'b'))).toEqual(first);
    expect(snapshot(join(root, 'c'))).not.toEqual(first);
  });

  test('every rule validates, with unique ids', () => {
    const { records, findings } = readCorpusRules();
    expect(errorsOf(findings)).toEqual([]);
    // The only warnings are the deliberately reproduced dataTypes indentation slip, and the time
    // column of analytics rules written, as the real rule sets are, on Defender XDR's Timestamp.
    for (const warning of findings)
      expect(warning.message).toMatch(/^repaired a known indentation defect|^this analytics rule uses Defender XDR/);
    expect(records).toHaveLength(RULES);
    expect(new Set(records.map((record) => record.rule.id)).size).toBe(RULES);
    expect(corpus.ruleFiles).toHaveLength(RULES);
  });

  test('queries span 5 to 60 lines and use the listed tables', () => {
    const { records } = readCorpusRules();
    const lengths = records.map((record) => record.rule.query.trimEnd().split('\n').length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(60);
    expect(Math.max(...lengths)).toBeGreaterThan(30);
    for (const { rule } of records) {
      const tables = rule.requiredDataConnectors.flatMap((connector) => connector.dataTypes);
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) expect(rule.query).toContain(table);
    }
  });

  test('a share of rules carry analytics-rule fields', () => {
    const { records } = readCorpusRules();
    const analytics = records.filter(({ rule }) => 'kind' in rule && 'severity' in rule);
    expect(analytics.length).toBeGreaterThan(RULES * 0.15);
    expect(analytics.length).toBeLessThan(RULES * 0.5);
  });

  test('runbooks validate, cover about 80% of rules and point at generated rules and catalog tools', () => {
    const ruleIds = new Set(readCorpusRules().records.map((record) => record.rule.id));
    const toolIds = new Set(readTools([corpus.toolsDir]).records.map((record) => record.tool.id));
    const { records, findings } = readRunbooks([corpus.runbooksDir]);
    expect(errorsOf(findings)).toEqual([]);
    expect(records).toHaveLength(corpus.runbooks);
    expect(records.length).toBeGreaterThan(RULES * 0.7);
    expect(records.length).toBeLessThan(RULES * 0.9);
    for (const { frontmatter } of records) {
      expect(ruleIds.has(frontmatter.rule)).toBe(true);
      expect(frontmatter.falsePositives.length).toBeGreaterThanOrEqual(1);
      expect(frontmatter.falsePositives.length).toBeLessThanOrEqual(5);
      if (frontmatter.tool !== undefined) expect(toolIds.has(frontmatter.tool)).toBe(true);
    }
  });

  test('the catalog is the bundled one plus a synthetic tool per 50 rules, all valid', () => {
    const { records, findings } = readTools([corpus.toolsDir]);
    expect(findings).toEqual([]);
    expect(records).toHaveLength(BUNDLED_TOOLS + Math.ceil(RULES / 50));
    expect(corpus.tools).toBe(records.length);
  });

  test('almost every rule is tied to a catalog tool', () => {
    const matcher = createToolMatcher(readTools([corpus.toolsDir]).records.map((record) => record.tool));
    const { records } = readCorpusRules();
    const matched = records.filter(({ rule }) => matcher.match(rule).length > 0);
    expect(matched.length).toBeGreaterThan(RULES * 0.9);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { drawAnchorRules } from '../../../../bench/corpus/anchor.ts';
import { generateAnchorCorpus } from '../../../../bench/corpus/index.ts';
import { loadAttackIndex } from '../../../../src/attack/attack-fs.ts';
import { analyzeKql } from '../../../../src/kql/analysis.ts';
import { completeRules, parseRuleFiles } from '../../../../src/loaders/read-rules.ts';
import { parseSentinelYaml } from '../../../../src/loaders/sentinel-yaml.ts';
import { parseRuleName } from '../../../../src/model/rule-name.ts';

const RULES = 400;
const PDQ_RULE = 'example/rules/remote-management-and-monitoring-tool-pdq-network-connection.yaml';
const root = mkdtempSync(join(tmpdir(), 'huntbook-bench-anchor-'));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** The top-level keys of a rule file, in order. */
const keysOf = (text: string) => Object.keys(parseSentinelYaml(text, 'rule.yaml').data as object);

describe('drawAnchorRules', () => {
  const files = drawAnchorRules({ rules: RULES, seed: 3 });

  test('draws N rules, each with its own file, id and name, the same for the same seed', () => {
    expect(files).toHaveLength(RULES);
    const parsed = files.map((file) => parseSentinelYaml(file.text, file.path).data as Record<string, string>);
    expect(new Set(files.map((file) => file.path)).size).toBe(RULES);
    expect(new Set(parsed.map((rule) => rule.id)).size).toBe(RULES);
    expect(new Set(parsed.map((rule) => rule.name)).size).toBe(RULES);
    expect(new Set(parsed.map((rule) => rule.query)).size).toBe(RULES);
    expect(drawAnchorRules({ rules: RULES, seed: 3 })).toEqual(files);
    expect(drawAnchorRules({ rules: RULES, seed: 4 })).not.toEqual(files);
  });

  test('every rule names PDQ, a catalog tool, so no rule adds a page for a tool the catalog lacks', () => {
    const names = files.map((file) => (parseSentinelYaml(file.text, file.path).data as { name: string }).name);
    expect(new Set(names.map((name) => parseRuleName(name).tool))).toEqual(new Set(['PDQ']));
  });

  test("every rule has the PDQ rule's fields in its order and the lines of its query", () => {
    const pdq = readFileSync(PDQ_RULE, 'utf8');
    const pdqQuery = (parseSentinelYaml(pdq, PDQ_RULE).data as { query: string }).query.split('\n');
    for (const file of files) {
      const { data, findings } = parseSentinelYaml(file.text, file.path);
      expect(findings).toEqual([]);
      expect(keysOf(file.text)).toEqual(keysOf(pdq));
      const query = (data as { query: string }).query.split('\n');
      // Same head and tail; only the domain list between them differs.
      expect(query.slice(0, 6)).toEqual(pdqQuery.slice(0, 6));
      expect(query.slice(-5)).toEqual([
        expect.stringMatching(/^and InitiatingProcessVersionInfoProductName has '\w+Agent'$/),
        ...pdqQuery.slice(-4),
      ]);
    }
  });

  test('refuses a rule count that is not a positive whole number', () => {
    expect(() => drawAnchorRules({ rules: 0, seed: 1 })).toThrow(/positive integer/);
  });
});

describe('generateAnchorCorpus', () => {
  const corpus = generateAnchorCorpus({ rules: 50, seed: 1, dir: join(root, 'corpus') });

  test('writes rules that the rules loader publishes without a finding, no runbooks, the bundled tools', () => {
    const { records, findings } = completeRules(parseRuleFiles([corpus.rulesDir], loadAttackIndex()), analyzeKql);
    expect(findings).toEqual([]);
    expect(records).toHaveLength(50);
    expect(records.every((record) => record.queryNotes.length === 0)).toBe(true);
    expect(readdirSync(corpus.runbooksDir)).toEqual([]);
    expect(readdirSync(join(root, 'corpus', 'sigma'))).toEqual([]);
    expect(corpus.tools).toBe(readdirSync('content/tools').filter((name) => name.endsWith('.yaml')).length);
  });
});

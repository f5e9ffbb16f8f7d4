import { describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import type { Finding } from '../../../src/checks/findings.ts';
import { buildSiteModel } from '../../../src/model/site-model.ts';
import { ruleSchema } from '../../../src/schemas/rule.ts';
import { toolSchema } from '../../../src/schemas/tool.ts';
import { toProblemsView } from '../../../src/site/problem-views.ts';
import { createRoutes } from '../../../src/site/routes.ts';

const ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const RULE_FILE = 'rules/pdq.yaml';
const RUNBOOK_FILE = 'runbooks/pdq.md';

const FINDINGS: Finding[] = [
  {
    severity: 'warning',
    file: RULE_FILE,
    line: 8,
    column: 12,
    field: 'query',
    code: 'kql-syntax',
    message: 'KS006 Missing expression (query line 3, column 10)',
  },
  { severity: 'warning', file: RUNBOOK_FILE, line: 4, field: 'hypotesis', code: 'unknown-key', message: 'not a key' },
  {
    severity: 'warning',
    file: 'huntbook.config.yaml',
    field: 'kql.syntaxErrors',
    code: 'setting-obsolete',
    message: 'x',
  },
];

const { model } = buildSiteModel({
  rules: [
    {
      file: RULE_FILE,
      absolutePath: `/repo/${RULE_FILE}`,
      rule: ruleSchema.parse({ id: ID, name: 'RMM - PDQ - Network', query: 'T\n' }),
    },
  ],
  runbooks: [{ file: RUNBOOK_FILE, rule: ID, falsePositives: [] }],
  // The catalog knows PDQ, so the rule name ties the rule to it and adds no finding of its own.
  tools: [{ files: ['tools/pdq.yaml'], tool: toolSchema.parse({ id: 'pdq', name: 'PDQ' }) }],
  attack: loadAttackIndex(),
  config: { sourceRoot: '/repo' },
  findings: FINDINGS,
});

describe('findings in the site model', () => {
  test('a rule carries the findings of its file and of its runbook; the model carries them all', () => {
    const [rule] = model.rules;
    expect(rule?.problems.map((f) => f.code)).toEqual(['kql-syntax', 'unknown-key']);
    expect(model.findings).toEqual(FINDINGS);
  });
});

describe('toProblemsView', () => {
  test('groups by kind, places each finding and links it to the rule it is about', () => {
    const view = toProblemsView(model, createRoutes('/soc/'));
    expect(view.total).toBe(3);
    expect(view.files).toBe(3);
    expect(view.kinds.map((kind) => kind.code)).toEqual(['kql-syntax', 'setting-obsolete', 'unknown-key']);
    expect(view.kinds[0]?.problems[0]).toEqual({
      severity: 'warning',
      code: 'kql-syntax',
      file: RULE_FILE,
      line: 8,
      column: 12,
      place: 'rules/pdq.yaml:8:12',
      field: 'query',
      message: 'KS006 Missing expression (query line 3, column 10)',
      rule: { id: ID, name: 'RMM - PDQ - Network', url: '/soc/rules/rmm-pdq-network/' },
    });
    expect(view.kinds[1]?.problems[0]?.rule).toBeUndefined();
    expect(view.kinds[2]?.problems[0]?.rule?.id).toBe(ID);
  });
});

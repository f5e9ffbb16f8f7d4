import { describe, expect, test } from 'vitest';
import { formatFinding } from '../../../src/checks/findings.ts';
import {
  findDuplicateRuleIds,
  findDuplicateRunbooks,
  findRedefinedTools,
  findRunbooksOfSharedIds,
} from '../../../src/checks/unique-ids.ts';

const ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const OTHER_ID = '00000000-0000-4000-8000-000000000000';

describe('findDuplicateRuleIds', () => {
  test('every file after the first with one id is a warning naming the first', () => {
    const findings = findDuplicateRuleIds([
      { file: 'rules/a.yaml', rule: { id: ID } },
      { file: 'rules/b.yaml', rule: { id: OTHER_ID } },
      { file: 'rules/sub/c.yml', rule: { id: ID } },
      { file: 'rules/d.yaml', rule: { id: ID } },
    ]);
    expect(findings.map((finding) => [finding.severity, formatFinding(finding)])).toEqual([
      [
        'warning',
        `rules/sub/c.yml id: ${ID} is also the id of rules/a.yaml; both rules are published, each at its own page, and /r/${ID}/ lists them; every rule needs its own id`,
      ],
      [
        'warning',
        `rules/d.yaml id: ${ID} is also the id of rules/a.yaml; both rules are published, each at its own page, and /r/${ID}/ lists them; every rule needs its own id`,
      ],
    ]);
  });

  test('distinct ids pass', () => {
    expect(
      findDuplicateRuleIds([
        { file: 'a.yaml', rule: { id: ID } },
        { file: 'b.yaml', rule: { id: OTHER_ID } },
      ]),
    ).toEqual([]);
  });
});

describe('findRunbooksOfSharedIds', () => {
  test('a runbook for an id of several rules is shown on each, with a warning at its rule field', () => {
    const findings = findRunbooksOfSharedIds(
      [
        { file: 'runbooks/a.md', rule: ID, positions: { rule: { line: 2, column: 1 } } },
        { file: 'runbooks/b.md', rule: OTHER_ID },
      ],
      new Map([
        [ID, ['rules/Detections/a.yaml', 'rules/Solutions/a.yaml']],
        [OTHER_ID, ['rules/b.yaml']],
      ]),
    );
    expect(findings.map((finding) => [finding.severity, formatFinding(finding)])).toEqual([
      [
        'warning',
        `runbooks/a.md:2:1 rule: ${ID} is the id of 2 rules (rules/Detections/a.yaml, rules/Solutions/a.yaml); this runbook is shown on each`,
      ],
    ]);
  });
});

describe('findDuplicateRunbooks', () => {
  test('a second runbook for one rule is an error at its rule field naming the first', () => {
    const findings = findDuplicateRunbooks([
      { file: 'runbooks/a.md', rule: ID },
      { file: 'runbooks/other.md', rule: OTHER_ID },
      { file: 'runbooks/b.md', rule: ID, positions: { rule: { line: 3, column: 1 } } },
    ]);
    expect(findings.map((finding) => [finding.severity, formatFinding(finding)])).toEqual([
      ['error', `runbooks/b.md:3:1 rule: ${ID} already has a runbook: runbooks/a.md; merge the two into one`],
    ]);
  });
});

describe('findRedefinedTools', () => {
  test('a tool id defined again is a warning naming the first file', () => {
    const findings = findRedefinedTools([
      { file: 'tools/lantern-lolrmm.yaml', toolId: 'lantern-rmm' },
      { file: 'tools/pdq.yaml', toolId: 'pdq' },
      { file: 'tools/lantern-rmm.yaml', toolId: 'lantern-rmm' },
    ]);
    expect(findings.map((finding) => [finding.severity, formatFinding(finding)])).toEqual([
      [
        'warning',
        'tools/lantern-rmm.yaml id: tool "lantern-rmm" is also defined in tools/lantern-lolrmm.yaml; their lists (domains, product and process names, signers, companies, install paths, aliases) were merged and the other fields of tools/lantern-lolrmm.yaml kept',
      ],
    ]);
  });
});

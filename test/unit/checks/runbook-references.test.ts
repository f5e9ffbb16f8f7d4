import { describe, expect, test } from 'vitest';
import { formatFinding } from '../../../src/checks/findings.ts';
import { findRunbooksWithoutRule, findUnknownRunbookTools } from '../../../src/checks/runbook-references.ts';

const ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const FILE = 'content/runbooks/pdq.md';

describe('findRunbooksWithoutRule', () => {
  test('a runbook naming no rule is an error in the runbook file', () => {
    const findings = findRunbooksWithoutRule(
      [{ file: 'content/runbooks/ghost.md', rule: '00000000-0000-0000-0000-000000000000' }],
      new Set([ID]),
    );
    expect(findings.map(formatFinding)).toEqual([
      'content/runbooks/ghost.md rule: no rule has the id 00000000-0000-0000-0000-000000000000',
    ]);
  });

  test('the finding points at the rule field; runbooks whose rule exists pass', () => {
    const findings = findRunbooksWithoutRule(
      [
        { file: FILE, rule: ID },
        { file: 'content/runbooks/ghost.md', rule: 'x', positions: { rule: { line: 2, column: 1 } } },
      ],
      new Set([ID]),
    );
    expect(findings.map(formatFinding)).toEqual(['content/runbooks/ghost.md:2:1 rule: no rule has the id x']);
  });
});

describe('findUnknownRunbookTools', () => {
  test('a runbook naming a tool missing from the catalog is an error', () => {
    const findings = findUnknownRunbookTools([{ file: FILE, rule: ID, tool: 'anydesk' }], ['pdq', 'rustdesk']);
    expect(findings.map(formatFinding)).toEqual([
      'content/runbooks/pdq.md tool: "anydesk" is not a tool id in the tool catalog (content.tools); use one of its ids, e.g. pdq, rustdesk',
    ]);
  });

  test.each([
    {
      name: 'at most three ids are suggested, each once',
      toolIds: ['a', 'b', 'a', 'c', 'd'],
      expected: [
        'content/runbooks/pdq.md:3:7 tool: "x" is not a tool id in the tool catalog (content.tools); use one of its ids, e.g. a, b, c',
      ],
    },
    {
      name: 'an empty catalog says so',
      toolIds: [],
      expected: [
        'content/runbooks/pdq.md:3:7 tool: "x" is not a tool id in the tool catalog (content.tools); use one of its ids, e.g. none are loaded',
      ],
    },
    { name: 'a known tool passes', toolIds: ['x'], expected: [] },
  ])('$name', ({ toolIds, expected }) => {
    const runbooks = [
      { file: FILE, rule: ID, tool: 'x', positions: { tool: { line: 3, column: 7 } } },
      { file: 'content/runbooks/no-tool.md', rule: ID },
    ];
    expect(findUnknownRunbookTools(runbooks, toolIds).map(formatFinding)).toEqual(expected);
  });
});

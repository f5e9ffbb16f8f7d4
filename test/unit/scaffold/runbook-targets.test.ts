import { describe, expect, it } from 'vitest';
import {
  findRulesById,
  keepFirstOfEachId,
  readRunbookRuleId,
  toRunbookTargets,
} from '../../../src/scaffold/runbook-targets.ts';

const PDQ_ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const RUSTDESK_ID = '9d6ce6ba-f13e-473c-ac2b-56b74c4a5900';
const OTHER_ID = '0b4f2f40-1a2b-4c3d-8e9f-0123456789ab';

const rule = (id: string, name: string, file = `${name}.yaml`) => ({
  file: `rules/${file}`,
  absolutePath: `/repo/rules/${file}`,
  rule: { id, name },
});
const pdq = rule(PDQ_ID, 'RMM - PDQ - Network');
const rustdesk = rule(RUSTDESK_ID, 'RMM - RustDesk - Network');

describe('toRunbookTargets', () => {
  it("names a new runbook after the rule's page, in the runbooks folder", () => {
    expect(toRunbookTargets([pdq], [pdq, rustdesk], new Map(), '/repo/runbooks')).toEqual({
      targets: [{ source: pdq, path: '/repo/runbooks/rmm-pdq-network.md', hasRunbook: false }],
      findings: [],
    });
  });

  it('keeps the file of a rule that has a runbook', () => {
    const runbooks = new Map([[PDQ_ID, '/repo/notes/pdq.md']]);
    expect(toRunbookTargets([pdq], [pdq], runbooks, '/repo/runbooks').targets).toEqual([
      { source: pdq, path: '/repo/notes/pdq.md', hasRunbook: true },
    ]);
  });

  it('gives rules whose names collide the suffixed slugs of their pages', () => {
    const twin = rule(OTHER_ID, 'RMM - PDQ - Network', 'twin.yaml');
    const paths = toRunbookTargets([pdq, twin], [pdq, twin], new Map(), '/r').targets.map((target) => target.path);
    expect(paths).toEqual(['/r/rmm-pdq-network-58cbbe97.md', '/r/rmm-pdq-network-0b4f2f40.md']);
  });

  it('turns away a rule whose id is not a GUID', () => {
    const odd = rule('pdq-1', 'RMM - PDQ');
    expect(toRunbookTargets([odd], [odd], new Map(), '/r')).toEqual({
      targets: [],
      findings: [
        {
          severity: 'error',
          file: 'rules/RMM - PDQ.yaml',
          field: 'id',
          message: '"pdq-1" is not a GUID, and a runbook names its rule by a GUID: give the rule a GUID id first',
        },
      ],
    });
  });
});

describe('findRulesById', () => {
  it.each([
    [PDQ_ID.toUpperCase(), { rules: [pdq] }],
    [` ${PDQ_ID} `, { rules: [pdq] }],
    ['58cbbe97', { rules: [], message: `no rule has the id "58cbbe97" (did you mean ${PDQ_ID}?)` }],
    [
      PDQ_ID.replace('f835', 'f853'),
      { rules: [], message: `no rule has the id "${PDQ_ID.replace('f835', 'f853')}" (did you mean ${PDQ_ID}?)` },
    ],
    ['nothing-like-it', { rules: [], message: 'no rule has the id "nothing-like-it"' }],
  ])('%j', (id, expected) => {
    expect(findRulesById(id, [pdq, rustdesk])).toEqual(expected);
  });
});

describe('keepFirstOfEachId', () => {
  it('keeps the first file of an id', () => {
    const copy = rule(PDQ_ID, 'RMM - PDQ - Network', 'copy.yaml');
    expect(keepFirstOfEachId([pdq, copy, rustdesk])).toEqual([pdq, rustdesk]);
  });
});

describe('readRunbookRuleId', () => {
  it.each([
    [`---\nrule: ${PDQ_ID.toUpperCase()}\nfalsePositives: []\n---\n`, PDQ_ID],
    // Front matter that does not validate still names its rule.
    [`---\nrule: "${PDQ_ID}"\nfalsePositives: not a list\n---\n`, PDQ_ID],
    [`---\nrule: '${PDQ_ID}' # PDQ\nhypothesis: [unclosed\n---\n`, PDQ_ID],
    ['# Notes\n\nNo front matter.', undefined],
    ['---\nhypothesis: none\n---\n', undefined],
  ])('%j → %j', (text, expected) => {
    expect(readRunbookRuleId(text, 'runbooks/a.md')).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../../src/loaders/runbook-markdown.ts';
import { toHypothesis, toRunbookSkeleton } from '../../../src/scaffold/runbook-skeleton.ts';

const RULE_ID = '58cbbe97-f835-4677-9bee-203b1df29600';

describe('toHypothesis', () => {
  it.each([
    ['Finds PDQ connections.', 'Finds PDQ connections.'],
    ["'Identifies RustDesk traffic.'\n", 'Identifies RustDesk traffic.'],
    ['  first line   \n  second line\n', 'first line\n  second line'],
    ['', undefined],
    ["  ''  ", undefined],
  ])('%j → %j', (description, expected) => {
    expect(toHypothesis(description)).toBe(expected);
  });
});

describe('toRunbookSkeleton', () => {
  it.each([
    ['a colon and space', 'Detects: remote tools - and more: here'],
    ['quotes of both kinds', `It's "quoted" and 'again'`],
    ['HTML', '<script>alert("x")</script> & <b>bold</b>'],
    ['several lines', 'First line.\nSecond line: with a colon.\n\n- a list item\n# not a comment'],
    ['YAML look-alikes', '--- \n...\n[not, a, list]\n{a: b}\n*alias &anchor !tag'],
    ['a leading dash', '- starts like a list item'],
  ])('keeps a description with %s intact through the runbook reader', (_, description) => {
    const text = toRunbookSkeleton({ ruleId: RULE_ID, ruleName: 'RMM - PDQ', description, toolId: 'pdq' });
    const parsed = parseRunbook(text, 'runbooks/pdq.md');
    expect(parsed.findings).toEqual([]);
    expect(parsed.frontmatter).toEqual({
      rule: RULE_ID,
      tool: 'pdq',
      hypothesis: toHypothesis(description),
      falsePositives: [],
    });
  });

  it('writes the tool and hypothesis as comments when there are none', () => {
    const text = toRunbookSkeleton({ ruleId: RULE_ID, ruleName: 'Sign-in from a new country', description: '' });
    const parsed = parseRunbook(text, 'runbooks/sign-in.md');
    expect(parsed.findings).toEqual([]);
    expect(parsed.frontmatter).toEqual({ rule: RULE_ID, falsePositives: [] });
    expect(text).toContain('# tool: no catalog tool matched this rule');
    expect(text).toContain('# hypothesis: ');
  });

  it('gives the body headings for the triage notes, with prompts that stay out of the page', () => {
    const text = toRunbookSkeleton({ ruleId: RULE_ID, ruleName: 'RMM -- PDQ --> x', description: 'd' });
    const body = parseRunbook(text, 'runbooks/pdq.md').body;
    expect(body.match(/^## .+$/gm)).toEqual(['## Triage steps', '## Investigation', '## Escalation']);
    // Every comment closes where it should: a rule name holding "-->" does not end one early.
    expect(body.replace(/<!--[\s\S]*?-->/g, '').trim()).toBe(
      '## Triage steps\n\n\n\n## Investigation\n\n\n\n## Escalation',
    );
  });

  it('writes the file as shown', () => {
    expect(
      toRunbookSkeleton({ ruleId: RULE_ID, ruleName: 'RMM - PDQ', description: 'Finds PDQ: C2.', toolId: 'pdq' }),
    ).toMatchInlineSnapshot(`
        "---
        rule: 58cbbe97-f835-4677-9bee-203b1df29600
        tool: pdq
        hypothesis: 'Finds PDQ: C2.'
        falsePositives: []
        # Each benign activity the rule also finds, with the exclusion that removes it:
        # falsePositives:
        #   - scenario: An administrator deploys the tool to new laptops
        #     description: Optional longer explanation.
        #     exclusion: Exclude devices in the imaging OU
        ---

        <!-- Triage notes for "RMM - PDQ". -->

        ## Triage steps

        <!-- What to check first when the rule fires, in order: the fields of the result, the device, the account. -->

        ## Investigation

        <!-- Queries and sources that confirm or dismiss a hit: related processes, sign-ins, network connections. -->

        ## Escalation

        <!-- When a hit is an incident, who to hand it to, and what to contain first. -->
        "
      `);
  });
});

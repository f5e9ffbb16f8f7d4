import { describe, expect, test } from 'vitest';
import { formatFinding } from '../../../src/checks/findings.ts';
import { parseRunbook } from '../../../src/loaders/runbook-markdown.ts';

const ID = '58cbbe97-f835-4677-9bee-203b1df29600';
const FILE = 'content/runbooks/pdq.md';

describe('parseRunbook', () => {
  test('splits front matter and body, CRLF and BOM included', () => {
    const text = `\uFEFF---\r\nrule: ${ID.toUpperCase()}\r\nhypothesis: Adversary uses PDQ.\r\nfalsePositives:\r\n  - scenario: Patch day\r\n    exclusion: Exclude the PDQ server\r\n---\r\n## Triage\r\n`;
    const parsed = parseRunbook(text, FILE);
    expect(parsed.findings).toEqual([]);
    expect(parsed.frontmatter).toEqual({
      rule: ID,
      hypothesis: 'Adversary uses PDQ.',
      falsePositives: [{ scenario: 'Patch day', exclusion: 'Exclude the PDQ server' }],
    });
    expect(parsed.body).toBe('## Triage\n');
  });

  test.each([
    {
      name: 'no front matter',
      text: '# Notes\n',
      expected: [
        'content/runbooks/pdq.md:1 has no front matter: start the file with a "---" block that names its rule',
      ],
    },
    {
      name: 'missing rule',
      text: '---\nhypothesis: x\n---\n',
      expected: ['content/runbooks/pdq.md rule: is required (expected string)'],
    },
    {
      name: 'rule not a GUID',
      text: '---\nhypothesis: x\nrule: pdq\n---\n',
      expected: ['content/runbooks/pdq.md:3:1 rule: must be the GUID of a rule (got "pdq")'],
    },
    {
      name: 'scenario without exclusion',
      text: `---\nrule: ${ID}\nfalsePositives:\n  - scenario: Patch day\n  - scenario: Inventory\n    exclusion: x\n---\n`,
      expected: ['content/runbooks/pdq.md:4:5 falsePositives.0.exclusion: is required (expected string)'],
    },
    {
      name: 'YAML error in front matter',
      text: `---\nrule: ${ID}\nhypothesis: "open\n---\n`,
      expected: [
        'content/runbooks/pdq.md:4:1 invalid YAML: unexpected end of the stream within a double quoted scalar',
      ],
    },
  ])('$name', ({ text, expected }) => {
    const parsed = parseRunbook(text, FILE);
    expect(parsed.frontmatter).toBeUndefined();
    expect(parsed.findings.map(formatFinding)).toEqual(expected);
  });
});

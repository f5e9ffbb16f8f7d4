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

describe('unknown front-matter keys are read or named, never dropped silently', () => {
  test.each([
    {
      name: 'a key differing only in case is read as the key',
      text: `---\nrule: ${ID}\nfalsepositives:\n  - scenario: Patch day\n    exclusion: x\n---\n`,
      falsePositives: 1,
      hypothesis: undefined,
      expected: [
        'content/runbooks/pdq.md:3:1 falsepositives: read as falsePositives (the keys differ only in case or separators)',
      ],
    },
    {
      name: 'so is one differing in separators',
      text: `---\nrule: ${ID}\nfalse_positives: []\nHypothesis: H\n---\n`,
      falsePositives: 0,
      hypothesis: 'H',
      expected: [
        'content/runbooks/pdq.md:3:1 false_positives: read as falsePositives (the keys differ only in case or separators)',
        'content/runbooks/pdq.md:4:1 Hypothesis: read as hypothesis (the keys differ only in case or separators)',
      ],
    },
    {
      name: 'a misspelling is left out, with the key it resembles',
      text: `---\nrule: ${ID}\nhypotesis: H\n---\n`,
      falsePositives: 0,
      hypothesis: undefined,
      expected: [
        'content/runbooks/pdq.md:3:1 hypotesis: is not a front-matter key and is left out (did you mean hypothesis?)',
      ],
    },
    {
      name: 'a key like no other lists the known keys',
      text: `---\nrule: ${ID}\nowner: soc-team\n---\n`,
      falsePositives: 0,
      hypothesis: undefined,
      expected: [
        'content/runbooks/pdq.md:3:1 owner: is not a front-matter key and is left out (known keys: rule, tool, hypothesis, falsePositives)',
      ],
    },
    {
      name: 'the keys of a false-positive scenario too',
      text: `---\nrule: ${ID}\nfalsePositives:\n  - Scenario: Patch day\n    exclusions: x\n    exclusion: y\n---\n`,
      falsePositives: 1,
      hypothesis: undefined,
      expected: [
        'content/runbooks/pdq.md:4:5 falsePositives.0.Scenario: read as scenario (the keys differ only in case or separators)',
        'content/runbooks/pdq.md:5:5 falsePositives.0.exclusions: is not a front-matter key and is left out (did you mean exclusion?)',
      ],
    },
    {
      name: 'a case variant beside the key itself is not read over it',
      text: `---\nrule: ${ID}\nhypothesis: A\nHYPOTHESIS: B\n---\n`,
      falsePositives: 0,
      hypothesis: 'A',
      expected: [
        'content/runbooks/pdq.md:4:1 HYPOTHESIS: is not a front-matter key and is left out (did you mean hypothesis?)',
      ],
    },
  ])('$name', ({ text, falsePositives, hypothesis, expected }) => {
    const parsed = parseRunbook(text, FILE);
    expect(parsed.findings.map(formatFinding)).toEqual(expected);
    expect(parsed.findings.every((finding) => finding.severity === 'warning' && finding.code === 'unknown-key')).toBe(
      true,
    );
    expect(parsed.frontmatter?.falsePositives).toHaveLength(falsePositives);
    expect(parsed.frontmatter?.hypothesis).toBe(hypothesis);
  });
});

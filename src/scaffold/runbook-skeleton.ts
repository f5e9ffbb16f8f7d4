import { type DumpOptions, dump } from 'js-yaml';

/**
 * The runbook a rule starts with: front matter naming the rule, its tool and a hypothesis, and
 * a Markdown body of headings an analyst fills in. All YAML comes from js-yaml, so a
 * description holding `: `, quotes or several lines is never quoted by hand.
 */

/** What the skeleton is made from: the rule, and the catalog tool it matches, if any. */
export interface RunbookSkeletonInput {
  ruleId: string;
  ruleName: string;
  description: string;
  /** Catalog tool id the rule matches; left as a comment when there is none. */
  toolId?: string | undefined;
}

/** No folding of long lines (`>`): a multi-line hypothesis comes out as a `|` block, as authors write it. */
const DUMP_OPTIONS: DumpOptions = { lineWidth: -1, noRefs: true };

/** Sentinel descriptions are often wrapped in one pair of single quotes inside the YAML string. */
const WRAPPING_QUOTES_RE = /^'([\s\S]*)'$/;
const TRAILING_SPACE_RE = /[ \t]+$/gm;

/**
 * The hypothesis a runbook starts with: the rule's description, without the quotes Sentinel
 * authors often wrap it in; undefined when the rule has no description.
 * @example toHypothesis("'Detects RustDesk connections.'\n") // → 'Detects RustDesk connections.'
 */
export function toHypothesis(description: string): string | undefined {
  const trimmed = description.replace(TRAILING_SPACE_RE, '').trim();
  const unwrapped = (WRAPPING_QUOTES_RE.exec(trimmed)?.[1] ?? trimmed).trim();
  return unwrapped === '' ? undefined : unwrapped;
}

/**
 * The whole runbook file: front matter, then the body.
 * @example toRunbookSkeleton({ ruleId: '58cbbe97-…', ruleName: 'RMM - PDQ - Network', description: 'Finds PDQ.', toolId: 'pdq' })
 *   // → '---\nrule: 58cbbe97-…\ntool: pdq\nhypothesis: Finds PDQ.\nfalsePositives: []\n# …\n---\n\n## Triage steps\n…'
 */
export function toRunbookSkeleton(input: RunbookSkeletonInput): string {
  return `---\n${toSkeletonFrontmatter(input)}---\n\n${toSkeletonBody(input.ruleName)}`;
}

/**
 * The front matter. Fields the skeleton cannot fill are comments, so the file is valid as it
 * is and the analyst sees what else a runbook can say.
 */
export function toSkeletonFrontmatter(input: RunbookSkeletonInput): string {
  const hypothesis = toHypothesis(input.description);
  return [
    dump({ rule: input.ruleId }, DUMP_OPTIONS),
    input.toolId === undefined
      ? '# tool: no catalog tool matched this rule; name one here to tie the rule to it\n'
      : dump({ tool: input.toolId }, DUMP_OPTIONS),
    hypothesis === undefined
      ? '# hypothesis: what the hunt assumes an adversary is doing\n'
      : dump({ hypothesis }, DUMP_OPTIONS),
    dump({ falsePositives: [] }, DUMP_OPTIONS),
    '# Each benign activity the rule also finds, with the exclusion that removes it:\n',
    '# falsePositives:\n',
    '#   - scenario: An administrator deploys the tool to new laptops\n',
    '#     description: Optional longer explanation.\n',
    '#     exclusion: Exclude devices in the imaging OU\n',
  ].join('');
}

/** Headings of the triage notes, each with a prompt that stays out of the page (an HTML comment). */
const BODY_SECTIONS: readonly { heading: string; prompt: string }[] = [
  {
    heading: 'Triage steps',
    prompt: 'What to check first when the rule fires, in order: the fields of the result, the device, the account.',
  },
  {
    heading: 'Investigation',
    prompt: 'Queries and sources that confirm or dismiss a hit: related processes, sign-ins, network connections.',
  },
  {
    heading: 'Escalation',
    prompt: 'When a hit is an incident, who to hand it to, and what to contain first.',
  },
];

/**
 * The Markdown body: a heading per part of the triage notes, with what belongs there.
 * The rule's page already shows its description, query and data sources, so the body does not repeat them.
 */
export function toSkeletonBody(ruleName: string): string {
  const sections = BODY_SECTIONS.map(({ heading, prompt }) => `## ${heading}\n\n<!-- ${prompt} -->\n`);
  return `<!-- Triage notes for "${toCommentText(ruleName)}". -->\n\n${sections.join('\n')}`;
}

/** Text that cannot end an HTML comment early. */
function toCommentText(text: string): string {
  return text.replace(/-(?=-)/g, '- ').replace(/\s+/g, ' ');
}

import { z } from 'astro/zod';
import { GUID_RE } from './guid.ts';

/** One false-positive scenario: a benign activity the rule also matches, and how to exclude it. */
export const falsePositiveSchema = z.object({
  /** What happened, e.g. `An admin pushes an update with PDQ Deploy`. */
  scenario: z.string().min(1),
  /** Optional longer explanation of the scenario. */
  description: z.string().optional(),
  /** The filter or exclusion that removes this benign activity from results. */
  exclusion: z.string().min(1),
});

/**
 * Front matter of a runbook (`content/runbooks/*.md`). The Markdown body below it holds the
 * triage notes and is rendered as the author wrote it.
 */
export const runbookFrontmatterSchema = z.object({
  /** The id (GUID) of the rule this runbook documents. */
  rule: z.string().regex(GUID_RE, 'must be the GUID of a rule'),
  /** Tool id from the catalog; overrides matching the rule to a tool. */
  tool: z.string().min(1).optional(),
  /** What the hunt assumes an adversary is doing. */
  hypothesis: z.string().optional(),
  /** Benign activity the rule also finds, each with its exclusion. */
  falsePositives: z.array(falsePositiveSchema).default([]),
});

export type RunbookFrontmatter = z.output<typeof runbookFrontmatterSchema>;
export type FalsePositive = z.output<typeof falsePositiveSchema>;

import { getEntry, render } from 'astro:content';
import type { RuleView } from '../model/site-model.ts';

/** A rendered Markdown body, as `render()` of `astro:content` returns it. */
export type RunbookNotes = Awaited<ReturnType<typeof render>>['Content'];

/**
 * The triage notes of a rule's runbook, rendered by remark; undefined for a rule without one.
 * @example const Notes = await getRunbookNotes(rule); // then <Notes /> in the page
 */
export async function getRunbookNotes(rule: RuleView): Promise<RunbookNotes | undefined> {
  const entry = rule.runbook ? await getEntry('runbooks', rule.id) : undefined;
  return entry ? (await render(entry)).Content : undefined;
}

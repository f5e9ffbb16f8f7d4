import { join } from 'node:path';
import type { Finding } from '../checks/findings.ts';
import { suggestKey } from '../loaders/frontmatter-keys.ts';
import { parseRunbook } from '../loaders/runbook-markdown.ts';
import { assignRuleKeys } from '../model/rule-key.ts';
import { assignRuleSlugs, toSlug } from '../model/slug.ts';
import { GUID_RE } from '../schemas/guid.ts';
import { readFrontmatterBlock } from './content-kinds.ts';

/**
 * Which runbook file each rule gets. A rule that has a runbook keeps it (a second one for the
 * same id would be an error); any other gets `<slug>.md`, the slug of its page, in the first
 * runbooks folder, so a runbook and its page are easy to match.
 */

/** A rule as the scaffold reads it. */
export interface ScaffoldRule {
  /** Path for messages. */
  file: string;
  absolutePath: string;
  rule: { id: string; name: string };
}

export interface RunbookTarget<R extends ScaffoldRule = ScaffoldRule> {
  source: R;
  /** Absolute path of the runbook to write. */
  path: string;
  /** The rule's runbook already exists there: it is replaced only with --force. */
  hasRunbook: boolean;
}

/**
 * A target for each selected rule; a rule whose id is not a GUID gets a finding instead, as
 * a runbook names its rule by a GUID.
 * @example toRunbookTargets([pdq], [pdq, rustdesk], new Map(), '/repo/runbooks')
 *   // → { targets: [{ source: pdq, path: '/repo/runbooks/rmm-pdq-network.md', hasRunbook: false }], findings: [] }
 */
export function toRunbookTargets<R extends ScaffoldRule>(
  selected: readonly R[],
  allRules: readonly ScaffoldRule[],
  runbookByRule: ReadonlyMap<string, string>,
  runbooksDir: string,
): { targets: RunbookTarget<R>[]; findings: Finding[] } {
  const slugOf = createSlugLookup(allRules);
  const targets: RunbookTarget<R>[] = [];
  const findings: Finding[] = [];
  for (const source of selected) {
    if (!GUID_RE.test(source.rule.id)) {
      findings.push({
        severity: 'error',
        file: source.file,
        field: 'id',
        message: `"${source.rule.id}" is not a GUID, and a runbook names its rule by a GUID: give the rule a GUID id first`,
      });
      continue;
    }
    const existing = runbookByRule.get(source.rule.id);
    targets.push(
      existing
        ? { source, path: existing, hasRunbook: true }
        : { source, path: join(runbooksDir, `${slugOf(source)}.md`), hasRunbook: false },
    );
  }
  return { targets, findings };
}

/** Slugs as the site gives them, so names that collide get the same suffixes as their pages. */
function createSlugLookup(allRules: readonly ScaffoldRule[]): (rule: ScaffoldRule) => string {
  const keys = assignRuleKeys(allRules);
  const keyByPath = new Map(allRules.map((rule, index) => [rule.absolutePath, keys[index] as string]));
  const { slugByKey } = assignRuleSlugs(allRules.map((rule, index) => ({ ...rule.rule, key: keys[index] })));
  return (rule) => {
    const key = keyByPath.get(rule.absolutePath);
    return (key && slugByKey.get(key)) || toSlug(rule.rule.name) || toSlug(rule.rule.id);
  };
}

/**
 * One rule per id, the first file's: one runbook documents every file that shares an id.
 * @example keepFirstOfEachId([a, aCopy, b]) // → [a, b]
 */
export function keepFirstOfEachId<R extends ScaffoldRule>(rules: readonly R[]): R[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    if (seen.has(rule.rule.id)) return false;
    seen.add(rule.rule.id);
    return true;
  });
}

/**
 * The rules with an id, compared as rule ids are (in any case); when none has it, a message
 * naming the nearest id, or the one id the text starts.
 * @example findRulesById('58CBBE97-F835-4677-9BEE-203B1DF29600', rules) // → { rules: [pdq] }
 * @example findRulesById('58cbbe97', rules) // → { rules: [], message: 'no rule has the id "58cbbe97" (did you mean 58cbbe97-f835-4677-9bee-203b1df29600?)' }
 */
export function findRulesById<R extends ScaffoldRule>(
  id: string,
  rules: readonly R[],
): { rules: R[]; message?: string } {
  const wanted = id.trim().toLowerCase();
  const found = rules.filter((rule) => rule.rule.id === wanted);
  if (found.length > 0) return { rules: found };
  const ids = [...new Set(rules.map((rule) => rule.rule.id))];
  const startingWith = ids.filter((known) => wanted !== '' && known.startsWith(wanted));
  const suggestion = startingWith.length === 1 ? startingWith[0] : suggestKey(wanted, ids);
  return {
    rules: [],
    message: `no rule has the id "${id}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
  };
}

/** A `rule:` line of front matter, for a runbook whose front matter does not validate. */
const RULE_LINE_RE = /^rule\s*:\s*["']?([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})["']?\s*(?:#.*)?$/im;

/**
 * The id of the rule a runbook documents, in lower case. A runbook whose front matter has
 * other problems still names its rule: writing a second runbook for it would only add an error.
 * @example readRunbookRuleId('---\nrule: 58CBBE97-F835-4677-9BEE-203B1DF29600\nfalsePositives: oops\n---\n') // → '58cbbe97-f835-4677-9bee-203b1df29600'
 */
export function readRunbookRuleId(text: string, file: string): string | undefined {
  const parsed = parseRunbook(text, file);
  if (parsed.frontmatter) return parsed.frontmatter.rule;
  const frontmatter = readFrontmatterBlock(text);
  return frontmatter === undefined ? undefined : RULE_LINE_RE.exec(frontmatter)?.[1]?.toLowerCase();
}

/**
 * Telling content files apart by their text, without parsing them: `huntbook init` reads every
 * YAML and Markdown file of a repository, and a Sentinel file that needs repairs before it
 * parses is still a rule.
 */

const BYTE_ORDER_MARK_RE = /^\uFEFF/;
const TOP_LEVEL_QUERY_RE = /^query[ \t]*:/m;
const TOP_LEVEL_ID_OR_NAME_RE = /^(?:id|name)[ \t]*:/m;
const FRONTMATTER_BLOCK_RE = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
const RULE_KEY_RE = /^rule[ \t]*:/im;
const SIGMA_KEYS_RE = [/^title[ \t]*:/m, /^logsource[ \t]*:/m, /^detection[ \t]*:/m];

/**
 * A Sentinel rule file: top-level `query:` and `id:` or `name:` keys.
 * @example isRuleText('id: 58cbbe97-…\nname: PDQ\nquery: |\n  DeviceNetworkEvents\n') // → true
 * @example isRuleText('id: pdq\nname: PDQ\ndomains: [pdq.com]\n') // → false (a tool entry)
 */
export function isRuleText(text: string): boolean {
  const body = text.replace(BYTE_ORDER_MARK_RE, '');
  return TOP_LEVEL_QUERY_RE.test(body) && TOP_LEVEL_ID_OR_NAME_RE.test(body);
}

/**
 * A Sigma rule file: top-level `title:`, `logsource:` and `detection:` keys, and no `query:`.
 * @example isSigmaText('title: AnyDesk\nlogsource:\n  category: process_creation\ndetection:\n  condition: sel\n') // → true
 */
export function isSigmaText(text: string): boolean {
  const body = text.replace(BYTE_ORDER_MARK_RE, '');
  return SIGMA_KEYS_RE.every((re) => re.test(body)) && !TOP_LEVEL_QUERY_RE.test(body);
}

/**
 * The front matter of a Markdown file, between the `---` lines that open it; undefined without one.
 * @example readFrontmatterBlock('---\nrule: 58cbbe97-…\n---\n\n## Triage') // → 'rule: 58cbbe97-…'
 */
export function readFrontmatterBlock(text: string): string | undefined {
  const match = FRONTMATTER_BLOCK_RE.exec(text.replace(BYTE_ORDER_MARK_RE, ''));
  return match ? (match[1] ?? '') : undefined;
}

/**
 * A runbook: Markdown whose front matter names a rule.
 * @example isRunbookText('---\nrule: 58cbbe97-…\n---\n') // → true
 * @example isRunbookText('# Detections\n\nThe rules of the SOC.') // → false
 */
export function isRunbookText(text: string): boolean {
  const frontmatter = readFrontmatterBlock(text);
  return frontmatter !== undefined && RULE_KEY_RE.test(frontmatter);
}

import { ALERT_NAMES_FILE } from '../alert-names/alert-names-file.ts';

/**
 * A rule id that can be the folder of its permanent link `/r/<id>/`: lowercase letters and
 * digits, with `.`, `_` and `-` inside, at most 128 characters. Every GUID is one; so is
 * `pdq-network-1`. Anything else (a slash, a space, `..`) never becomes a folder name.
 * @example PERMALINK_ID_RE.test('pdq-network-1') // → true
 * @example PERMALINK_ID_RE.test('../etc') // → false
 */
export const PERMALINK_ID_RE = /^[0-9a-z](?:[0-9a-z._-]{0,126}[0-9a-z])?$/;

/**
 * Files in `r/` beside the rules' folders: the `/r/` page that resolves alert names, and the
 * names file it reads (src/alert-names/). No rule id may take their place.
 */
export const ALERT_LINK_FILES: readonly string[] = ['index.html', ALERT_NAMES_FILE];

/**
 * Whether a rule (its id lowercased by the rule schema) gets a permanent link.
 * @example hasPermalink('58cbbe97-f835-4677-9bee-203b1df29600') // → true
 * @example hasPermalink('pdq network') // → false
 */
export function hasPermalink(id: string): boolean {
  return PERMALINK_ID_RE.test(id) && !ALERT_LINK_FILES.includes(id);
}

import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import { NOTES_ID_PREFIX } from './rehype-shift-headings.ts';

/**
 * What a runbook body may hold once sanitised: what Markdown (with GFM) produces, and the few
 * HTML elements authors write in it (details/summary, kbd, sub/sup). It starts from
 * hast-util-sanitize's GitHub-like default and narrows it: a runbook author must not be able to
 * run script in a reader's browser, or make a link or form that does.
 *
 * - Elements not listed are replaced by their children; `script` and `style` go with their content.
 * - `href` takes http(s), mailto, relative paths and `#anchors`; `src` http(s) and relative paths.
 *   The protocol check is case-sensitive and reads the value as parsed (entities decoded, so
 *   `java&#x09;script:` is `java\tscript:`): `JaVaScRiPt:`, a tab inside or a space before all
 *   fail it, and `data:` and `vbscript:` are in no list.
 * - Author ids and names get the `notes-` prefix that heading ids have, so no runbook element
 *   can take an id the page or its scripts use (DOM clobbering); in-page links are rewritten to
 *   match (rehype-notes-fragment-links.ts).
 * - Task-list checkboxes stay: `input` is allowed only as a disabled checkbox in a list item,
 *   which submits nothing (there is no `form`) and runs nothing.
 */

/** Attributes that only mean something on a form, which a runbook cannot have. */
const FORM_ATTRIBUTES = new Set(['accept', 'acceptCharset', 'action', 'encType', 'method']);

const defaultAttributes = defaultSchema.attributes ?? {};

export const RUNBOOK_SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  strip: ['script', 'style'],
  ancestors: { ...defaultSchema.ancestors, input: ['li'] },
  attributes: {
    ...defaultAttributes,
    '*': (defaultAttributes['*'] ?? []).filter((name) => typeof name !== 'string' || !FORM_ATTRIBUTES.has(name)),
    // GFM table columns are aligned with `align` on their cells (mdast-util-to-hast); it is in
    // the default's `*` list too, named here so the table contract reads in one place.
    td: ['align'],
    th: ['align'],
  },
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
  },
  clobberPrefix: NOTES_ID_PREFIX,
};

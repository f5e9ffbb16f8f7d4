import { type RehypePlugins, rehypeShiki, type ShikiConfig } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import { HIGHLIGHT_THEMES, styleToClasses } from '../kql/highlight-classes.ts';
import { rehypeNotesFragmentLinks } from './rehype-notes-fragment-links.ts';
import { rehypeShiftHeadings } from './rehype-shift-headings.ts';
import { RUNBOOK_SANITIZE_SCHEMA } from './runbook-sanitize-schema.ts';

/** The `markdown` settings (src/schemas/site-config.ts) that change how a runbook body renders. */
export interface RunbookMarkdownSettings {
  allowHtml: boolean;
}

/** How Astro renders runbook bodies: astro.config.mjs passes these on, and tests render with them. */
export interface RunbookMarkdownOptions {
  smartypants: false;
  syntaxHighlight: false;
  rehypePlugins: RehypePlugins;
}

/**
 * Options of the Markdown pipeline for runbook bodies. No smartypants: triage notes quote command
 * lines and paths ("--silent-install", "C:\\Program Files"), which curly quotes and dashes would
 * corrupt when copied; it also halves the render time. Astro's own highlighting is off because
 * it runs before the configured plugins: code is highlighted in the plugin list instead, after
 * the sanitiser, which would strip Shiki's inline colours.
 * @example createMarkdownProcessor(toRunbookMarkdownOptions({ allowHtml: false }))
 */
export function toRunbookMarkdownOptions(settings: RunbookMarkdownSettings): RunbookMarkdownOptions {
  return { smartypants: false, syntaxHighlight: false, rehypePlugins: toRunbookRehypePlugins(settings) };
}

/**
 * Code in runbook bodies is highlighted with the queries' themes, its colours in classes that
 * the query stylesheet (/styles/kql.css) colours: the site's Content-Security-Policy allows no
 * inline `style` attribute.
 */
const RUNBOOK_SHIKI_CONFIG: ShikiConfig = {
  themes: { ...HIGHLIGHT_THEMES },
  defaultColor: false,
  // null: Astro writes no `overflow-x` style on the block; the site's stylesheet scrolls it.
  wrap: null,
  transformers: [styleToClasses()],
};

/**
 * The rehype plugins for runbook bodies. Astro parses raw HTML (rehype-raw) only after every
 * configured plugin, and the sanitiser drops HTML it has not parsed, details/summary included.
 * So by default the list parses it first, sanitises, then highlights code (in classes, see
 * RUNBOOK_SHIKI_CONFIG) and sets heading ids. With `allowHtml` the author's HTML is left as
 * written and Astro parses it at the end, as it always did.
 * @example toRunbookRehypePlugins({ allowHtml: false }) // → [rehypeRaw, [rehypeSanitize, schema], …]
 */
export function toRunbookRehypePlugins(settings: RunbookMarkdownSettings): RehypePlugins {
  const trusted: RehypePlugins = [[rehypeShiki, RUNBOOK_SHIKI_CONFIG], rehypeShiftHeadings, rehypeNotesFragmentLinks];
  if (settings.allowHtml) return trusted;
  return [rehypeRaw, [rehypeSanitize, RUNBOOK_SANITIZE_SCHEMA], ...trusted];
}

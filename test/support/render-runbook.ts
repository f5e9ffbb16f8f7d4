import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { type RunbookMarkdownSettings, toRunbookMarkdownOptions } from '../../src/integrations/runbook-markdown.ts';

const renderers = new Map<boolean, Promise<MarkdownRenderer>>();

/**
 * Renders a runbook body with Astro's Markdown processor and the options astro.config.mjs gives
 * it, so a test sees the HTML a rule page would show.
 * @example await renderRunbook('*x*') // → '<p><em>x</em></p>'
 */
export async function renderRunbook(markdown: string, settings: RunbookMarkdownSettings = { allowHtml: false }) {
  let renderer = renderers.get(settings.allowHtml);
  if (renderer === undefined) {
    renderer = createMarkdownProcessor(toRunbookMarkdownOptions(settings));
    renderers.set(settings.allowHtml, renderer);
  }
  return (await (await renderer).render(markdown)).code;
}

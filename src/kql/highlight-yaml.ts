/**
 * Build-time highlighting of a Sigma rule's YAML, in the block layout, themes and classes of the
 * KQL highlighter (highlight.ts): the same stylesheet (`pre.hl`) colours it, and it carries no
 * `style` attribute, which the Content-Security-Policy would block. Its own highlighter: only
 * pages need the YAML grammar, the query workers do not.
 */
import yamlLang from 'shiki/langs/yaml.mjs';
import { createLazyHighlighter, renderBlock } from './highlight.ts';

const yamlHighlighter = createLazyHighlighter(yamlLang);

/**
 * A YAML file as an accessible `<pre class="shiki … kql">` (the query block's layout: line
 * numbers, focus ring) whose colours are classes.
 * @example await highlightYaml('title: AnyDesk\n', 'Sigma rule') // → '<pre class="shiki … kql …" … aria-label="Sigma rule"><code>…'
 */
export async function highlightYaml(text: string, label: string): Promise<string> {
  const code = text
    .replace(/\r\n?/g, '\n')
    .replace(/^\uFEFF/, '')
    .replace(/\n$/, '');
  return renderBlock(await yamlHighlighter.get(), code, 'yaml', label);
}

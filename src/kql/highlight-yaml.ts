/**
 * Build-time highlighting of a Sigma rule's YAML, with the themes and class transformer of the
 * KQL highlighter (highlight-classes.ts): the same stylesheet (`pre.hl`) colours it, and it
 * carries no `style` attribute, which the Content-Security-Policy would block.
 */
import type { HighlighterCore } from 'shiki/core';
import { createHighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import yamlLang from 'shiki/langs/yaml.mjs';
import githubDark from 'shiki/themes/github-dark.mjs';
import githubLight from 'shiki/themes/github-light.mjs';
import { HIGHLIGHT_THEMES, styleToClasses, toGutterClass } from './highlight-classes.ts';

let highlighterPromise: Promise<HighlighterCore> | undefined;

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
  highlighterPromise ??= createHighlighterCore({
    engine: createJavaScriptRegexEngine(),
    langs: [yamlLang],
    themes: [githubLight, githubDark],
  }).catch((error: unknown) => {
    highlighterPromise = undefined;
    throw error;
  });
  const highlighter = await highlighterPromise;
  return highlighter.codeToHtml(code, {
    lang: 'yaml',
    themes: HIGHLIGHT_THEMES,
    defaultColor: false,
    tokenizeTimeLimit: 0,
    tabindex: 0,
    transformers: [
      {
        name: 'huntbook:yaml-block',
        pre(node) {
          this.addClassToHast(node, ['kql', toGutterClass(code.split('\n').length)]);
          node.properties['aria-label'] = label;
        },
      },
      styleToClasses(),
    ],
  });
}

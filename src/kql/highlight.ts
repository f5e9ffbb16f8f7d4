/**
 * Build-time syntax highlighting for KQL.
 *
 * Output contract for pages: the returned `<pre class="shiki … kql">` carries no colours and
 * no `style` attribute, only classes (highlight-classes.ts), so a page must link the stylesheet
 * of buildKqlThemeCss for the block to be coloured. That CSS switches themes with
 * `prefers-color-scheme` alone, so highlighting works with JavaScript disabled, and it draws
 * line numbers from CSS counters so copying the code never copies the numbers.
 */

import type { Element } from 'hast';
import type { HighlighterCore, LanguageRegistration, ShikiTransformer } from 'shiki/core';
import { createHighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import kusto from 'shiki/langs/kusto.mjs';
import githubDark from 'shiki/themes/github-dark.mjs';
import githubLight from 'shiki/themes/github-light.mjs';
import {
  HIGHLIGHT_THEMES,
  styleToClasses,
  type ThemeKey,
  type ThemePalette,
  toGutterClass,
  toPaletteCss,
} from './highlight-classes.ts';

const KQL_LANG = 'kusto';
const ARIA_LABEL = 'KQL query';
/** Extra class on the `<pre>` so page CSS can target query blocks without touching other Shiki output. */
export const KQL_BLOCK_CLASS = 'kql';
/** Class of a line that holds a syntax error, and of the note that follows its code. */
export const KQL_ERROR_LINE_CLASS = 'kql-error-line';
export const KQL_ERROR_NOTE_CLASS = 'kql-error-note';

/** A problem to mark on one line of the query, in the query's own numbering (1-based). */
export interface QueryLineMark {
  line: number;
  column: number;
  message: string;
}

const CRLF_RE = /\r\n/g;
const TRAILING_NEWLINE_RE = /\n$/;

/**
 * The part of the query stylesheet that does not depend on the themes' colours: which variable
 * colours the text in each scheme, a keyboard focus ring for the scrollable block, and
 * CSS-counter line numbers whose gutter width follows the `--kql-digits` variable each `<pre>`'s
 * gutter class sets. The second `content` declaration gives the numbers empty alt text so
 * screen readers skip them; browsers that lack that syntax drop it and keep the first.
 */
const KQL_LAYOUT_CSS = `
pre.hl {
  color-scheme: light;
  color: var(--shiki-light);
  background-color: var(--shiki-light-bg);
}
pre.hl span {
  color: var(--shiki-light);
  font-style: var(--shiki-light-font-style);
  font-weight: var(--shiki-light-font-weight);
  text-decoration: var(--shiki-light-text-decoration);
}
pre.kql {
  overflow-x: auto;
  padding: 1rem 1rem 1rem 0.5rem;
  tab-size: 4;
}
pre.kql:focus-visible {
  outline: 2px solid currentColor;
  outline-offset: 2px;
}
pre.kql code {
  counter-reset: kql-line;
}
pre.kql .line::before {
  counter-increment: kql-line;
  content: counter(kql-line);
  content: counter(kql-line) / "";
  display: inline-block;
  width: calc(var(--kql-digits, 2) * 1ch);
  margin-right: 2ch;
  text-align: right;
  color: #6e7781;
  user-select: none;
  -webkit-user-select: none;
}
pre.kql .line.kql-error-line {
  box-shadow: inset 3px 0 0 #cf222e;
}
pre.kql .line.kql-error-line::before {
  color: #cf222e;
  font-weight: bold;
}
pre.kql .kql-error-note {
  margin-left: 2ch;
  color: #cf222e;
  font-style: italic;
  user-select: none;
  -webkit-user-select: none;
}
@media (prefers-color-scheme: dark) {
  pre.kql .line.kql-error-line {
    box-shadow: inset 3px 0 0 #f85149;
  }
  pre.kql .line.kql-error-line::before {
    color: #ff7b72;
  }
  pre.kql .kql-error-note {
    color: #ff7b72;
  }
  pre.hl {
    color-scheme: dark;
    color: var(--shiki-dark);
    background-color: var(--shiki-dark-bg);
  }
  pre.hl span {
    color: var(--shiki-dark);
    font-style: var(--shiki-dark-font-style);
    font-weight: var(--shiki-dark-font-weight);
    text-decoration: var(--shiki-dark-text-decoration);
  }
  pre.kql .line::before {
    color: #8b949e;
  }
}
`;

/** A highlighter for one grammar with both themes, built on first use; a failed build is forgotten so a later call retries. */
export interface LazyHighlighter {
  get(): Promise<HighlighterCore>;
  /** Releases it; the next `get` builds a fresh one. */
  dispose(): Promise<void>;
}

/** @example const yaml = createLazyHighlighter(yamlLang); await yaml.get() */
export function createLazyHighlighter(lang: LanguageRegistration[]): LazyHighlighter {
  let pending: Promise<HighlighterCore> | undefined;
  return {
    get() {
      pending ??= createHighlighterCore({
        engine: createJavaScriptRegexEngine(),
        langs: [lang],
        themes: [githubLight, githubDark],
      }).catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
      return pending;
    },
    async dispose() {
      const built = pending;
      pending = undefined;
      (await built?.catch(() => undefined))?.dispose();
    },
  };
}

const kqlHighlighter = createLazyHighlighter(kusto);

/**
 * The stylesheet a page needs for highlightKql output: the layout rules and a rule for every
 * class the highlighter can write, from the themes' colours.
 * @example await buildKqlThemeCss() // → '\npre.hl {\n  color-scheme: light;…pre.hl .kl-d73a49{--shiki-light:#d73a49}…'
 */
export async function buildKqlThemeCss(): Promise<string> {
  const highlighter = await kqlHighlighter.get();
  const palettes = Object.entries(HIGHLIGHT_THEMES).map(([key, name]): ThemePalette => {
    const theme = highlighter.getTheme(name);
    const colours = theme.settings.flatMap((rule) => (rule.settings?.foreground ? [rule.settings.foreground] : []));
    return { key: key as ThemeKey, fg: theme.fg, bg: theme.bg, colours: [theme.fg, ...colours] };
  });
  return `${KQL_LAYOUT_CSS}${toPaletteCss(palettes)}`;
}

/**
 * Highlights a KQL query into an accessible, theme-switchable `<pre>` (see buildKqlThemeCss).
 * With `marks`, each marked line gets KQL_ERROR_LINE_CLASS and, after its code, a note in words
 * ("⚠ Syntax error at column 27: KS005 Expected: )"), so the mark does not rest on colour alone.
 * @example await highlightKql('T | where x > 1') // → '<pre class="shiki … kql" … tabindex="0" aria-label="KQL query"><code><span class="line">…'
 * @example await highlightKql('T | where (', [{ line: 1, column: 12, message: 'KS005 Expected: )' }]) // → '…<span class="line kql-error-line">…'
 */
export async function highlightKql(query: string, marks: readonly QueryLineMark[] = []): Promise<string> {
  const code = normaliseQuery(query);
  return renderBlock(
    await kqlHighlighter.get(),
    code,
    KQL_LANG,
    ARIA_LABEL,
    marks.length > 0 ? [markLines(marks)] : [],
  );
}

/**
 * One highlighted block in the query layout (`pre.kql`: line numbers, focus ring), labelled for
 * screen readers, its colours in classes; `extra` transformers run before the class transform.
 */
export function renderBlock(
  highlighter: HighlighterCore,
  code: string,
  lang: string,
  label: string,
  extra: readonly ShikiTransformer[] = [],
): string {
  return highlighter.codeToHtml(code, {
    lang,
    themes: HIGHLIGHT_THEMES,
    // No inline `color`: both themes live in variables (then classes), so CSS alone picks one.
    defaultColor: false,
    // Shiki stops tokenizing a line after 500 ms by default and leaves the rest in one colour.
    // On a busy machine a worker's first line (while the grammar's patterns compile) can take
    // that long, and the half-coloured HTML would be cached: the same code must always give
    // the same HTML.
    tokenizeTimeLimit: 0,
    tabindex: 0,
    transformers: [labelBlock(countLines(code), label), ...extra, styleToClasses()],
  });
}

/** Releases the shared highlighter; the next highlightKql call builds a fresh one. */
export function disposeHighlighter(): Promise<void> {
  return kqlHighlighter.dispose();
}

/**
 * Converts CRLF to LF and drops one trailing newline, which would otherwise become an empty numbered line.
 * @example normaliseQuery('a\r\nb\n') // → 'a\nb'
 */
export function normaliseQuery(query: string): string {
  return query.replace(CRLF_RE, '\n').replace(TRAILING_NEWLINE_RE, '');
}

function countLines(code: string): number {
  let lines = 1;
  for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** Adds the accessible name, the block class and the gutter width to the `<pre>`. */
function labelBlock(lineCount: number, label: string): ShikiTransformer {
  return {
    name: 'huntbook:block',
    pre(node) {
      this.addClassToHast(node, [KQL_BLOCK_CLASS, toGutterClass(lineCount)]);
      node.properties['aria-label'] = label;
    },
  };
}

/** Marks the lines that hold a problem: a class for the colour and a note in words. */
function markLines(marks: readonly QueryLineMark[]): ShikiTransformer {
  return {
    name: 'huntbook:kql-marks',
    line(node, line) {
      const here = marks.filter((mark) => mark.line === line);
      if (here.length === 0) return;
      this.addClassToHast(node, KQL_ERROR_LINE_CLASS);
      const text = here.map((mark) => `column ${mark.column}: ${mark.message}`).join('; ');
      const note: Element = {
        type: 'element',
        tagName: 'span',
        properties: { class: KQL_ERROR_NOTE_CLASS },
        children: [{ type: 'text', value: `⚠ Syntax error at ${text}` }],
      };
      node.children.push(note);
    },
  };
}

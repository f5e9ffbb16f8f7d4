/**
 * Highlighted queries carry classes, not `style` attributes: the site's Content-Security-Policy
 * allows no inline style attribute (that would need 'unsafe-inline' or 'unsafe-hashes' in
 * style-src), so every token colour Shiki writes as a CSS variable in `style` becomes a class,
 * and the stylesheet (`toPaletteCss`) sets the same variable for each class. A class name spells
 * its value (`kl-d73a49` is the light theme's #d73a49), so the same query always gives the same
 * HTML, whichever process highlighted it, and the stylesheet follows from the themes alone.
 */

import type { Element } from 'hast';
import type { ShikiTransformer } from 'shiki/core';

/** The themes of a highlighted block, by the name Shiki gives their CSS variables, and the class prefix of each. */
export const THEME_CLASS_PREFIXES = { light: 'kl', dark: 'kd' } as const;
export type ThemeKey = keyof typeof THEME_CLASS_PREFIXES;

/** The light and dark themes of every highlighted block: queries, and code in runbook bodies. */
export const HIGHLIGHT_THEMES = { light: 'github-light', dark: 'github-dark' } as const satisfies Record<
  ThemeKey,
  string
>;

/**
 * Plain declarations Shiki or Astro's highlighter may write on a token, each kept as a class of
 * its own (Astro marks the `+`/`-` of a diff line unselectable).
 */
const DECLARATION_CLASSES: Readonly<Record<string, string>> = { 'user-select:none': 'hl-unselectable' };

/** Font declarations Shiki writes for a token (from TextMate's italic, bold, underline, strikethrough). */
const FONT_DECLARATIONS: readonly (readonly [property: string, value: string])[] = [
  ['font-style', 'italic'],
  ['font-weight', 'bold'],
  ['text-decoration', 'underline'],
  ['text-decoration', 'line-through'],
  ['text-decoration', 'underline line-through'],
];

/**
 * Class of every block `styleToClasses` has rewritten, KQL queries and runbook code alike: the
 * colour rules of the stylesheet apply to it, and the query layout (line numbers) only to `pre.kql`.
 */
export const HIGHLIGHTED_BLOCK_CLASS = 'hl';

/** Gutter widths get a class each; 9 digits is far beyond any query the size limit lets through. */
export const MAX_GUTTER_DIGITS = 9;

const SHIKI_VARIABLE_RE = /^--shiki-(light|dark)(-bg|-font-style|-font-weight|-text-decoration)?$/;
const HEX_COLOUR_RE = /^#([0-9a-f]{3,8})$/;
const SPACES_RE = /\s+/g;

/** One theme's colours, as the stylesheet needs them. */
export interface ThemePalette {
  key: ThemeKey;
  /** Default text and background colours of the block. */
  fg: string;
  bg: string;
  /** Every foreground colour the theme's rules can give a token. */
  colours: readonly string[];
}

/**
 * The class that stands for one theme variable of a token.
 * @example toTokenClass('light', '', '#D73A49') // → 'kl-d73a49'
 * @example toTokenClass('dark', '-font-style', 'italic') // → 'kd-italic'
 */
export function toTokenClass(theme: ThemeKey, property: string, value: string): string {
  const prefix = THEME_CLASS_PREFIXES[theme];
  if (property === '') return `${prefix}-${toColourName(value)}`;
  return `${prefix}-${value.trim().replace(SPACES_RE, '-')}`;
}

/**
 * The class of a block's gutter width.
 * @example toGutterClass(123) // → 'kql-digits-3'
 */
export function toGutterClass(lineCount: number): string {
  return `kql-digits-${Math.min(String(lineCount).length, MAX_GUTTER_DIGITS)}`;
}

/**
 * Moves Shiki's `style` variables into classes: on each token, every variable becomes its class;
 * on the `<pre>`, the theme's default colours are dropped (the stylesheet sets them on `pre.hl`).
 * Anything else in a `style` is an error, so no inline style ever reaches a page unnoticed.
 */
export function styleToClasses(): ShikiTransformer {
  return {
    name: 'huntbook:style-to-classes',
    pre(node) {
      for (const [name] of readDeclarations(node.properties.style)) {
        if (!SHIKI_VARIABLE_RE.test(name)) throw new Error(`unexpected style "${name}" on a highlighted block`);
      }
      delete node.properties.style;
      this.addClassToHast(node, HIGHLIGHTED_BLOCK_CLASS);
    },
    span(node) {
      moveStyleToClasses(node, (name) => this.addClassToHast(node, name));
    },
    // Transformers before this one may add styled spans to a line after its tokens are made.
    line(node) {
      const visit = (element: Element) => {
        for (const child of element.children) {
          if (child.type !== 'element') continue;
          if (child.properties.style !== undefined)
            moveStyleToClasses(child, (name) => this.addClassToHast(child, name));
          visit(child);
        }
      };
      visit(node);
    },
  };
}

function moveStyleToClasses(node: Element, addClass: (name: string) => void): void {
  for (const [name, value] of readDeclarations(node.properties.style)) {
    const plain = DECLARATION_CLASSES[`${name}:${value}`];
    if (plain) {
      addClass(plain);
      continue;
    }
    const match = SHIKI_VARIABLE_RE.exec(name);
    if (!match || match[2] === '-bg') throw new Error(`unexpected style "${name}" on a highlighted token`);
    addClass(toTokenClass(match[1] as ThemeKey, match[2] ?? '', value));
  }
  delete node.properties.style;
}

/**
 * The stylesheet rules for the classes `styleToClasses` writes: each theme's default colours on
 * the block, one rule per colour and font declaration of each theme, and the gutter widths.
 * @example toPaletteCss([{ key: 'light', fg: '#24292e', bg: '#fff', colours: ['#d73a49'] }]) // → 'pre.hl{--shiki-light:#24292e;--shiki-light-bg:#fff}\npre.hl .kl-d73a49{--shiki-light:#d73a49}\n…'
 */
export function toPaletteCss(palettes: readonly ThemePalette[]): string {
  const rules: string[] = [];
  const defaults = palettes.map(({ key, fg, bg }) => `--shiki-${key}:${fg};--shiki-${key}-bg:${bg}`);
  rules.push(`pre.${HIGHLIGHTED_BLOCK_CLASS}{${defaults.join(';')}}`);
  for (const { key, colours } of palettes) {
    const names = new Set(colours.map(toColourName));
    for (const name of [...names].sort())
      rules.push(`pre.${HIGHLIGHTED_BLOCK_CLASS} .${toTokenClass(key, '', `#${name}`)}{--shiki-${key}:#${name}}`);
    for (const [property, value] of FONT_DECLARATIONS) {
      rules.push(
        `pre.${HIGHLIGHTED_BLOCK_CLASS} .${toTokenClass(key, `-${property}`, value)}{--shiki-${key}-${property}:${value}}`,
      );
    }
  }
  for (const [declaration, name] of Object.entries(DECLARATION_CLASSES)) {
    rules.push(`pre.${HIGHLIGHTED_BLOCK_CLASS} .${name}{${declaration}}`);
  }
  for (let digits = 1; digits <= MAX_GUTTER_DIGITS; digits++) {
    rules.push(`pre.kql.${toGutterClass(10 ** (digits - 1))}{--kql-digits:${digits}}`);
  }
  return `${rules.join('\n')}\n`;
}

function toColourName(colour: string): string {
  const name = HEX_COLOUR_RE.exec(colour.trim().toLowerCase())?.[1];
  if (name === undefined) throw new Error(`"${colour}" is not a hex colour`);
  return name;
}

function readDeclarations(style: unknown): [name: string, value: string][] {
  if (typeof style !== 'string') return [];
  return style
    .split(';')
    .map((declaration) => declaration.trim())
    .filter((declaration) => declaration !== '')
    .map((declaration) => {
      const colon = declaration.indexOf(':');
      return [declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim()];
    });
}

/**
 * The site's Content-Security-Policy, one definition for both places that write it: Astro's
 * `security.csp` (astro.config.mjs), which hashes the scripts and styles it bundles and puts the
 * meta tag into every page it renders, and the pages Huntbook writes itself (the `/r/<id>/`
 * redirects), which call `renderCspMeta` with their own inline styles.
 *
 * What it allows, and why:
 * - scripts and stylesheets from the site itself, and inline ones only by hash: no
 *   'unsafe-inline', so an inline event handler or a `<script>` in a runbook never runs;
 * - no 'wasm-unsafe-eval': Pagefind compiles its WebAssembly in its own worker
 *   (`pagefind/pagefind-worker.js`, from the site), which a page's meta policy does not govern;
 * - images from the site, any https: address (runbooks show screenshots kept elsewhere) and
 *   data: URLs (Pagefind's stylesheet draws its icons with them; an image cannot run script);
 * - no plugins (`object-src 'none'`), no `<base>` pointing elsewhere, forms sent only to the site.
 * `frame-ancestors` cannot be set from a meta tag; a server that must forbid framing sets it as
 * a header.
 */
import { createHash } from 'node:crypto';
import type { AstroUserConfig } from 'astro';

/** Directives besides script-src and style-src, which Astro writes with its hashes. */
export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "img-src 'self' https: data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];
export const CSP_SCRIPT_SOURCES: readonly string[] = ["'self'"];
export const CSP_STYLE_SOURCES: readonly string[] = ["'self'"];

/** Astro's `security.csp` option. */
type AstroCspOptions = Exclude<NonNullable<NonNullable<AstroUserConfig['security']>['csp']>, boolean>;
type AstroCspDirective = NonNullable<AstroCspOptions['directives']>[number];

/**
 * Astro's `security.csp` setting for the policy.
 * @example defineConfig({ security: { csp: toAstroCsp() } })
 */
export function toAstroCsp(): AstroCspOptions {
  return {
    algorithm: 'SHA-256',
    // Astro's type names the directives it knows; ours are among them (its schema checks at startup).
    directives: CSP_DIRECTIVES.map((directive) => directive as AstroCspDirective),
    scriptDirective: { resources: [...CSP_SCRIPT_SOURCES] },
    styleDirective: { resources: [...CSP_STYLE_SOURCES] },
  };
}

/**
 * The CSP source expression of an inline script or style: its SHA-256, as browsers compute it
 * over the element's text.
 * @example toCspHash('body{margin:0}') // → "'sha256-…='"
 */
export function toCspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The policy's text for a page with these inline scripts and styles, in the shape Astro writes.
 * @example toCspContent({ styles: ['body{margin:0}'] }) // → "default-src 'self';…;script-src 'self'; style-src 'self' 'sha256-…';"
 */
export function toCspContent(inline: { scripts?: readonly string[]; styles?: readonly string[] } = {}): string {
  const scriptSrc = [...CSP_SCRIPT_SOURCES, ...(inline.scripts ?? []).map(toCspHash)];
  const styleSrc = [...CSP_STYLE_SOURCES, ...(inline.styles ?? []).map(toCspHash)];
  return `${CSP_DIRECTIVES.join(';')}; script-src ${scriptSrc.join(' ')}; style-src ${styleSrc.join(' ')};`;
}

/**
 * The meta tag of a page Huntbook writes without Astro; it goes first in the head, after the charset.
 * @example renderCspMeta({ styles: ['body{margin:0}'] }) // → `<meta http-equiv="content-security-policy" content="default-src 'self';…">`
 */
export function renderCspMeta(inline: { scripts?: readonly string[]; styles?: readonly string[] } = {}): string {
  return `<meta http-equiv="content-security-policy" content="${toCspContent(inline)}">`;
}

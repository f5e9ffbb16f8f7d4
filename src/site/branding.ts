/**
 * The branding settings as pages show them and as the build copies them: the logo and the
 * stylesheet get fixed names in the site (`_huntbook/logo.svg`, `_huntbook/custom.css`), so a
 * page's HTML depends only on the settings, which every page's cache key covers; an edited
 * stylesheet is copied again by every build without any page being rendered again.
 */
import { extname } from 'node:path';
import type { SiteConfig } from '../schemas/site-config.ts';
import { joinBase } from './routes.ts';

/** The site folder Huntbook's own files from the settings are copied into. */
export const BRANDING_DIR = '_huntbook';
const HTTP_HREF_RE = /^https?:/i;

/** A file of the settings copied into the site. */
export interface BrandingFile {
  /** The file named in the settings, absolute. */
  source: string;
  /** Its path in the site, relative to the base, e.g. `_huntbook/logo.svg`. */
  file: string;
}

export interface BrandingView {
  logo?: { src: string; alt: string };
  nav: { label: string; href: string }[];
  footer?: string;
  /** The stylesheet's address, linked after Huntbook's own. */
  css?: string;
}

/**
 * The files the branding copies into the site.
 * @example listBrandingFiles({ nav: [], logo: '/repo/assets/Logo.PNG' }) // → [{ source: '/repo/assets/Logo.PNG', file: '_huntbook/logo.png' }]
 */
export function listBrandingFiles(branding: SiteConfig['branding']): BrandingFile[] {
  return [
    ...(branding.logo
      ? [{ source: branding.logo, file: `${BRANDING_DIR}/logo${extname(branding.logo).toLowerCase()}` }]
      : []),
    ...(branding.css ? [{ source: branding.css, file: `${BRANDING_DIR}/custom.css` }] : []),
  ];
}

/**
 * What the layout renders: addresses under the base, the logo's alt text from the site title.
 * @example toBrandingView({ nav: [{ label: 'FAQ', href: 'faq/' }] }, '/soc/', 'SOC Wiki').nav[0].href // → '/soc/faq/'
 */
export function toBrandingView(branding: SiteConfig['branding'], base: string, title: string): BrandingView {
  const files = listBrandingFiles(branding);
  const addressOf = (source: string | undefined) => {
    const file = files.find((candidate) => candidate.source === source)?.file;
    return file === undefined ? undefined : joinBase(base, file);
  };
  const logo = addressOf(branding.logo);
  const css = addressOf(branding.css);
  return {
    ...(logo ? { logo: { src: logo, alt: `${title} logo` } } : {}),
    nav: branding.nav.map(({ label, href }) => ({ label, href: toNavHref(href, base) })),
    ...(branding.footer ? { footer: branding.footer } : {}),
    ...(css ? { css } : {}),
  };
}

/**
 * A navigation link's address: an http(s) address or a path from the host's root as written,
 * any other path taken from the site's base, so it leads to the same place from every page.
 * @example toNavHref('faq/', '/soc/') // → '/soc/faq/'
 * @example toNavHref('/status/', '/soc/') // → '/status/'
 */
export function toNavHref(href: string, base: string): string {
  if (HTTP_HREF_RE.test(href) || href.startsWith('/')) return href;
  return joinBase(base, href);
}

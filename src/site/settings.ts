import { loadSiteConfig } from '../loaders/site-config.ts';
import { toBrandingView } from './branding.ts';
import { createRoutes } from './routes.ts';

/** Site settings, read once per build. */
export const siteConfig = loadSiteConfig();

/**
 * Every route of the site under the configured base, e.g. `routes.rule('pdq')` → `/soc/rules/pdq/`.
 * Built from the same settings as astro.config.mjs, because `import.meta.env.BASE_URL` is not
 * the configured base in prerendered page code.
 */
export const routes = createRoutes(siteConfig.base);

/**
 * The routes as written into exports that leave the site (Navigator layers, the rules API):
 * absolute when `site` is configured, so links work from other tools; else paths under the base.
 */
export const exportRoutes = createRoutes(siteConfig.base, siteConfig.site);

/** The logo, extra navigation links, footer text and stylesheet from the settings, as the layout shows them. */
export const branding = toBrandingView(siteConfig.branding, siteConfig.base, siteConfig.title);

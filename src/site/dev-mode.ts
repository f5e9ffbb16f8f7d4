/**
 * True while pages render in `astro dev`, false in a build. Set by the dev-server integration
 * (src/integrations/dev-server.ts) from the Astro command: `import.meta.env.DEV` cannot tell,
 * because it is true while a build prerenders its pages too.
 */
export const IS_DEV_SERVER: boolean = import.meta.env.HUNTBOOK_DEV_SERVER === true;

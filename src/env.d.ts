interface ImportMetaEnv {
  /** True in `astro dev`, false in a build; set by src/integrations/dev-server.ts, undefined outside Astro (tests). */
  readonly HUNTBOOK_DEV_SERVER?: boolean;
}

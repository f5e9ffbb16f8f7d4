import { digest } from './digest.ts';

/**
 * Keys for Astro's incremental build, which reuses a page from the previous build when the
 * page's code is unchanged (Astro checks that itself) and its `cacheKey` is too. A page here
 * renders nothing but its props and site-wide inputs (settings, the ATT&CK extract), so a digest
 * of the two changes whenever the page could. What a page reads from elsewhere must be in its
 * props by digest: a rule page renders its runbook's body from the content store, so the rule
 * view carries that entry's digest.
 *
 * Objects given as `shared` (rule views, which tool and technique pages repeat by the thousand)
 * are digested once and stand in by their digest wherever they recur. Maps and Sets are spelled
 * out, since plain JSON writes every one as `{}` and an edit inside one would keep a stale page.
 * @example const keyOf = createPageCacheKeys(siteDigest, model.rules); keyOf({ rule }) // → '5d41402a…'
 */
export function createPageCacheKeys(siteDigest: string, shared: Iterable<object> = []): (props: unknown) => string {
  const sharedObjects = new Set<unknown>(shared);
  const digests = new Map<unknown, string>();

  const digestOf = (root: unknown): string => {
    const known = digests.get(root);
    if (known !== undefined) return known;
    const json = JSON.stringify(root, (_key, value: unknown) => {
      if (value !== root && sharedObjects.has(value)) return `<shared ${digestOf(value)}>`;
      if (value instanceof Map) return { '<Map>': [...value.entries()] };
      if (value instanceof Set) return { '<Set>': [...value.values()] };
      return value;
    });
    const pageDigest = digest(siteDigest, json ?? '');
    if (sharedObjects.has(root)) digests.set(root, pageDigest);
    return pageDigest;
  };
  return digestOf;
}

/**
 * A digest of the site-wide inputs every page may show: pass each input's text or bytes.
 * @example toSiteDigest([JSON.stringify(settings), readFileSync(extractPath)])
 */
export function toSiteDigest(inputs: readonly (string | Uint8Array)[]): string {
  return digest(...inputs);
}

/**
 * Settings that say where things are read and written, not what a page shows. `sourceRoot` is
 * one of them: pages show paths relative to it and links made from it, and both are in the
 * props (the rule view's `file` and `sourceUrl`), so a checkout in another folder reuses pages.
 */
const PLACE_SETTINGS = [
  'configFile',
  'outDir',
  'outDirOrigin',
  'cacheDir',
  'emptyOutDir',
  'content',
  'sourceRoot',
] as const;

/**
 * The settings as a page may show them, for the site digest: without the output, cache and
 * content locations (the content itself is in each page's props), so a build into another
 * folder, or with the settings file moved, still reuses every unchanged page.
 * @example toPageSettings({ title: 'SOC', outDir: '/repo/dist' }) // → { title: 'SOC' }
 */
export function toPageSettings(config: object): Record<string, unknown> {
  const settings: Record<string, unknown> = { ...config };
  for (const key of PLACE_SETTINGS) delete settings[key];
  return settings;
}

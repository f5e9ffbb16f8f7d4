import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseSearchManifest, SEARCH_MANIFEST_FILE } from '../../src/search/client.ts';

/** Pagefind fragments are gzipped JSON behind this signature. */
const FRAGMENT_SIGNATURE = 'pagefind_dcd';

/** A built site's search bundles: the primary (`''`) first, then the ones its manifest lists. */
export function listBundles(outDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outDir, 'pagefind', SEARCH_MANIFEST_FILE), 'utf8'));
  return ['', ...parseSearchManifest(manifest).bundles];
}

/** The indexed pages of one bundle, as Pagefind stored them: URL and text. */
export function readBundlePages(outDir: string, bundle: string): { url: string; content: string }[] {
  const dir = join(outDir, 'pagefind', bundle, 'fragment');
  return readdirSync(dir)
    .map((name) => gunzipSync(readFileSync(join(dir, name))).toString('utf8'))
    .map((text) => JSON.parse(text.slice(FRAGMENT_SIGNATURE.length)) as { url: string; content: string })
    .map(({ url, content }) => ({ url, content }))
    .sort((a, b) => (a.url < b.url ? -1 : 1));
}

/** The bundle that indexed a URL, e.g. `shards/rules-1/`; undefined when none did. */
export function findBundleOf(outDir: string, url: string): string | undefined {
  return listBundles(outDir).find((bundle) => readBundlePages(outDir, bundle).some((page) => page.url === url));
}

/** SHA-256 of each file under a folder, by relative path; to compare folders byte for byte. */
export function hashFolder(dir: string): Map<string, string> {
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort()
      .map((file) => [file.slice(dir.length + 1), createHash('sha256').update(readFileSync(file)).digest('hex')]),
  );
}

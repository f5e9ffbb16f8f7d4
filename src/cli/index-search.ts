// The search step of the build: `huntbook build` runs it after Astro, and it can be run by hand
// after `astro build`, when it indexes the site named by HUNTBOOK_OUT_DIR (default dist/) with
// the settings' cache folder and shard size, then writes the output folder's manifest.
import { loadSiteConfig } from '../loaders/site-config.ts';
import { recordBuildOutput } from '../output/output-folder-fs.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { indexSite } from '../search/index-site.ts';
import { isRunDirectly } from './run-directly.ts';

/** Indexes the built site into `<outDir>/pagefind/`, logging progress and a closing line. */
export async function indexBuiltSite(config: SiteConfig, log: (line: string) => void): Promise<void> {
  log(`[search] Indexing ${config.outDir}`);
  const { pages, seconds, shards } = await indexSite({
    outDir: config.outDir,
    cacheDir: config.cacheDir,
    shardPages: config.search.shardPages,
    log,
  });
  const reused = shards.filter((shard) => shard.reused).length;
  log(
    `[search] Indexed ${pages} pages in ${seconds.toFixed(2)}s ` +
      `(${shards.length} shards: ${shards.length - reused} indexed, ${reused} reused from the cache)`,
  );
}

if (isRunDirectly(import.meta.url)) {
  Promise.resolve()
    .then(async () => {
      const config = loadSiteConfig();
      await indexBuiltSite(config, console.log);
      recordBuildOutput(config.outDir);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}

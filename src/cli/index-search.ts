// The search step of the build (`npm run build` runs it after `astro build`): indexes the built
// site named by HUNTBOOK_OUT_DIR (default dist/) with the settings' cache folder and shard size.
import { loadSiteConfig } from '../loaders/site-config.ts';
import { indexSite } from '../search/index-site.ts';
import { isRunDirectly } from './run-directly.ts';

if (isRunDirectly(import.meta.url)) {
  Promise.resolve()
    .then(() => {
      const config = loadSiteConfig();
      console.log(`[search] Indexing ${config.outDir}`);
      return indexSite({
        outDir: config.outDir,
        cacheDir: config.cacheDir,
        shardPages: config.search.shardPages,
        log: console.log,
      });
    })
    .then(({ pages, seconds, shards }) => {
      const reused = shards.filter((shard) => shard.reused).length;
      console.log(
        `[search] Indexed ${pages} pages in ${seconds.toFixed(2)}s ` +
          `(${shards.length} shards: ${shards.length - reused} indexed, ${reused} reused from the cache)`,
      );
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    });
}

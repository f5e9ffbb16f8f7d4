// The search step of the build, for running after `astro build` by hand: indexes the built site
// named by HUNTBOOK_OUT_DIR (default dist/) with the settings' cache folder and shard size, then
// writes the output folder's manifest, as `huntbook build` does when it is done.
import { loadSiteConfig } from '../loaders/site-config.ts';
import { recordBuildOutput } from '../output/output-folder-fs.ts';
import { indexSite } from '../search/index-site.ts';
import { isRunDirectly } from './run-directly.ts';

async function indexBuiltSite(): Promise<void> {
  const config = loadSiteConfig();
  console.log(`[search] Indexing ${config.outDir}`);
  const { pages, seconds, shards } = await indexSite({
    outDir: config.outDir,
    cacheDir: config.cacheDir,
    shardPages: config.search.shardPages,
    log: console.log,
  });
  recordBuildOutput(config.outDir);
  const reused = shards.filter((shard) => shard.reused).length;
  console.log(
    `[search] Indexed ${pages} pages in ${seconds.toFixed(2)}s ` +
      `(${shards.length} shards: ${shards.length - reused} indexed, ${reused} reused from the cache)`,
  );
}

if (isRunDirectly(import.meta.url)) {
  indexBuiltSite().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lookUpValue } from '../src/lookup/lookup.ts';
import {
  decodeShard,
  LOOKUP_SHARD_EXTENSION,
  type LookupShard,
  parseLookupManifest,
} from '../src/lookup/lookup-format.ts';
import { isPagefindIndexFile, type LookupFigures } from './lookup-figures.ts';

/** What an analyst pastes: each kind the lookup normalises, and values the corpus does not hold. */
const FIXED_QUERIES = [
  'relay-3e5a6b8c.net.anydesk.com',
  'https://app.pdq.com/login',
  'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe',
  'philandro Software GmbH',
  '10.20.30.40',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Classes\\AnyDesk',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'nothing-matches.example.invalid',
];

/** Runs of each query; its median counts, so one pause of a shared machine does not. */
const RUNS = 5;

/**
 * Measures the built site's lookup index: its size, Pagefind's, and each query's time. Every
 * run starts with no shard loaded, so its time includes reading, unpacking and parsing the
 * shards it needs with the browser's code, as a first search does (without the download).
 */
export async function measureLookup(siteDir: string): Promise<LookupFigures> {
  const lookupDir = join(siteDir, 'lookup');
  const manifest = parseLookupManifest(JSON.parse(readFileSync(join(lookupDir, 'manifest.json'), 'utf8')));
  const readShard = (shard: number): Promise<LookupShard> =>
    decodeShard(readFileSync(join(lookupDir, `${shard}.${LOOKUP_SHARD_EXTENSION}`)));
  const queries = [...FIXED_QUERIES, ...sampleRuleIds(await readShard(0))];
  const lookups: LookupFigures['lookups'] = [];
  for (const query of queries) {
    const times: number[] = [];
    let found: Awaited<ReturnType<typeof lookUpValue>> | undefined;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      found = await lookUpValue(query, manifest, readShard);
      times.push(performance.now() - started);
    }
    lookups.push({
      query,
      milliseconds: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number,
      rules: found?.rules.length ?? 0,
      tools: found?.tools.length ?? 0,
    });
  }
  return {
    lookupBytes: sumFileSizes(lookupDir, () => true),
    pagefindIndexBytes: sumFileSizes(join(siteDir, 'pagefind'), isPagefindIndexFile),
    shards: manifest.shards,
    lookups,
  };
}

/** Two rule ids from the index, in capitals and in braces, as alerts and ticket systems write them. */
function sampleRuleIds(shard: LookupShard): string[] {
  const ids = Object.keys(shard.keys).filter((key) => /^[0-9a-f]{8}-/.test(key));
  return ids.slice(0, 2).map((id, index) => (index === 0 ? id.toUpperCase() : `{${id}}`));
}

function sumFileSizes(dir: string, counts: (path: string) => boolean): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (counts(relative(dir, path))) total += statSync(path).size;
  }
  return total;
}

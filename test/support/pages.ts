import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CheerioAPI, load } from 'cheerio';

/** Loads `<outDir>/<path>/index.html` for assertions. */
export function readPage(outDir: string, path: string): CheerioAPI {
  return load(readFileSync(join(outDir, path, 'index.html'), 'utf8'));
}

/** A tool page's coverage table as `Telemetry: status` lines. */
export function readCoverageStatus($: CheerioAPI): string[] {
  return $('section:has(#coverage) tbody tr')
    .map((_, tr) => `${$(tr).find('th').text()}: ${$(tr).find('td').first().text()}`)
    .get();
}

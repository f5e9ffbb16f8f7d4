import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BuildResult, buildSite, PROJECT_ROOT } from '../support/build-site.ts';

/** About 1.5 MB: over the default kql.maxQueryBytes (1 MiB), far under what the raised limit allows. */
const QUERY_LINES = 17_000;
const RAISED_LIMIT = '2000000';

/** A rule whose query is written at test time, with text that must come out escaped. */
function writeLargeRule(dir: string): { query: string } {
  const lines = ['DeviceNetworkEvents'];
  for (let index = 0; index < QUERY_LINES; index++) {
    lines.push(
      `| where InitiatingProcessFileName != "<b>tool${index}</b>.exe" and RemoteUrl !has 'host${index}.example'`,
    );
  }
  const query = `${lines.join('\n')}\n`;
  const text = [
    'id: 4d7e2a10-3b1c-4f5e-9a8b-7c6d5e4f3a21',
    'name: Oversized hunting query',
    'tactics: CommandAndControl',
    'relevantTechniques: T1219',
    'query: |',
    query.replace(/^(?=.)/gm, '  '),
  ].join('\n');
  mkdirSync(join(dir, 'rules'), { recursive: true });
  writeFileSync(join(dir, 'rules', 'large.yaml'), text);
  return { query };
}

/**
 * Checks which texts a page holds and which it does not, all at once: the page is megabytes,
 * too large to print in a failed assertion, so the failure lists the texts instead.
 */
function expectTexts(page: string, { shown, absent }: { shown: readonly string[]; absent: readonly string[] }): void {
  const holds = (texts: readonly string[]) => Object.fromEntries(texts.map((text) => [text, page.includes(text)]));
  const all = (texts: readonly string[], value: boolean) => Object.fromEntries(texts.map((text) => [text, value]));
  expect({ shown: holds(shown), absent: holds(absent) }).toEqual({
    shown: all(shown, true),
    absent: all(absent, false),
  });
}

function readRulePage(outDir: string): string {
  const [slug] = readdirSync(join(outDir, 'rules'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return readFileSync(join(outDir, 'rules', slug as string, 'index.html'), 'utf8');
}

describe('a query over kql.maxQueryBytes', () => {
  let plain: BuildResult;
  let raised: BuildResult;
  let query: string;

  beforeAll(async () => {
    const work = mkdtempSync(join(PROJECT_ROOT, '.huntbook', 'test-builds', 'large-query-'));
    ({ query } = writeLargeRule(work));
    // One cache for both builds: raising the limit must not serve the plain page again.
    const env = { HUNTBOOK_CACHE_DIR: join(work, 'cache') };
    plain = await buildSite({ name: 'large-query', rules: join(work, 'rules'), env });
    raised = await buildSite({
      name: 'large-query-raised',
      rules: join(work, 'rules'),
      env: { ...env, HUNTBOOK_KQL_MAX_QUERY_BYTES: RAISED_LIMIT },
    });
  }, 300_000);

  test('is published as plain, escaped text with a warning at its query line', () => {
    expect(plain.code, plain.output).toBe(0);
    const bytes = Buffer.byteLength(query).toLocaleString('en-US');
    expect(plain.output).toContain(
      `large.yaml:5:1 query: the query is ${bytes} bytes, over the limit of 1,048,576 (kql.maxQueryBytes): published as plain text, without highlighting, syntax check, analysis, tool matching or a hunting link`,
    );
    const page = readRulePage(plain.outDir);
    expectTexts(page, {
      shown: [
        '<pre class="kql-plain"><code>DeviceNetworkEvents\n| where InitiatingProcessFileName',
        '&lt;b&gt;tool16999&lt;/b&gt;.exe',
        // Said above the query, and in the page's problems.
        `<p class="notice">The query is ${bytes} bytes, over the limit of 1,048,576`,
        'data-code="query-too-large"',
      ],
      absent: ['<b>tool', 'class="shiki', 'data-copy=', 'security.microsoft.com'],
    });
    // The query is on the page once, not once more per token.
    expect(page.length).toBeLessThan(3 * query.length);
  });

  test('with the limit raised, the same cache gives the highlighted page', () => {
    expect(raised.code, raised.output).toBe(0);
    expect(raised.output).not.toContain('query-too-large');
    expect(raised.output).not.toContain('kql.maxQueryBytes');
    const page = readRulePage(raised.outDir);
    expectTexts(page, { shown: ['class="shiki', 'data-copy=', 'security.microsoft.com'], absent: ['kql-plain'] });
  });
});

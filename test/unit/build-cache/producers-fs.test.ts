import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ATTACK_EXTRACT_PATHS } from '../../../src/attack/attack-fs.ts';
import {
  KQL_ANALYSIS,
  KQL_HIGHLIGHT,
  PRODUCERS,
  type Producer,
  RULE_PARSE,
  RUNBOOK_MARKDOWN,
  SEARCH_SHARD,
} from '../../../src/build-cache/producers.ts';
import {
  digestProjectFiles,
  listProducerSources,
  listSourceFiles,
  readInstalledVersion,
  readProducerDigest,
} from '../../../src/build-cache/producers-fs.ts';

test('reads installed versions, also of packages that do not export their package.json', () => {
  expect(readInstalledVersion('pagefind')).toMatch(/^\d+\.\d+\.\d+/);
  expect(readInstalledVersion('shiki')).toMatch(/^\d+\.\d+\.\d+/);
  expect(readInstalledVersion('no-such-package-huntbook')).toBeUndefined();
});

test('a digest of project files changes with the files it names, and a missing file still counts', () => {
  const schemas = listSourceFiles('src/schemas');
  expect(schemas).toContain('src/schemas/rule.ts');
  expect(digestProjectFiles(schemas)).toBe(digestProjectFiles(schemas));
  expect(digestProjectFiles(schemas)).not.toBe(digestProjectFiles(schemas.slice(1)));
  expect(digestProjectFiles(['missing-a.ts'])).not.toBe(digestProjectFiles(['missing-b.ts']));
  expect(listSourceFiles('no-such-folder')).toEqual([]);
});

test('folders are listed recursively, and a single file as itself', () => {
  expect(listSourceFiles('src')).toEqual(expect.arrayContaining(['src/kql/analysis.ts', 'src/search/client.ts']));
  expect(listSourceFiles('astro.config.mjs')).toEqual(['astro.config.mjs']);
});

test('the highlighter covers the Shiki release and the highlighter source; the rule parser the ATT&CK extract', () => {
  expect(KQL_HIGHLIGHT.packages).toContain('shiki');
  expect(listProducerSources(KQL_HIGHLIGHT)).toContain('src/kql/highlight.ts');
  expect(RULE_PARSE.dataFiles?.map((file) => join(process.cwd(), file))).toEqual(ATTACK_EXTRACT_PATHS);
  for (const producer of PRODUCERS) {
    for (const name of producer.packages) expect(readInstalledVersion(name), `${producer.name}: ${name}`).toBeDefined();
  }
});

/**
 * The modules each producer's items come from: every project module they import at run time
 * (type imports aside) must be among the producer's sources, or an edit to it would serve stale items.
 */
const PRODUCER_ENTRIES: [Producer, string[]][] = [
  [
    RULE_PARSE,
    [
      'src/loaders/sentinel-yaml.ts',
      'src/loaders/content-fs.ts',
      'src/checks/validate-rule.ts',
      'src/attack/attack-fs.ts',
    ],
  ],
  [KQL_ANALYSIS, ['src/kql/analysis.ts', 'src/kql/query-work.ts', 'src/kql/query-worker.ts']],
  [KQL_HIGHLIGHT, ['src/kql/highlight.ts', 'src/kql/query-worker.ts']],
  [RUNBOOK_MARKDOWN, ['src/integrations/runbook-markdown.ts']],
  [SEARCH_SHARD, ['src/search/index-site.ts', 'src/search/shard-worker.ts']],
];
const RUNTIME_IMPORT_RE = /^import\s+(?!type\s)[^'";]*?from\s+'(\.[^']+)'|import\('(\.[^']+)'\)/gm;

function listRuntimeImports(entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(RUNTIME_IMPORT_RE)) {
      pending.push(posix.join(posix.dirname(file), (match[1] ?? match[2]) as string));
    }
  }
  return seen;
}

test.each(PRODUCER_ENTRIES)('$name lists every module its code imports', (producer, entries) => {
  const sources = new Set(listProducerSources(producer));
  const missing = [...listRuntimeImports(entries)].filter((file) => !sources.has(file));
  expect(missing).toEqual([]);
});

describe('item keys follow the code that produces them', () => {
  let root: string;
  /** A few files of each concept folder, enough to see which producer digests an edit touches. */
  const FILES = [
    'package.json',
    'astro.config.mjs',
    'content/attack/enterprise-attack.json',
    'src/build-cache/store.ts',
    'src/loaders/read-rules.ts',
    'src/checks/validate-rule.ts',
    'src/kql/analysis.ts',
    'src/kql/highlight.ts',
    'src/integrations/rehype-shift-headings.ts',
    'src/model/slug.ts',
    'src/model/site-model.ts',
    'src/search/client.ts',
    'src/search/write-shard.ts',
    'src/site/data.ts',
  ];
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'huntbook-producers-'));
    for (const file of FILES) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), `// ${file}\n`);
    }
    // Installed versions are read through the project's package.json.
    cpSync('package.json', join(root, 'package.json'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const digestAll = () => new Map(PRODUCERS.map((producer) => [producer.name, readProducerDigest(producer, root)]));

  test.each([
    { edited: 'src/search/client.ts', changes: [SEARCH_SHARD] },
    { edited: 'src/search/write-shard.ts', changes: [SEARCH_SHARD] },
    { edited: 'src/kql/analysis.ts', changes: [KQL_ANALYSIS, KQL_HIGHLIGHT] },
    { edited: 'src/loaders/read-rules.ts', changes: [RULE_PARSE] },
    { edited: 'src/checks/validate-rule.ts', changes: [RULE_PARSE] },
    { edited: 'content/attack/enterprise-attack.json', changes: [RULE_PARSE] },
    { edited: 'src/integrations/rehype-shift-headings.ts', changes: [RUNBOOK_MARKDOWN] },
    { edited: 'src/model/slug.ts', changes: [RUNBOOK_MARKDOWN] },
    { edited: 'astro.config.mjs', changes: [RUNBOOK_MARKDOWN] },
    { edited: 'src/model/site-model.ts', changes: [] },
    { edited: 'src/site/data.ts', changes: [] },
    { edited: 'src/build-cache/store.ts', changes: PRODUCERS },
  ])('editing $edited changes the keys of exactly the kinds it produces', ({ edited, changes }) => {
    const before = digestAll();
    writeFileSync(join(root, edited), `${readFileSync(join(root, edited), 'utf8')}// edited\n`);
    const after = digestAll();
    const changed = PRODUCERS.filter((producer) => before.get(producer.name) !== after.get(producer.name));
    expect(changed.map((producer) => producer.name)).toEqual(changes.map((producer) => producer.name));
  });

  test('a new file in a producer folder counts, and so does an added package version', () => {
    const before = readProducerDigest(KQL_ANALYSIS, root);
    writeFileSync(join(root, 'src/kql/walk.ts'), '// new\n');
    expect(readProducerDigest(KQL_ANALYSIS, root)).not.toBe(before);
    expect(readProducerDigest({ ...KQL_ANALYSIS, packages: [] }, root)).not.toBe(
      readProducerDigest(KQL_ANALYSIS, root),
    );
  });
});

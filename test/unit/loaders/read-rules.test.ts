import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadAttackIndex } from '../../../src/attack/attack-fs.ts';
import { formatFinding } from '../../../src/checks/findings.ts';
import { analyzeKql } from '../../../src/kql/analysis.ts';
import { toContentLocation } from '../../../src/loaders/content-location.ts';
import { completeRules, createRuleParseCache, parseRuleFiles } from '../../../src/loaders/read-rules.ts';
import { readRulesWithQueryWork } from '../../../src/loaders/read-rules-with-queries.ts';

const attack = loadAttackIndex();
/** Every invalid fixture's rules at once: parse, validation, query and duplicate-id findings together. */
const MIXED_DIRS = [
  'test/fixtures/valid/rules',
  'test/fixtures/attack-warnings/rules',
  'test/fixtures/invalid/kql-syntax-error/rules',
  'test/fixtures/warnings/duplicate-id/rules',
  'test/fixtures/invalid/yaml-syntax/rules',
  'test/fixtures/warnings/bad-guid/rules',
];

const RULE_PARSE_CACHE_FILE = 'rule-parse.json';

describe('reading rules in two steps', () => {
  test('parse, then complete with analyses from elsewhere, gives what the rules loader reads', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'huntbook-read-'));
    const onePass = await readRulesWithQueryWork(MIXED_DIRS, { cacheDir }, { warn: (message) => expect.fail(message) });
    rmSync(cacheDir, { recursive: true, force: true });
    const parsed = parseRuleFiles(MIXED_DIRS, attack);
    const analyzed: string[] = [];
    const twoSteps = completeRules(parsed, (query) => {
      analyzed.push(query);
      return analyzeKql(query);
    });
    const { filesRead, folders, ...published } = onePass;
    expect(twoSteps).toEqual(published);
    expect(filesRead).toBe(parsed.files.length);
    expect(folders?.reduce((sum, folder) => sum + folder.filesRead, 0)).toBe(parsed.files.length);
    expect(analyzed).toHaveLength(twoSteps.records.length);
    expect(onePass.findings.some((finding) => finding.field === 'query')).toBe(true);
  });

  test('parsing alone analyzes nothing and keeps each file text for placing query findings', () => {
    const { files } = parseRuleFiles(['test/fixtures/valid/rules'], attack);
    const parsed = files.flatMap((file) => (file.parsed ? [file.parsed] : []));
    expect(parsed.length).toBeGreaterThan(0);
    for (const rule of parsed) expect(rule.text.toLowerCase()).toContain(rule.rule.id);
  });
});

/**
 * The published-with-warnings corpus: each folder under test/fixtures/warnings holds rules that
 * are published, and expected.txt the exact findings reading them gives.
 */
const WARNINGS_DIR = 'test/fixtures/warnings';
const warningCases = readdirSync(WARNINGS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('rules published with warnings', () => {
  test.each(warningCases)('%s', (name) => {
    const dir = join(WARNINGS_DIR, name);
    const { records, findings } = completeRules(parseRuleFiles([join(dir, 'rules')], attack), analyzeKql);
    const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').trim().split('\n');
    expect(findings.map(formatFinding)).toEqual(expected);
    expect(findings.every((finding) => finding.severity === 'warning')).toBe(true);
    const files = readdirSync(join(dir, 'rules'), { recursive: true }).filter((file) => /\.ya?ml$/.test(String(file)));
    expect(records).toHaveLength(files.length);
    expect(new Set(records.map((record) => record.key)).size).toBe(records.length);
  });
});

describe('the parse cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huntbook-parse-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const dated = join('test/fixtures/valid/rules/analytics-umlaut.yaml');
  const openCache = () => createRuleParseCache(dir, 'parser-1');
  const cachedKeys = () =>
    Object.keys((JSON.parse(readFileSync(join(dir, RULE_PARSE_CACHE_FILE), 'utf8')) as { entries: object }).entries);

  test('a later build reads back exactly what parsing gave, repaired text and query findings included', () => {
    const fresh = parseRuleFiles(MIXED_DIRS, attack);
    const first = openCache();
    expect(parseRuleFiles(MIXED_DIRS, attack, first)).toEqual(fresh);
    first.flush();
    // Every file, the rule holding a date too: dates are read as the text written.
    expect(cachedKeys()).toHaveLength(fresh.files.length);
    expect(fresh.files.some((file) => file.parsed?.file === dated)).toBe(true);

    const later = parseRuleFiles(MIXED_DIRS, attack, openCache());
    expect(later).toEqual(fresh);
    expect(completeRules(later, analyzeKql)).toEqual(completeRules(fresh, analyzeKql));
    expect(later.files.find((file) => file.parsed?.file === dated)?.parsed?.rule.reviewed).toBe('2024-05-01');
  });

  test('an edited file is parsed again, and the flush forgets what it replaced', () => {
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    const file = join(rules, 'pdq.yaml');
    writeFileSync(file, readFileSync('test/fixtures/valid/rules/pdq.yaml', 'utf8'));
    const first = openCache();
    parseRuleFiles([rules], attack, first);
    first.flush();

    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, 'name: Renamed'));
    const second = openCache();
    const { files } = parseRuleFiles([rules], attack, second);
    second.flush();
    expect(files[0]?.parsed?.rule.name).toBe('Renamed');
    expect(cachedKeys()).toHaveLength(1);
  });
});

describe('rule files in other encodings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huntbook-encoding-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a UTF-16 rule is read, and a Windows-1252 rule keeps its warning when it comes from the cache', () => {
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    const text = readFileSync('test/fixtures/valid/rules/pdq.yaml', 'utf8').replace(/^\uFEFF/, '');
    writeFileSync(join(rules, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const cp1252 = text
      .replace('58cbbe97-f835-4677-9bee-203b1df29600', '58cbbe97-f835-4677-9bee-203b1df29601')
      .replace("'app.pdq.com'", '\u0093app.pdq.com\u0094');
    writeFileSync(join(rules, 'cp1252.yaml'), Buffer.from(cp1252, 'latin1'));
    const describe = (parsed: ReturnType<typeof parseRuleFiles>) =>
      parsed.files.map((file) => ({
        query: file.parsed?.rule.query.split('\n')[1],
        findings: file.findings.map(formatFinding),
      }));
    const expected = [
      {
        query: "| where RemoteUrl has_any (\uFFFDapp.pdq.com\uFFFD, 'cfcdn.pdq.com')",
        findings: [
          `${join(rules, 'cp1252.yaml')}:14:30 query: is not valid UTF-8: it holds 2 sequences of bytes that are not characters (all on line 14), the first at line 14, column 30, byte offset 442 (0x93); each shows as "\uFFFD" on the page: save the file as UTF-8 (bytes such as 0x93 and 0xE9 are Windows-1252)`,
        ],
      },
      { query: "| where RemoteUrl has_any ('app.pdq.com', 'cfcdn.pdq.com')", findings: [] },
    ];
    const first = createRuleParseCache(dir, 'parser-1');
    expect(describe(parseRuleFiles([rules], attack, first))).toEqual(expected);
    first.flush();
    const cached = readFileSync(join(dir, RULE_PARSE_CACHE_FILE), 'utf8');
    expect(cached).toContain('invalid-encoding');
    expect(describe(parseRuleFiles([rules], attack, createRuleParseCache(dir, 'parser-1')))).toEqual(expected);
  });
});

describe('a site without rules says which paths were tried', () => {
  const origin = (kind: 'default' | 'settings') => ({
    kind,
    setting: 'content.rules',
    written: 'rules',
    file: 'huntbook.config.yaml',
  });
  test.each([
    {
      case: 'the default folder is not there: an error',
      make: (dir: string) => toContentLocation('rules', dir, origin('default')),
      expected:
        'error huntbook.config.yaml content.rules: no rule files (.yaml or .yml) were found; tried <dir>/rules (content.rules "rules" (the default)), which does not exist. Set content.rules to the folders or glob patterns of your rules',
    },
    {
      case: 'an empty folder: a warning',
      make: (dir: string) => {
        mkdirSync(join(dir, 'rules'));
        return toContentLocation('rules', dir, origin('settings'));
      },
      expected:
        'warning huntbook.config.yaml content.rules: no rule files (.yaml or .yml) were found; tried <dir>/rules (content.rules "rules" (huntbook.config.yaml))',
    },
  ])('$case', ({ make, expected }) => {
    const dir = mkdtempSync(join(tmpdir(), 'huntbook-no-rules-'));
    const { findings } = parseRuleFiles([make(dir)], attack);
    expect(findings.map((finding) => `${finding.severity} ${formatFinding(finding).replaceAll(dir, '<dir>')}`)).toEqual(
      [expected],
    );
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('a query over kql.maxQueryBytes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huntbook-big-query-'));
    mkdirSync(join(dir, 'rules'));
    const query = `DeviceNetworkEvents\n${'| where RemoteUrl != "example.com"\n'.repeat(20)}`;
    const text = `id: 58cbbe97-f835-4677-9bee-203b1df29600\nname: Big\n\nquery: |\n${query.replace(/^/gm, '  ')}`;
    writeFileSync(join(dir, 'rules', 'big.yaml'), text);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('is not analysed: a warning at its query line, and no analysis', () => {
    const analyzed: string[] = [];
    const { records, findings } = completeRules(
      parseRuleFiles([join(dir, 'rules')], attack),
      (query) => {
        analyzed.push(query);
        return analyzeKql(query);
      },
      { maxQueryBytes: 100 },
    );
    expect(analyzed).toEqual([]);
    expect(records).toMatchObject([{ queryTooLarge: true, queryNotes: [] }]);
    expect(records[0]?.analysis).toBeUndefined();
    expect(findings.map((finding) => ({ ...finding, file: 'big.yaml' }))).toEqual([
      {
        severity: 'warning',
        file: 'big.yaml',
        line: 4,
        column: 1,
        field: 'query',
        code: 'query-too-large',
        message:
          'the query is 720 bytes, over the limit of 100 (kql.maxQueryBytes): published as plain text, without highlighting, syntax check, analysis, tool matching or a hunting link',
      },
    ]);
  });

  test('with the limit raised it is analysed as any other', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'huntbook-big-query-cache-'));
    const warn = (message: string) => expect.fail(message);
    const small = await readRulesWithQueryWork(
      [join(dir, 'rules')],
      { cacheDir, kql: { maxQueryBytes: 100 } },
      { warn },
    );
    const large = await readRulesWithQueryWork(
      [join(dir, 'rules')],
      { cacheDir, kql: { maxQueryBytes: 1000 } },
      { warn },
    );
    rmSync(cacheDir, { recursive: true, force: true });
    expect(small.findings.map((finding) => finding.code)).toEqual(['query-too-large']);
    expect(small.records[0]?.analysis).toBeUndefined();
    expect(large.findings.map((finding) => finding.code)).not.toContain('query-too-large');
    expect(large.records[0]?.analysis?.tables).toEqual(['DeviceNetworkEvents']);
  });
});

describe('Sigma rules', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'huntbook-sigma-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('content.sigma is read into the same records, through the parse cache, with converted or no KQL', () => {
    const fresh = completeRules(parseRuleFiles([], attack, undefined, ['test/fixtures/sigma/rules']), analyzeKql);
    const cache = createRuleParseCache(dir, 'parser-1');
    const parsed = parseRuleFiles([], attack, cache, ['test/fixtures/sigma/rules']);
    cache.flush();
    const cached = parseRuleFiles([], attack, createRuleParseCache(dir, 'parser-1'), ['test/fixtures/sigma/rules']);
    expect(cached).toEqual(parsed);
    expect(completeRules(cached, analyzeKql)).toEqual(fresh);
    const converted = fresh.records.filter((record) => record.sigma?.conversion.ok);
    const unconverted = fresh.records.filter((record) => record.sigma && !record.sigma.conversion.ok);
    expect(converted.length).toBeGreaterThan(0);
    expect(converted.every((record) => record.analysis && record.rule.query.length > 0)).toBe(true);
    expect(unconverted.length).toBeGreaterThan(0);
    expect(unconverted.every((record) => !record.analysis && record.rule.query === '')).toBe(true);
    expect(fresh.findings.filter((finding) => finding.code === 'sigma-not-converted')).toHaveLength(unconverted.length);
  });

  test('a Sigma file in content.rules is read as Sigma, with a warning naming content.sigma', () => {
    const rules = join(dir, 'rules');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'anydesk.yml'),
      readFileSync('test/fixtures/sigma/rules/anydesk-process-creation.yml', 'utf8'),
    );
    const { records, findings } = completeRules(parseRuleFiles([rules], attack), analyzeKql);
    expect(records).toHaveLength(1);
    expect(records[0]?.sigma?.kind).toBe('rule');
    expect(findings.map(formatFinding)).toEqual([
      expect.stringMatching(/is a Sigma rule .*name its folder in content\.sigma/),
    ]);
  });
});

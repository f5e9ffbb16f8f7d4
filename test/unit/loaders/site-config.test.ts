import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ContentError, formatFinding } from '../../../src/checks/findings.ts';
import { toTriedPath as toTried } from '../../../src/loaders/content-location.ts';
import { listSettingKeys, loadSiteConfig } from '../../../src/loaders/site-config.ts';
import { packagePath } from '../../../src/package/package-root.ts';

const dir = mkdtempSync(join(tmpdir(), 'huntbook-config-'));
const writeConfig = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('loadSiteConfig', () => {
  test('a settings file saved as UTF-16 is read, and Windows-1252 bytes in one are a warning', () => {
    const utf16 = join(dir, 'utf16.yaml');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('title: Café SOC\n', 'utf16le')]));
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: utf16 })).toMatchObject({ title: 'Café SOC', findings: [] });
    const cp1252 = join(dir, 'cp1252.yaml');
    writeFileSync(cp1252, Buffer.from('outDir: dist\ntitle: Caf\u00e9 SOC\n', 'latin1'));
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: cp1252 });
    expect(config.title).toBe('Caf\uFFFD SOC');
    expect(config.findings.map((finding) => `${finding.line}:${finding.column} ${finding.code}`)).toEqual([
      '2:11 invalid-encoding',
    ]);
  });

  test('defaults when there is no config file', () => {
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: undefined });
    expect(config.content.rules.map(toTried)).toEqual([resolve('rules')]);
    expect(config.content.tools.map(toTried)).toEqual([packagePath('content', 'tools')]);
  });

  test('reads the file and applies environment overrides for content locations', () => {
    const file = writeConfig('a.yaml', 'title: SOC Wiki\nbase: soc/wiki\ncontent:\n  rules: mine/rules\n');
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_RULES: '/a/rules:/b/rules', HUNTBOOK_TOOLS: '/t' });
    expect(config.title).toBe('SOC Wiki');
    expect(config.base).toBe('/soc/wiki/');
    expect(config.content.rules.map(toTried)).toEqual(['/a/rules', '/b/rules']);
    expect(config.content.runbooks.map(toTried)).toEqual([join(dir, 'runbooks')]);
    // The user's tool folders are added to the bundled catalog.
    expect(config.content.tools.map(toTried)).toEqual([packagePath('content', 'tools'), '/t']);
  });

  test.each([
    { base: '/', expected: '/' },
    { base: '', expected: '/' },
    { base: '/soc/', expected: '/soc/' },
    { base: 'soc/wiki', expected: '/soc/wiki/' },
  ])('HUNTBOOK_BASE=$base serves under $expected', ({ base, expected }) => {
    const file = writeConfig('b.yaml', 'title: x\n');
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_BASE: base || undefined }).base).toBe(expected);
  });

  test.each([
    { text: 'titel: typo\n', message: 'unknown setting "titel"' },
    { text: 'defenderTenantId: contoso\n', message: 'defenderTenantId: must be a tenant GUID (got "contoso")' },
    {
      text: 'sourceRepositoryUrl: not a url\n',
      message: 'sourceRepositoryUrl: must be an http(s) address (got "not a url")',
    },
    { text: 'title: [x\n', message: 'invalid YAML: unexpected end of the stream within a flow collection' },
    {
      text: `a: &a [x]\nb: [${Array(101).fill('*a').join(', ')}]\n`,
      message: 'too many YAML aliases: this is alias 101',
    },
  ])('rejects $text', ({ text, message }) => {
    const file = writeConfig('c.yaml', text);
    expect(() => loadSiteConfig({ HUNTBOOK_CONFIG: file })).toThrow(message);
  });

  test.each([
    { text: 'title: x\n', env: undefined, expected: 1_048_576 },
    { text: 'kql:\n  maxQueryBytes: 4194304\n', env: undefined, expected: 4_194_304 },
    { text: 'kql:\n  maxQueryBytes: 4194304\n', env: '2048', expected: 2048 },
  ])('kql.maxQueryBytes from $text with HUNTBOOK_KQL_MAX_QUERY_BYTES=$env', ({ text, env, expected }) => {
    const file = writeConfig('kql.yaml', text);
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_KQL_MAX_QUERY_BYTES: env }).kql.maxQueryBytes).toBe(
      expected,
    );
  });

  test.each(['0', 'many'])('rejects HUNTBOOK_KQL_MAX_QUERY_BYTES=%s', (env) => {
    const file = writeConfig('kql.yaml', 'title: x\n');
    expect(() => loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_KQL_MAX_QUERY_BYTES: env })).toThrow(
      'kql.maxQueryBytes',
    );
  });

  test('says where the output folder was set, and whether it may be emptied', () => {
    const file = writeConfig('out.yaml', 'outDir: site\nemptyOutDir: true\n');
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: file })).toMatchObject({
      outDir: join(dir, 'site'),
      outDirOrigin: 'outDir',
      emptyOutDir: true,
    });
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_OUT_DIR: '/elsewhere' }).outDirOrigin).toBe(
      'HUNTBOOK_OUT_DIR',
    );
    const defaults = loadSiteConfig({ HUNTBOOK_CONFIG: writeConfig('no-out.yaml', 'title: x\n') });
    expect(defaults).toMatchObject({ outDir: join(dir, 'dist'), outDirOrigin: 'default', emptyOutDir: false });
  });

  test('a HUNTBOOK_CONFIG that does not exist is an error', () => {
    expect(() => loadSiteConfig({ HUNTBOOK_CONFIG: join(dir, 'missing.yaml') })).toThrow(
      'names a file that does not exist',
    );
  });

  test.each([
    { text: '', env: undefined, strict: false },
    { text: 'strict: true\n', env: undefined, strict: true },
    { text: '', env: '1', strict: true },
    { text: '', env: 'true', strict: true },
    { text: 'strict: true\n', env: '0', strict: false },
  ])('strict mode from "$text" and HUNTBOOK_STRICT=$env is $strict', ({ text, env, strict }) => {
    const file = writeConfig('strict.yaml', text || 'title: x\n');
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_STRICT: env }).strict).toBe(strict);
  });

  test('rejects HUNTBOOK_STRICT that is not a yes or a no', () => {
    const file = writeConfig('strict-bad.yaml', 'title: x\n');
    expect(() => loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_STRICT: 'maybe' })).toThrow('strict');
  });

  test('kql.syntaxErrors still builds, with a warning that it is no longer needed', () => {
    const file = writeConfig('obsolete.yaml', 'kql:\n  syntaxErrors: warning\n');
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: file }).findings).toEqual([
      {
        severity: 'warning',
        file,
        line: 2,
        column: 3,
        field: 'kql.syntaxErrors',
        code: 'setting-obsolete',
        message:
          'is no longer needed: a KQL syntax error is a warning (the rule is published with the error shown) and an error in strict mode (strict: true); remove the setting',
      },
    ]);
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: writeConfig('current.yaml', 'strict: true\n') }).findings).toEqual([]);
  });

  test('content locations: relative to the settings file, ~ expands, patterns keep their fixed prefix', () => {
    const file = writeConfig(
      'paths.yaml',
      [
        'content:',
        '  rules:',
        '    - detections/',
        '    - hunting/**/*.yaml',
        '  runbooks: ~/runbooks',
        '  tools: [my-tools, ../shared/tools]',
        "  exclude: ['**/templates/**', '**/.github/**']",
        '',
      ].join('\n'),
    );
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_CACHE_DIR: '/c', HOME: '/home/ana' });
    expect(config.content.rules.map(toTried)).toEqual([join(dir, 'detections'), `${join(dir, 'hunting')}/**/*.yaml`]);
    expect(config.content.rules.map((location) => location.origin)).toEqual([
      { kind: 'settings', setting: 'content.rules', written: 'detections/', file, line: 3, column: 7 },
      { kind: 'settings', setting: 'content.rules', written: 'hunting/**/*.yaml', file, line: 4, column: 7 },
    ]);
    expect(config.content.runbooks.map(toTried)).toEqual(['/home/ana/runbooks']);
    expect(config.content.tools.map(toTried)).toEqual([
      packagePath('content', 'tools'),
      join(dir, 'my-tools'),
      resolve(dir, '../shared/tools'),
    ]);
    expect(config.content.tools[2]?.origin).toMatchObject({ line: 6, column: 21 });
    expect(config.content.exclude).toEqual([
      { base: dir, pattern: '**/templates/**', written: '**/templates/**' },
      { base: dir, pattern: '**/.github/**', written: '**/.github/**' },
    ]);
    // Every location carries the exclude patterns, so no reader can forget them.
    expect(config.content.rules[0]?.exclude).toEqual(config.content.exclude);
  });

  test('environment variables override, relative to the working directory and named as such', () => {
    const file = writeConfig('env.yaml', 'content:\n  rules: detections\n');
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_RULES: 'mine:other/**/*.yml' });
    expect(config.content.rules.map(toTried)).toEqual([resolve('mine'), `${resolve('other')}/**/*.yml`]);
    expect(config.content.rules[0]?.origin).toEqual({ kind: 'env', setting: 'HUNTBOOK_RULES', written: 'mine' });
  });

  test('defaults: rules and runbooks beside the settings file, marked as defaults', () => {
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: writeConfig('defaults.yaml', 'title: x\n') });
    expect(config.content.runbooks).toMatchObject([
      { base: join(dir, 'runbooks'), origin: { kind: 'default', setting: 'content.runbooks' } },
    ]);
  });

  test.each([
    { text: 'content:\n  bundledTools: false\n  tools: mine\n', env: {}, tools: [join(dir, 'mine')] },
    { text: 'title: x\n', env: { HUNTBOOK_BUNDLED_TOOLS: '0' }, tools: [] },
    { text: 'title: x\n', env: { HUNTBOOK_TOOLS: '/t' }, tools: [packagePath('content', 'tools'), '/t'] },
  ])('bundled tool catalog: $text $env', ({ text, env, tools }) => {
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: writeConfig('bundled.yaml', text), ...env });
    expect(config.content.tools.map(toTried)).toEqual(tools);
  });

  test.each([
    { text: 'title: x\n', allowHtml: false },
    { text: 'markdown:\n  allowHtml: true\n', allowHtml: true },
    { text: 'markdown:\n  allowHtml: false\n', allowHtml: false },
  ])('runbook HTML is sanitised unless the settings allow it: $text', ({ text, allowHtml }) => {
    expect(loadSiteConfig({ HUNTBOOK_CONFIG: writeConfig('markdown.yaml', text) }).markdown).toEqual({ allowHtml });
  });

  test.each([
    {
      text: 'titel: SOC\n',
      expected: 'settings.yaml:1:1 titel: unknown setting "titel" (did you mean title?)',
    },
    {
      text: 'title: SOC\ncontent:\n  rule: detections\n  exclud: [a]\n',
      expected: [
        'settings.yaml:3:3 content.rule: unknown setting "rule" (did you mean rules?)',
        'settings.yaml:4:3 content.exclud: unknown setting "exclud" (did you mean exclude?)',
      ].join('\n'),
    },
    {
      text: 'markdown:\n  allowHTML: true\n',
      expected: 'settings.yaml:2:3 markdown.allowHTML: unknown setting "allowHTML" (did you mean allowHtml?)',
    },
    {
      text: 'search:\n  shards: 3\n',
      expected: 'settings.yaml:2:3 search.shards: unknown setting "shards" (known settings here: shardPages)',
    },
  ])('an unknown key gets its line and a "did you mean": $text', ({ text, expected }) => {
    const file = writeConfig('settings.yaml', text);
    let error: unknown;
    try {
      loadSiteConfig({ HUNTBOOK_CONFIG: file });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContentError);
    const findings = (error as ContentError).findings.map((finding) =>
      formatFinding({ ...finding, file: basename(finding.file) }),
    );
    expect(findings.join('\n')).toBe(expected);
  });

  test('the schema is where "did you mean" takes its setting names from', () => {
    expect(listSettingKeys(['content'])).toEqual(['rules', 'sigma', 'runbooks', 'tools', 'bundledTools', 'exclude']);
    expect(listSettingKeys([])).toContain('title');
  });
});

describe('loadSiteConfig: branding', () => {
  const brandDir = join(dir, 'brand');
  mkdirSync(join(brandDir, 'assets', 'folder.css'), { recursive: true });
  writeFileSync(join(brandDir, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(brandDir, 'assets', 'wiki.css'), 'body {}');
  const load = (text: string, env: Record<string, string> = {}) => {
    const file = join(brandDir, 'huntbook.config.yaml');
    writeFileSync(file, text);
    return loadSiteConfig({ HUNTBOOK_CONFIG: file, ...env });
  };
  const messageOf = (text: string) => {
    try {
      load(text);
    } catch (error) {
      return (error as Error).message.replaceAll(dir, '<tmp>');
    }
    throw new Error('the settings were accepted');
  };

  test('the files are found beside the settings file, or from ~', () => {
    const config = load('branding:\n  logo: assets/logo.svg\n  css: ~/wiki.css\n  footer: SOC team\n', {
      HOME: join(brandDir, 'assets'),
    });
    expect(config.branding).toEqual({
      logo: join(brandDir, 'assets', 'logo.svg'),
      css: join(brandDir, 'assets', 'wiki.css'),
      footer: 'SOC team',
      nav: [],
    });
  });

  test('a missing file is a settings error naming the key, what was written and where it led', () => {
    expect(
      messageOf('title: x\nbranding:\n  logo: assets/missing.svg\n  css: assets/folder.css\n'),
    ).toMatchInlineSnapshot(`
      "Huntbook found 2 content errors:
        <tmp>/brand/huntbook.config.yaml:3:3 branding.logo: names "assets/missing.svg", which is <tmp>/brand/assets/missing.svg: no such file
        <tmp>/brand/huntbook.config.yaml:4:3 branding.css: names "assets/folder.css", which is <tmp>/brand/assets/folder.css: a folder, not a file"
    `);
  });

  test.each([
    {
      text: 'branding:\n  nav:\n    - { label: Run, href: "javascript:alert(1)" }\n',
      message: 'branding.nav.0.href: must be an http(s) address or a path in the site (got "javascript:alert(1)")',
    },
    {
      text: 'branding:\n  nav:\n    - { label: Run, href: "java\\tscript:alert(1)" }\n',
      message: 'branding.nav.0.href: must not contain spaces or control characters',
    },
    {
      text: 'branding:\n  nav:\n    - { label: Mail, href: "mailto:soc@example.org" }\n',
      message: 'must be an http(s) address or a path in the site',
    },
    { text: 'branding:\n  nav:\n    - { label: "", href: "https://example.org" }\n', message: 'branding.nav.0.label' },
    { text: 'branding:\n  logo: assets/wiki.css\n', message: 'branding.logo: must be an image file' },
    { text: 'branding:\n  css: assets/logo.svg\n', message: 'branding.css: must be a .css file' },
    { text: 'branding:\n  colour: red\n', message: 'unknown setting "colour"' },
  ])('rejects $text', ({ text, message }) => {
    expect(messageOf(text)).toContain(message);
  });

  test.each(['https://portal.azure.com/#x', 'http://intranet/', '/status/', 'faq/', '../up/', '#top'])(
    'accepts the href %s',
    (href) => {
      expect(load(`branding:\n  nav:\n    - { label: L, href: "${href}" }\n`).branding.nav).toEqual([
        { label: 'L', href },
      ]);
    },
  );
});

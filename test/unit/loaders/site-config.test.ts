import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toTriedPath as toTried } from '../../../src/loaders/content-location.ts';
import { loadSiteConfig } from '../../../src/loaders/site-config.ts';
import { packagePath } from '../../../src/package/package-root.ts';

const dir = mkdtempSync(join(tmpdir(), 'huntbook-config-'));
const writeConfig = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('loadSiteConfig', () => {
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
  ])('rejects $text', ({ text, message }) => {
    const file = writeConfig('c.yaml', text);
    expect(() => loadSiteConfig({ HUNTBOOK_CONFIG: file })).toThrow(message);
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
});

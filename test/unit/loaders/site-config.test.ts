import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSiteConfig } from '../../../src/loaders/site-config.ts';

const dir = mkdtempSync(join(tmpdir(), 'huntbook-config-'));
const writeConfig = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('loadSiteConfig', () => {
  test('defaults when there is no config file', () => {
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: undefined });
    expect(config.content.rules).toEqual([resolve('content/rules')]);
    expect(config.content.tools).toEqual([resolve('content/tools')]);
  });

  test('reads the file and applies environment overrides for content locations', () => {
    const file = writeConfig('a.yaml', 'title: SOC Wiki\nbase: soc/wiki\ncontent:\n  rules: mine/rules\n');
    const config = loadSiteConfig({ HUNTBOOK_CONFIG: file, HUNTBOOK_RULES: '/a/rules:/b/rules', HUNTBOOK_TOOLS: '/t' });
    expect(config.title).toBe('SOC Wiki');
    expect(config.base).toBe('/soc/wiki/');
    expect(config.content.rules).toEqual(['/a/rules', '/b/rules']);
    expect(config.content.runbooks).toEqual([resolve('content/runbooks')]);
    expect(config.content.tools).toEqual(['/t']);
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
});

import { describe, expect, test } from 'vitest';
import { createPageCacheKeys, toPageSettings, toSiteDigest } from '../../../src/build-cache/page-cache-key.ts';

const SITE = toSiteDigest(['{"title":"Huntbook"}', new Uint8Array([1, 2, 3])]);
const rule = { id: 'a', name: 'Rule A', tools: [{ id: 'anydesk', name: 'AnyDesk' }] };
const keyOf = createPageCacheKeys(SITE);

describe('createPageCacheKeys', () => {
  test('gives the same key for the same props and site inputs', () => {
    expect(keyOf({ rule })).toBe(createPageCacheKeys(SITE)({ rule: structuredClone(rule) }));
  });

  test.each([
    { change: 'a field of the page data', props: { rule: { ...rule, name: 'Rule A (renamed)' } }, site: SITE },
    {
      change: 'a nested value',
      props: { rule: { ...rule, tools: [{ id: 'anydesk', name: 'AnyDesk 9' }] } },
      site: SITE,
    },
    {
      change: 'the site settings',
      props: { rule },
      site: toSiteDigest(['{"title":"SOC wiki"}', new Uint8Array([1, 2, 3])]),
    },
    {
      change: 'the ATT&CK extract',
      props: { rule },
      site: toSiteDigest(['{"title":"Huntbook"}', new Uint8Array([1, 2, 4])]),
    },
  ])('changes with $change', ({ props, site }) => {
    expect(createPageCacheKeys(site)(props)).not.toBe(keyOf({ rule }));
  });

  test('sees changes inside Maps and Sets, which plain JSON writes as {}', () => {
    const withMap = (value: string) => keyOf({ byId: new Map([['a', value]]) });
    const withSet = (value: string) => keyOf({ ids: new Set([value]) });
    expect(withMap('one')).not.toBe(withMap('two'));
    expect(withSet('one')).not.toBe(withSet('two'));
  });

  test('a shared object stands in by its digest, and an edit to it still changes every page that shows it', () => {
    const ruleB = { id: 'b', name: 'Rule B', tools: [] };
    const keysBefore = createPageCacheKeys(SITE, [rule, ruleB]);
    const toolKey = keysBefore({ view: { tool: 'anydesk', rules: [rule, ruleB] } });
    const ruleKey = keysBefore({ rule });
    expect(keysBefore({ view: { tool: 'anydesk', rules: [rule, ruleB] } })).toBe(toolKey);

    const renamed = { ...ruleB, name: 'Rule B (renamed)' };
    const keysAfter = createPageCacheKeys(SITE, [rule, renamed]);
    expect(keysAfter({ view: { tool: 'anydesk', rules: [rule, renamed] } })).not.toBe(toolKey);
    expect(keysAfter({ rule })).toBe(ruleKey);
  });
});

describe('toSiteDigest', () => {
  test('keeps inputs apart: moving text from one input to the next changes the digest', () => {
    expect(toSiteDigest(['ab', 'c'])).not.toBe(toSiteDigest(['a', 'bc']));
  });
});

describe('toPageSettings', () => {
  test('a build into another folder, from a moved settings file, keeps the site digest; a title change does not', () => {
    const here = {
      title: 'SOC',
      base: '/',
      outDir: '/a/dist',
      cacheDir: '/a/cache',
      configFile: '/a/h.yaml',
      sourceRoot: '/a',
      content: {},
    };
    const there = {
      ...here,
      outDir: '/b/site',
      cacheDir: '/b/cache',
      configFile: '/b/h.yaml',
      sourceRoot: '/b',
      content: { x: 1 },
    };
    const digestOf = (config: object) => toSiteDigest([JSON.stringify(toPageSettings(config))]);
    expect(digestOf(there)).toBe(digestOf(here));
    expect(digestOf({ ...here, title: 'Contoso SOC' })).not.toBe(digestOf(here));
  });

  test('kql.maxQueryBytes is a page setting: it decides whether a query is highlighted or plain text', () => {
    const config = { title: 'SOC', outDir: '/a/dist', kql: { maxQueryBytes: 1_048_576 } };
    const digestOf = (settings: object) => toSiteDigest([JSON.stringify(toPageSettings(settings))]);
    expect(digestOf({ ...config, kql: { maxQueryBytes: 4_194_304 } })).not.toBe(digestOf(config));
  });
});

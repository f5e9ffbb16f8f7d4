import { describe, expect, test } from 'vitest';
import { createRoutes, joinBase, type SiteRoutes } from '../../../src/site/routes.ts';

const ID = '58cbbe97-f835-4677-9bee-203b1df29600';

/** Each route under the root and under a sub-path, as the pages linked them before routes had names. */
const ROUTES: { route: (routes: SiteRoutes) => string; root: string; soc: string }[] = [
  { route: (r) => r.home(), root: '/', soc: '/soc/wiki/' },
  { route: (r) => r.rules(), root: '/rules/', soc: '/soc/wiki/rules/' },
  { route: (r) => r.rule('pdq'), root: '/rules/pdq/', soc: '/soc/wiki/rules/pdq/' },
  { route: (r) => r.permalink(ID), root: `/r/${ID}/`, soc: `/soc/wiki/r/${ID}/` },
  { route: (r) => r.permalink('<rule id>'), root: '/r/<rule id>/', soc: '/soc/wiki/r/<rule id>/' },
  { route: (r) => r.alertLink(), root: '/r/', soc: '/soc/wiki/r/' },
  { route: (r) => r.alertNames(), root: '/r/names.json', soc: '/soc/wiki/r/names.json' },
  { route: (r) => r.tools(), root: '/tools/', soc: '/soc/wiki/tools/' },
  { route: (r) => r.tool('anydesk'), root: '/tools/anydesk/', soc: '/soc/wiki/tools/anydesk/' },
  { route: (r) => r.technique('T1219.002'), root: '/techniques/T1219.002/', soc: '/soc/wiki/techniques/T1219.002/' },
  { route: (r) => r.coverage(), root: '/coverage/', soc: '/soc/wiki/coverage/' },
  { route: (r) => r.attackCoverage(), root: '/coverage/attack/', soc: '/soc/wiki/coverage/attack/' },
  { route: (r) => r.search(), root: '/search/', soc: '/soc/wiki/search/' },
  { route: (r) => r.searchBundle(), root: '/pagefind/', soc: '/soc/wiki/pagefind/' },
  { route: (r) => r.lookupIndex(), root: '/lookup/', soc: '/soc/wiki/lookup/' },
  { route: (r) => r.favicon(), root: '/favicon.svg', soc: '/soc/wiki/favicon.svg' },
  { route: (r) => r.kqlStylesheet(), root: '/styles/kql.css', soc: '/soc/wiki/styles/kql.css' },
  {
    route: (r) => r.navigatorLayer(),
    root: '/coverage/navigator-layer.json',
    soc: '/soc/wiki/coverage/navigator-layer.json',
  },
  {
    route: (r) => r.navigatorLayer('enterprise-attack'),
    root: '/coverage/navigator-layer.json',
    soc: '/soc/wiki/coverage/navigator-layer.json',
  },
  {
    route: (r) => r.navigatorLayer('ics-attack'),
    root: '/coverage/navigator-layer-ics.json',
    soc: '/soc/wiki/coverage/navigator-layer-ics.json',
  },
  {
    route: (r) => r.navigatorLayer('mobile-attack'),
    root: '/coverage/navigator-layer-mobile.json',
    soc: '/soc/wiki/coverage/navigator-layer-mobile.json',
  },
  { route: (r) => r.gapsCsv(), root: '/coverage/gaps.csv', soc: '/soc/wiki/coverage/gaps.csv' },
  { route: (r) => r.rulesExport(), root: '/api/rules.json', soc: '/soc/wiki/api/rules.json' },
];

describe('createRoutes', () => {
  test.each(ROUTES)('$root under / and /soc/wiki/', ({ route, root, soc }) => {
    expect(route(createRoutes('/'))).toBe(root);
    expect(route(createRoutes('/soc/wiki/'))).toBe(soc);
    expect(route(createRoutes('/soc/wiki'))).toBe(soc);
  });

  // A placeholder such as `<rule id>` is for pages to show; exports link real ids only.
  const exported = ROUTES.filter(({ root }) => !root.includes('<'));
  test.each(exported)('$root as an absolute URL when an origin is given', ({ route, root, soc }) => {
    expect(route(createRoutes('/', 'https://wiki.example'))).toBe(`https://wiki.example${root}`);
    expect(route(createRoutes('/soc/wiki/', 'https://wiki.example/'))).toBe(`https://wiki.example${soc}`);
  });
});

describe('joinBase', () => {
  test.each([
    { base: '/', path: '/rules/', expected: '/rules/' },
    { base: '/', path: 'rules/', expected: '/rules/' },
    { base: '/soc/wiki/', path: '/favicon.svg', expected: '/soc/wiki/favicon.svg' },
    { base: '/soc/wiki', path: '/', expected: '/soc/wiki/' },
  ])('$path under $base', ({ base, path, expected }) => {
    expect(joinBase(base, path)).toBe(expected);
  });
});

import { describe, expect, test } from 'vitest';
import { listBrandingFiles, toBrandingView, toNavHref } from '../../../src/site/branding.ts';

describe('toBrandingView', () => {
  test('nothing set: no logo, no links, no footer, no stylesheet', () => {
    expect(toBrandingView({ nav: [] }, '/', 'SOC')).toEqual({ nav: [] });
  });

  test('the files under fixed names in _huntbook/, under the base', () => {
    const branding = { nav: [], logo: '/repo/assets/Brand.PNG', css: '/repo/assets/wiki.css' };
    expect(listBrandingFiles(branding)).toEqual([
      { source: '/repo/assets/Brand.PNG', file: '_huntbook/logo.png' },
      { source: '/repo/assets/wiki.css', file: '_huntbook/custom.css' },
    ]);
    expect(toBrandingView({ ...branding, footer: 'SOC team' }, '/soc/wiki/', 'SOC Wiki')).toEqual({
      logo: { src: '/soc/wiki/_huntbook/logo.png', alt: 'SOC Wiki logo' },
      nav: [],
      footer: 'SOC team',
      css: '/soc/wiki/_huntbook/custom.css',
    });
  });
});

describe('toNavHref', () => {
  test.each([
    { href: 'https://portal.azure.com', expected: 'https://portal.azure.com' },
    { href: 'HTTP://intranet/', expected: 'HTTP://intranet/' },
    { href: '/status/', expected: '/status/' },
    { href: 'faq/', expected: '/soc/faq/' },
    { href: '#top', expected: '/soc/#top' },
  ])('$href → $expected', ({ href, expected }) => {
    expect(toNavHref(href, '/soc/')).toBe(expected);
  });
});

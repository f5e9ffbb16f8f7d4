import { describe, expect, test } from 'vitest';
import { toBundleFile } from '../../../src/integrations/dev-server.ts';

const BUNDLE_DIR = '/repo/dist/pagefind';

describe('toBundleFile', () => {
  test.each([
    {
      url: '/pagefind/pagefind-component-ui.js',
      bundlePath: '/pagefind/',
      expected: `${BUNDLE_DIR}/pagefind-component-ui.js`,
    },
    {
      url: '/soc/wiki/pagefind/shards/0/pagefind.js?ts=1',
      bundlePath: '/soc/wiki/pagefind/',
      expected: `${BUNDLE_DIR}/shards/0/pagefind.js`,
    },
    {
      url: '/pagefind/fragment/en_1a%202.pf_fragment#x',
      bundlePath: '/pagefind/',
      expected: `${BUNDLE_DIR}/fragment/en_1a 2.pf_fragment`,
    },
    // Other pages, and the bundle under another base, are not the bundle's.
    { url: '/rules/pdq/', bundlePath: '/pagefind/', expected: undefined },
    { url: '/pagefind/x.js', bundlePath: '/soc/wiki/pagefind/', expected: undefined },
    // Nothing outside the folder is served, however it is spelled.
    { url: '/pagefind/', bundlePath: '/pagefind/', expected: undefined },
    { url: '/pagefind/../huntbook.config.yaml', bundlePath: '/pagefind/', expected: undefined },
    { url: '/pagefind/%2e%2e/%2e%2e/etc/passwd', bundlePath: '/pagefind/', expected: undefined },
    { url: '/pagefind/%2Fetc%2Fpasswd', bundlePath: '/pagefind/', expected: undefined },
    { url: '/pagefind/a%00.js', bundlePath: '/pagefind/', expected: undefined },
    { url: '/pagefind/%E0%A4%A', bundlePath: '/pagefind/', expected: undefined },
  ])('$url under $bundlePath → $expected', ({ url, bundlePath, expected }) => {
    expect(toBundleFile(url, bundlePath, BUNDLE_DIR)).toBe(expected);
  });
});

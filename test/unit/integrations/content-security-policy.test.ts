import { describe, expect, test } from 'vitest';
import { toAstroCsp, toCspContent, toCspHash } from '../../../src/integrations/content-security-policy.ts';

describe('toCspHash', () => {
  test.each([
    { text: '', expected: "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='" },
    { text: 'body{margin:0}', expected: "'sha256-IAdwN3biDCQ3brrgp1m8kBEsPQYyqfREKOEfeoREopc='" },
  ])('$text → $expected', ({ text, expected }) => {
    expect(toCspHash(text)).toBe(expected);
  });
});

describe('toCspContent', () => {
  test('the policy of a page with one inline style', () => {
    expect(toCspContent({ styles: [''] })).toBe(
      "default-src 'self';img-src 'self' https: data:;object-src 'none';base-uri 'self';form-action 'self'; " +
        "script-src 'self'; style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';",
    );
  });
});

describe('toAstroCsp', () => {
  test("gives Astro the same directives and sources, and nothing 'unsafe-'", () => {
    const csp = toAstroCsp();
    expect(csp.directives).toContain("object-src 'none'");
    expect(csp.directives).toContain("base-uri 'self'");
    expect(csp.scriptDirective?.resources).toEqual(["'self'"]);
    expect(csp.styleDirective?.resources).toEqual(["'self'"]);
    expect(JSON.stringify(csp)).not.toContain('unsafe-');
  });
});

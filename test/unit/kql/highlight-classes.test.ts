import { describe, expect, test } from 'vitest';
import { toGutterClass, toPaletteCss, toTokenClass } from '../../../src/kql/highlight-classes.ts';

describe('toTokenClass', () => {
  test.each([
    { theme: 'light', property: '', value: '#D73A49', expected: 'kl-d73a49' },
    { theme: 'dark', property: '', value: '#e1e4e880', expected: 'kd-e1e4e880' },
    { theme: 'dark', property: '-font-style', value: 'italic', expected: 'kd-italic' },
    {
      theme: 'light',
      property: '-text-decoration',
      value: 'underline line-through',
      expected: 'kl-underline-line-through',
    },
  ] as const)('$theme $property $value → $expected', ({ theme, property, value, expected }) => {
    expect(toTokenClass(theme, property, value)).toBe(expected);
  });

  test('a colour that is not hex is an error, not a class the stylesheet lacks', () => {
    expect(() => toTokenClass('light', '', 'red')).toThrow('"red" is not a hex colour');
  });
});

describe('toGutterClass', () => {
  test.each([
    { lines: 1, expected: 'kql-digits-1' },
    { lines: 10, expected: 'kql-digits-2' },
    { lines: 12_345, expected: 'kql-digits-5' },
    { lines: 10 ** 12, expected: 'kql-digits-9' },
  ])('$lines lines → $expected', ({ lines, expected }) => {
    expect(toGutterClass(lines)).toBe(expected);
  });
});

describe('toPaletteCss', () => {
  test('one rule per colour and font declaration of each theme, and the gutter widths', () => {
    const css = toPaletteCss([
      { key: 'light', fg: '#24292e', bg: '#fff', colours: ['#D73A49', '#d73a49'] },
      { key: 'dark', fg: '#e1e4e8', bg: '#24292e', colours: ['#F97583'] },
    ]);
    const lines = css.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'pre.hl{--shiki-light:#24292e;--shiki-light-bg:#fff;--shiki-dark:#e1e4e8;--shiki-dark-bg:#24292e}',
      'pre.hl .kl-d73a49{--shiki-light:#d73a49}',
    ]);
    expect(lines).toContain('pre.hl .kd-f97583{--shiki-dark:#f97583}');
    expect(lines).toContain('pre.hl .kd-italic{--shiki-dark-font-style:italic}');
    expect(lines).toContain('pre.hl .kl-underline-line-through{--shiki-light-text-decoration:underline line-through}');
    expect(lines).toContain('pre.kql.kql-digits-3{--kql-digits:3}');
    expect(css).not.toContain('style=');
  });
});

import { describe, expect, test } from 'vitest';
import { keepFiltersOpenWhenWide, type WideScreenQuery } from '../../../src/search/filters-panel.ts';

/** A media query list whose width the test changes. */
function fakeScreen(matches: boolean): WideScreenQuery & { resize(wide: boolean): void } {
  const listeners: ((event: { matches: boolean }) => void)[] = [];
  return {
    matches,
    addEventListener: (_type, listener) => listeners.push(listener),
    resize(wide) {
      this.matches = wide;
      for (const listener of listeners) listener({ matches: wide });
    },
  };
}

describe('keepFiltersOpenWhenWide', () => {
  test('folded on a narrow screen, open on a wide one', () => {
    const narrow = { open: true };
    keepFiltersOpenWhenWide(narrow, fakeScreen(false));
    expect(narrow.open).toBe(false);
    const wide = { open: false };
    keepFiltersOpenWhenWide(wide, fakeScreen(true));
    expect(wide.open).toBe(true);
  });

  test('follows the width when it changes, keeping what the reader did in between', () => {
    const panel = { open: false };
    const screen = fakeScreen(false);
    keepFiltersOpenWhenWide(panel, screen);
    panel.open = true;
    expect(panel.open).toBe(true);
    screen.resize(true);
    expect(panel.open).toBe(true);
    screen.resize(false);
    expect(panel.open).toBe(false);
  });
});

/**
 * The search page's filters are a `<details>` panel after the results: folded on a narrow
 * screen, so the results come first, and open as a sidebar on a wide one, where its summary
 * is hidden and it cannot be folded by accident.
 */

/** What the panel needs of a media query list: whether it matches and word when that changes. */
export interface WideScreenQuery {
  matches: boolean;
  addEventListener(type: 'change', listener: (event: { matches: boolean }) => void): void;
}

/**
 * Opens the panel while the screen is wide and folds it when the screen becomes narrow; a
 * reader's own unfolding on a narrow screen is left alone until the width changes.
 * @example keepFiltersOpenWhenWide(details, window.matchMedia('(min-width: 48.001rem)'))
 */
export function keepFiltersOpenWhenWide(panel: { open: boolean }, wide: WideScreenQuery): void {
  panel.open = wide.matches;
  wide.addEventListener('change', (event) => {
    panel.open = event.matches;
  });
}

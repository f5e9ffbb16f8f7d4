/**
 * The `/r/` page's browser code: reads `?name=` or `?id=`, fetches the names file and replaces
 * the page with the rule's runbook, or with search for the name. Text goes in as text only:
 * what the query holds is never parsed as HTML.
 */
import type { AlertNamesFile } from './alert-names-file.ts';
import { type AlertLinkRoutes, resolveAlertLink } from './resolve-alert-link.ts';

/**
 * Resolves the page's query and leaves the page for where it leads; does nothing without one.
 * The page hands over the routes it needs, built with the configured base, in data attributes:
 * the script carries no settings of its own.
 */
export async function followAlertLink(): Promise<void> {
  const status = document.querySelector<HTMLElement>('[data-rule-link]');
  if (!status || window.location.search === '') return;
  const { names: namesUrl = 'names.json', search = '../search/', permalinks = './' } = status.dataset;
  const routes: AlertLinkRoutes = { search: () => search, permalink: (id) => `${permalinks}${id}/` };
  status.textContent = 'Looking up the rule…';
  const names = await fetchNames(namesUrl);
  const target = resolveAlertLink(window.location.search, names, routes);
  if (target === undefined) {
    status.textContent = 'The address names no rule: add ?name= or ?id=.';
    return;
  }
  window.location.replace(target);
}

/** The names file; without it every name goes to search, which still finds the rule by its text. */
async function fetchNames(url: string): Promise<AlertNamesFile> {
  try {
    const response = await fetch(url);
    if (!response.ok) return { rules: [] };
    const names = (await response.json()) as AlertNamesFile;
    return Array.isArray(names?.rules) ? names : { rules: [] };
  } catch {
    return { rules: [] };
  }
}

/**
 * The `/r/` page's browser code: reads `?name=` or `?id=`, fetches the names file and replaces
 * the page with the rule's runbook, or with search for the name. Text goes in as text only:
 * what the query holds is never parsed as HTML.
 */
import { createRoutes } from '../site/routes.ts';
import type { AlertNamesFile } from './alert-names-file.ts';
import { resolveAlertLink } from './resolve-alert-link.ts';

/** Resolves the page's query and leaves the page for where it leads; does nothing without one. */
export async function followAlertLink(): Promise<void> {
  const status = document.querySelector<HTMLElement>('[data-alert-link]');
  if (!status || window.location.search === '') return;
  const routes = createRoutes(status.dataset.base ?? '/');
  status.textContent = 'Looking up the rule…';
  const names = await fetchNames(routes.alertNames());
  const target = resolveAlertLink(window.location.search, names, routes);
  if (target === undefined) {
    status.textContent = 'The address names no alert: add ?name= or ?id=.';
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

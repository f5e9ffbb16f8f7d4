import { type Finding, formatPlace } from '../checks/findings.ts';

/** How many errors the dev server's banner lists before pointing to /problems/ for the rest. */
const ERRORS_SHOWN = 20;

/** The dev server's banner: the findings that would fail a build. */
export interface ContentErrorsView {
  /** Every such finding, also those not listed. */
  total: number;
  /** The first of them, each at `file:line:column`. */
  errors: { place: string; field?: string; message: string }[];
  /** Strict mode made warnings into errors. */
  strict: boolean;
}

/**
 * The banner's view of the findings that would fail a build, or undefined when there are none.
 * @example toContentErrorsView([{ severity: 'error', file: 'rules/a.yaml', line: 3, field: 'query', message: 'is required' }], false)
 *   // → { total: 1, errors: [{ place: 'rules/a.yaml:3', field: 'query', message: 'is required' }], strict: false }
 */
export function toContentErrorsView(blocking: readonly Finding[], strict: boolean): ContentErrorsView | undefined {
  if (blocking.length === 0) return undefined;
  const errors = blocking.slice(0, ERRORS_SHOWN).map((finding) => ({
    place: formatPlace(finding),
    ...(finding.field === undefined ? {} : { field: finding.field }),
    message: finding.message,
  }));
  return { total: blocking.length, errors, strict };
}

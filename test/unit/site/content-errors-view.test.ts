import { describe, expect, test } from 'vitest';
import type { Finding } from '../../../src/checks/findings.ts';
import { toContentErrorsView } from '../../../src/site/content-errors-view.ts';

const YAML_ERROR: Finding = {
  severity: 'error',
  file: 'rules/pdq.yaml',
  line: 3,
  column: 1,
  message: 'invalid YAML: missed comma between flow collection entries',
};
const MISSING_QUERY: Finding = { severity: 'error', file: 'rules/a.yaml', field: 'query', message: 'is required' };

describe('toContentErrorsView', () => {
  test('no errors, no banner', () => {
    expect(toContentErrorsView([], false)).toBeUndefined();
  });

  test('each error at its place, with its field when it has one', () => {
    expect(toContentErrorsView([YAML_ERROR, MISSING_QUERY], true)).toMatchInlineSnapshot(`
      {
        "errors": [
          {
            "message": "invalid YAML: missed comma between flow collection entries",
            "place": "rules/pdq.yaml:3:1",
          },
          {
            "field": "query",
            "message": "is required",
            "place": "rules/a.yaml",
          },
        ],
        "strict": true,
        "total": 2,
      }
    `);
  });

  test('a long list is cut, with the total kept for the link to the rest', () => {
    const many = Array.from({ length: 45 }, (_, index) => ({ ...YAML_ERROR, line: index + 1 }));
    const view = toContentErrorsView(many, false);
    expect(view?.total).toBe(45);
    expect(view?.errors).toHaveLength(20);
    expect(view?.errors.at(-1)?.place).toBe('rules/pdq.yaml:20:1');
  });
});

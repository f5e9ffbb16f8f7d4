import { describe, expect, test } from 'vitest';
import { toPageFile } from '../../../src/integrations/prune-output.ts';

describe('toPageFile', () => {
  test.each([
    { pathname: '', file: 'index.html' },
    { pathname: '/', file: 'index.html' },
    { pathname: 'rules/pdq/', file: 'rules/pdq/index.html' },
    { pathname: 'rules/pdq', file: 'rules/pdq/index.html' },
  ])('$pathname → $file', ({ pathname, file }) => {
    expect(toPageFile(pathname)).toBe(file);
  });
});

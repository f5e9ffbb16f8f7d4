import { afterEach, describe, expect, test, vi } from 'vitest';
import { takeOptions } from '../../../src/cli/run-directly.ts';

const USAGE = 'Usage: node src/cli/example.ts [--rules N]';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('takeOptions', () => {
  test('hands back the options of a good command line', () => {
    expect(takeOptions({ kind: 'run', options: { rules: 5000 } }, USAGE)).toEqual({ rules: 5000 });
    expect(process.exitCode).toBeUndefined();
  });

  test('answers --help with the usage and nothing to run', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    expect(takeOptions({ kind: 'help' }, USAGE)).toBeUndefined();
    expect(log).toHaveBeenCalledWith(USAGE);
    expect(process.exitCode).toBeUndefined();
  });

  test('answers a bad command line with the error and the usage, and exit code 2', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(
      takeOptions({ kind: 'error', message: '--rules needs a positive whole number, got "x"' }, USAGE),
    ).toBeUndefined();
    expect(error).toHaveBeenCalledWith(`error: --rules needs a positive whole number, got "x"\n${USAGE}`);
    expect(process.exitCode).toBe(2);
  });
});

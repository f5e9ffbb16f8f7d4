import { expect, test } from 'vitest';
import { parseBenchArgs } from '../../../bench/bench-args.ts';

test('reads the options and rejects a bad rule count', () => {
  expect(parseBenchArgs(['--rules', '5000', '--rebuild'])).toEqual({
    kind: 'run',
    options: { rules: 5000, seed: 1, keep: false, rebuild: true, check: false },
  });
  expect(parseBenchArgs(['--check'])).toMatchObject({ kind: 'run', options: { check: true } });
  expect(parseBenchArgs(['--rules', 'many']).kind).toBe('error');
});

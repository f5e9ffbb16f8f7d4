import { expect, test } from 'vitest';
import { parseBenchArgs } from '../../../bench/bench-args.ts';

test('reads the options and rejects a bad rule count', () => {
  expect(parseBenchArgs(['--rules', '5000', '--rebuild'])).toEqual({
    kind: 'run',
    options: { rules: 5000, seed: 1, keep: false, rebuild: true, check: false, shape: 'mixed' },
  });
  expect(parseBenchArgs(['--check'])).toMatchObject({ kind: 'run', options: { check: true } });
  expect(parseBenchArgs(['--rules', 'many']).kind).toBe('error');
});

test.each([
  [['--pair'], { pairs: 3, shape: 'anchor' }],
  [['--pair', '--pairs', '5', '--rules', '200'], { pairs: 5, rules: 200, shape: 'anchor' }],
  [['--pair', '--shape', 'mixed'], { pairs: 3, shape: 'mixed' }],
  [['--shape', 'anchor'], { shape: 'anchor' }],
  [['--pair', '--against', '54866bf'], { pairs: 3, against: '54866bf' }],
  [['--pair', '--against=main', '--pairs', '1'], { pairs: 1, against: 'main' }],
])('%j reads as %j', (argv, expected) => {
  expect(parseBenchArgs(argv)).toMatchObject({ kind: 'run', options: expected });
});

test('without --pair there are no pairs, and without --against no ref', () => {
  const parsed = parseBenchArgs(['--shape', 'anchor']);
  expect(parsed.kind === 'run' && parsed.options.pairs).toBeUndefined();
  const paired = parseBenchArgs(['--pair']);
  expect(paired.kind === 'run' && 'against' in paired.options).toBe(false);
});

test.each([
  [['--pairs', '3'], /--pairs needs --pair/],
  [['--pair', '--pairs', '0'], /--pairs needs a positive whole number/],
  [['--pair', '--pairs', 'x'], /--pairs needs a positive whole number/],
  [['--shape', 'tiny'], /--shape is one of mixed, anchor/],
  [['--pair', '--rebuild'], /cold builds only/],
  [['--pair', '--check'], /cold builds only/],
  [['--against', 'main'], /--against needs --pair/],
  [['--pair', '--against', ''], /--against needs a git ref or commit/],
  [['--pair', '--against=-p'], /--against needs a git ref or commit/],
  [['--pair', '--against'], /--against/],
])('%j is refused: %s', (argv, message) => {
  const parsed = parseBenchArgs(argv);
  expect(parsed.kind).toBe('error');
  expect(parsed.kind === 'error' && parsed.message).toMatch(message);
});

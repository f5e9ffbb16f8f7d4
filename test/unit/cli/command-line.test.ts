import { describe, expect, test } from 'vitest';
import { type FlagSpecs, formatFlags, parseCommandLine } from '../../../src/cli/command-line.ts';

const FLAGS: FlagSpecs = {
  config: { type: 'string', short: 'c', value: 'FILE', description: 'settings file' },
  strict: { type: 'boolean', description: 'fail on warnings too' },
};

describe('parseCommandLine', () => {
  test('reads long and short flags, with and without =', () => {
    expect(parseCommandLine(['-c', 'a.yaml', '--strict'], FLAGS)).toEqual({
      kind: 'run',
      values: { config: 'a.yaml', strict: true },
      positionals: [],
    });
    expect(parseCommandLine(['--config=b.yaml'], FLAGS)).toMatchObject({ values: { config: 'b.yaml' } });
  });

  test('--help or -h anywhere asks for help', () => {
    expect(parseCommandLine(['--strict', '-h'], FLAGS)).toEqual({ kind: 'help' });
  });

  test.each([
    { argv: ['--stric'], message: 'unknown flag --stric (did you mean --strict?)' },
    { argv: ['--config-file=x'], message: 'unknown flag --config-file (flags: --config, --strict, --help)' },
    { argv: ['-x'], message: 'unknown flag -x (flags: --config, --strict, --help)' },
    { argv: ['rules/'], message: 'unexpected argument "rules/"' },
  ])('$argv is an error: $message', ({ argv, message }) => {
    expect(parseCommandLine(argv, FLAGS)).toEqual({ kind: 'error', message });
  });

  test('a string flag without its value is an error naming the flag', () => {
    const parsed = parseCommandLine(['--config'], FLAGS);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toContain('--config');
  });

  test('positionals are kept when the command takes them', () => {
    expect(parseCommandLine(['a', 'b'], FLAGS, { positionals: 'any' })).toMatchObject({ positionals: ['a', 'b'] });
  });
});

describe('formatFlags', () => {
  test('lines up every flag with its description, help included', () => {
    expect(formatFlags(FLAGS).split('\n')).toEqual([
      '  -c, --config FILE  settings file',
      '      --strict       fail on warnings too',
      '  -h, --help         show this help',
    ]);
  });
});

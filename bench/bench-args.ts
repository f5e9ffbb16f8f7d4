import { parseArgs } from 'node:util';
import type { ParsedArgs } from '../src/cli/run-directly.ts';

export const USAGE = 'Usage: node bench/bench.ts [--rules N] [--seed S] [--keep] [--rebuild] [--check] [--out DIR]';

const POSITIVE_INTEGER_RE = /^[1-9]\d*$/;
const INTEGER_RE = /^\d+$/;

/** What one benchmark run does, read from its command line. */
export interface BenchOptions {
  rules: number;
  seed: number;
  keep: boolean;
  rebuild: boolean;
  /** Also times `huntbook check` on the corpus, with a cold cache and then a warm one. */
  check: boolean;
  /** Folder for the run's corpus, site and cache; defaults to `.huntbook/bench/<N>-<seed>`. */
  out?: string;
}

export type ParsedBenchArgs = ParsedArgs<BenchOptions>;

/**
 * Reads the command line into options without touching the file system.
 * @example parseBenchArgs(['--rules', '5000', '--rebuild']) // → {kind: 'run', options: {rules: 5000, seed: 1, keep: false, rebuild: true}}
 */
export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
  let values: ReturnType<typeof readArgValues>;
  try {
    values = readArgValues(argv);
  } catch (cause) {
    return { kind: 'error', message: cause instanceof Error ? cause.message : String(cause) };
  }
  if (values.help) return { kind: 'help' };
  if (!POSITIVE_INTEGER_RE.test(values.rules))
    return { kind: 'error', message: `--rules needs a positive whole number, got "${values.rules}"` };
  if (!INTEGER_RE.test(values.seed))
    return { kind: 'error', message: `--seed needs a whole number, got "${values.seed}"` };
  if (values.out !== undefined && values.out.trim() === '') return { kind: 'error', message: '--out needs a folder' };
  return {
    kind: 'run',
    options: {
      rules: Number(values.rules),
      seed: Number(values.seed),
      keep: values.keep,
      rebuild: values.rebuild,
      check: values.check,
      ...(values.out === undefined ? {} : { out: values.out }),
    },
  };
}

function readArgValues(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    options: {
      rules: { type: 'string', default: '1000' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      rebuild: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
}

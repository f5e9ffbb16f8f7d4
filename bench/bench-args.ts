import { parseArgs } from 'node:util';
import type { ParsedArgs } from '../src/cli/run-directly.ts';

export const USAGE =
  'Usage: node bench/bench.ts [--rules N] [--seed S] [--shape mixed|anchor] [--keep] [--rebuild] [--check] [--out DIR]\n' +
  '       node bench/bench.ts --pair [--pairs N] [--against REF] [--rules N] [--seed S] [--shape mixed|anchor] [--keep] [--out DIR]';

/** The corpus generators: `mixed` (tools, runbooks, varied queries) and `anchor` (the PDQ rule's shape, no runbooks). */
export const SHAPES = ['mixed', 'anchor'] as const;
export type CorpusShape = (typeof SHAPES)[number];

const POSITIVE_INTEGER_RE = /^[1-9]\d*$/;
const INTEGER_RE = /^\d+$/;
const DEFAULT_PAIRS = 3;

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
  /** Which generator draws the corpus; `anchor` with --pair unless given, `mixed` otherwise. */
  shape: CorpusShape;
  /** With a number of pairs: builds the bare Astro site and Huntbook's site in turn, that many times. */
  pairs?: number;
  /** With --pair: a git ref or commit whose Huntbook also builds the corpus in every pair, between the bare site and this tree. */
  against?: string;
}

export type ParsedBenchArgs = ParsedArgs<BenchOptions>;

/**
 * Reads the command line into options without touching the file system.
 * @example parseBenchArgs(['--rules', '5000', '--rebuild']) // → {kind: 'run', options: {rules: 5000, seed: 1, keep: false, rebuild: true, check: false, shape: 'mixed'}}
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
  if (values.shape !== undefined && !(SHAPES as readonly string[]).includes(values.shape))
    return { kind: 'error', message: `--shape is one of ${SHAPES.join(', ')}, got "${values.shape}"` };
  if (values.pairs !== undefined && !values.pair) return { kind: 'error', message: '--pairs needs --pair' };
  if (values.pairs !== undefined && !POSITIVE_INTEGER_RE.test(values.pairs))
    return { kind: 'error', message: `--pairs needs a positive whole number, got "${values.pairs}"` };
  if (values.against !== undefined && !values.pair) return { kind: 'error', message: '--against needs --pair' };
  // A ref is handed to git as an argument; one that starts with '-' would read as an option.
  if (values.against !== undefined && (values.against.trim() === '' || values.against.startsWith('-')))
    return { kind: 'error', message: `--against needs a git ref or commit, got "${values.against}"` };
  if (values.pair && (values.rebuild || values.check))
    return { kind: 'error', message: '--pair times cold builds only; leave out --rebuild and --check' };
  return {
    kind: 'run',
    options: {
      rules: Number(values.rules),
      seed: Number(values.seed),
      keep: values.keep,
      rebuild: values.rebuild,
      check: values.check,
      ...(values.out === undefined ? {} : { out: values.out }),
      shape: (values.shape as CorpusShape | undefined) ?? (values.pair ? 'anchor' : 'mixed'),
      ...(values.pair ? { pairs: Number(values.pairs ?? DEFAULT_PAIRS) } : {}),
      ...(values.against === undefined ? {} : { against: values.against.trim() }),
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
      shape: { type: 'string' },
      pair: { type: 'boolean', default: false },
      pairs: { type: 'string' },
      against: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
}

/**
 * Sigma's `windash` modifier: a `-` or `/` that starts a word (a command-line switch) may be
 * written with any of the characters Windows tools accept there. Every combination is tried,
 * as pySigma does: `-`, `/`, en dash, em dash and horizontal bar.
 */

export const WINDASH_CHARACTERS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;

/** More switches than this in one value would mean thousands of alternatives. */
const MAX_SWITCHES = 3;

const SWITCH_RE = /\B[-/]\b/g;

/**
 * All the spellings of a value's switches; `undefined` when there are too many to list.
 * @example expandWindash('-enc') // → ['-enc', '/enc', '–enc', '—enc', '―enc']
 */
export function expandWindash(value: string): string[] | undefined {
  const pieces = value.split(SWITCH_RE);
  if (pieces.length - 1 > MAX_SWITCHES) return undefined;
  let variants = [pieces[0] as string];
  for (const piece of pieces.slice(1)) {
    variants = variants.flatMap((prefix) => WINDASH_CHARACTERS.map((dash) => prefix + dash + piece));
  }
  return variants;
}

/**
 * Sigma string values: `*` and `?` are wildcards, `\*`, `\?` and `\\` stand for the character
 * itself, and any other backslash is a plain backslash (so `C:\Windows\` needs no escaping).
 */

export type SigmaPart = { kind: 'text'; text: string } | { kind: 'any' } | { kind: 'one' };

/**
 * @example toSigmaParts('*\\AnyDesk\\*.exe') // → [any, text '\\AnyDesk\\*.exe'] — the `\*` is literal
 */
export function toSigmaParts(value: string): SigmaPart[] {
  const parts: SigmaPart[] = [];
  let text = '';
  for (let index = 0; index < value.length; index++) {
    const character = value[index] as string;
    const next = value[index + 1];
    if (character === '\\' && (next === '*' || next === '?' || next === '\\')) {
      text += next;
      index++;
    } else if (character === '*' || character === '?') {
      if (text) parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: character === '*' ? 'any' : 'one' });
    } else {
      text += character;
    }
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** A value read for matching: the operator it needs and its text or regular expression. */
export type SigmaPattern =
  | { kind: 'equals' | 'contains' | 'startswith' | 'endswith'; text: string }
  | { kind: 'regex'; regex: string }
  | { kind: 'anything' };

/**
 * How a Sigma value with wildcards matches: wildcards only at the ends become contains/
 * startswith/endswith, anything else an anchored regular expression.
 * @example toSigmaPattern(toSigmaParts('*\\AnyDesk.exe')) // → { kind: 'endswith', text: '\\AnyDesk.exe' }
 */
export function toSigmaPattern(parts: readonly SigmaPart[]): SigmaPattern {
  if (parts.length === 0) return { kind: 'equals', text: '' };
  const texts = parts.filter((part) => part.kind === 'text');
  if (texts.length === 0 && parts.every((part) => part.kind === 'any')) return { kind: 'anything' };
  if (texts.length === 1 && parts.every((part) => part.kind !== 'one')) {
    const text = (texts[0] as { text: string }).text;
    const leading = parts[0]?.kind === 'any';
    const trailing = parts.at(-1)?.kind === 'any';
    const kind = leading && trailing ? 'contains' : leading ? 'endswith' : trailing ? 'startswith' : 'equals';
    if (parts.length <= 3) return { kind, text };
  }
  return { kind: 'regex', regex: `^${parts.map(toRegexPart).join('')}$` };
}

function toRegexPart(part: SigmaPart): string {
  if (part.kind === 'any') return '.*';
  if (part.kind === 'one') return '.';
  return escapeRegex(part.text);
}

/** RE2 (what KQL's `matches regex` runs) takes the same escapes as JavaScript here. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

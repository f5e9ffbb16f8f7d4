/**
 * KQL string literals that no value can break out of: a verbatim `@'…'` literal (quotes
 * doubled) when the value has a backslash, as Windows paths do, so that it reads as written;
 * otherwise a plain `'…'` literal with backslash escapes. A verbatim literal cannot hold a line
 * break, so a value with control characters always gets the escaped form. Nor does a backslash
 * right before a quote (`C:\Program Files\AnyDesk\`): Kusto reads it right, but the highlighter's
 * grammar takes `\'` for an escaped quote and colours the rest of the query as one string.
 */

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * @example toKqlString('\\AnyDesk.exe') // → "@'\\AnyDesk.exe'"
 * @example toKqlString("it's") // → "'it\\'s'"
 * @example toKqlString('C:\\Program Files\\AnyDesk\\') // → "'C:\\\\Program Files\\\\AnyDesk\\\\'"
 */
export function toKqlString(value: string): string {
  const characters = [...value];
  const verbatim = `@'${value.replaceAll("'", "''")}'`;
  if (value.includes('\\') && !characters.some(isControl) && !verbatim.includes("\\'")) return verbatim;
  return `'${characters.map(escapeCharacter).join('')}'`;
}

function isControl(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

function escapeCharacter(character: string): string {
  const escaped = ESCAPES[character];
  if (escaped) return escaped;
  if (!isControl(character)) return character;
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

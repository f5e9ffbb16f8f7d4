const QUOTE_RE = /'/g;

/** Single-quoted YAML scalar: the one form that needs no escaping beyond doubled quotes. */
export function quote(text: string): string {
  return `'${text.replace(QUOTE_RE, "''")}'`;
}

export function toYamlList(key: string, items: readonly string[]): string[] {
  if (items.length === 0) return [`${key}: []`];
  return [`${key}:`, ...items.map((item) => `  - ${quote(item)}`)];
}

/** A `|` block scalar, the way Sentinel repositories keep descriptions and queries. */
export function toBlock(key: string, text: string): string[] {
  return [
    `${key}: |`,
    ...text
      .replace(/\n$/, '')
      .split('\n')
      .map((line) => (line === '' ? '' : `  ${line}`)),
  ];
}

/** Text that is safe inside a KQL single-quoted literal and a YAML block. */
export function literal(text: string): string {
  return text.replace(QUOTE_RE, '');
}

import { createHash } from 'node:crypto';

/**
 * Gives every rule file a key of its own, for everything that must tell rules apart: content
 * collection entries, slugs, the sets of rules per technique. A rule's key is its id, except
 * when an earlier file (in the order given, path order) has the same id: then it is the id
 * and a short digest of the file's path, which does not depend on which other files exist.
 * @example assignRuleKeys([{ file: 'Detections/a.yaml', rule: { id } }, { file: 'Solutions/a.yaml', rule: { id } }])
 *   // → [id, `${id}-1c2d3e4f`]
 */
export function assignRuleKeys(rules: readonly { file: string; rule: { id: string } }[]): string[] {
  const seen = new Set<string>();
  return rules.map(({ file, rule }) => {
    if (!seen.has(rule.id)) {
      seen.add(rule.id);
      return rule.id;
    }
    return `${rule.id}-${createHash('sha256').update(file).digest('hex').slice(0, 8)}`;
  });
}

/**
 * What a rule's key adds to its id: nothing for the first file with an id, `-<digest>` for the others.
 * @example toKeySuffix(`${id}-1c2d3e4f`, id) // → '-1c2d3e4f'
 */
export function toKeySuffix(key: string, id: string): string {
  return key.startsWith(id) ? key.slice(id.length) : '';
}

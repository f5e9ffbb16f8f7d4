import { createHash } from 'node:crypto';

/**
 * The one digest of the build cache: SHA-256 of the parts, each after the first preceded by a
 * NUL, as 64 hex digits. Every cache key, content digest and page key is made with it, so
 * "what does this item depend on" has one answer: the parts given here. One part alone is its
 * plain SHA-256, which search sharding relies on to spread pages the same way every build.
 * @example digest('T | take 1') // → 'a3f1…' (64 hex digits)
 * @example digest(producerDigest, file, text) // a rule file's parse key
 */
export function digest(...parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  parts.forEach((part, index) => {
    if (index > 0) hash.update('\0');
    hash.update(part);
  });
  return hash.digest('hex');
}

/**
 * A full garbage collection on request. The loader's process waits idle for the query workers
 * once the rules are parsed, holding the parse's garbage (YAML documents, file texts): V8
 * collects only when a script allocates, so without a nudge that garbage stays resident
 * through the workers' busiest time, when the build's memory peaks (docs/performance.md).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The options of V8's `gc` extension; `last-resort` also gives back the pages it empties. */
type CollectGarbage = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

let collect: CollectGarbage | undefined;

/**
 * Runs a full, synchronous garbage collection and returns freed pages to the system.
 * @example collectGarbage(); // after dropping the last reference to a large parse
 */
export function collectGarbage(): void {
  if (!collect) {
    // `gc` appears only in contexts made while the flag is on; it is turned off again at once,
    // so no other code (Astro's, a page's) finds a `gc` it did not ask for.
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as CollectGarbage;
    setFlagsFromString('--no-expose-gc');
  }
  // A plain collection keeps the emptied pages for later; only this flavour returns them.
  collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

import { describe, expect, test } from 'vitest';
import { type LogLine, measurePhases } from '../../../bench/build-log.ts';

describe('reading the build log', () => {
  /** Log lines one second apart, as the build prints them. */
  const stamp = (texts: string[]): LogLine[] => texts.map((text, index) => ({ at: (index + 1) * 1000, text }));
  const log = stamp([
    '08:48:16 [content] Syncing content',
    '08:48:16 [content] Synced content',
    '08:48:16 [build] ✓ Completed in 641ms.',
    '08:48:16 [build] Building static entrypoints...',
    '08:48:17 [build] Rearranging server assets...',
    ' generating static routes ',
    '08:48:17 ✓ Completed in 211ms.',
    '08:48:17 [build] ✓ Completed in 637ms.',
    '08:48:17 [build] 68 page(s) built in 1.29s',
    'Running Pagefind v1.6.0 (Extended)',
    'Finished in 0.039 seconds',
  ]);

  test('times phases by line arrival and keeps what the log reported', () => {
    const phases = Object.fromEntries(measurePhases(log).map((phase) => [phase.phase, phase]));
    expect(phases.content).toMatchObject({ startSeconds: 1, seconds: 1 });
    // Rendering ends at the first completion line after it starts, not the earlier one.
    expect(phases.render).toMatchObject({ startSeconds: 6, seconds: 1, reported: '211ms' });
    expect(phases.astro).toMatchObject({ startSeconds: 0, seconds: 9, reported: '1.29s' });
    expect(phases.index).toMatchObject({ startSeconds: 10, seconds: 1, reported: '0.039s' });
  });

  test("recognises the project's own search-indexing lines", () => {
    const lines = stamp([
      '08:48:17 [build] 68 page(s) built in 1.29s',
      '[search] Indexing /tmp/site',
      '[search] Indexed 68 pages in 3.32s',
    ]);
    expect(measurePhases(lines).find((phase) => phase.phase === 'index')).toMatchObject({
      startSeconds: 2,
      seconds: 1,
      reported: '3.32s',
    });
  });

  test('keeps minute-long durations as Astro prints them', () => {
    const lines = stamp(['08:48:17 [build] 10220 page(s) built in 1m 12s']);
    expect(measurePhases(lines).find((phase) => phase.phase === 'astro')?.reported).toBe('1m 12s');
  });

  test('leaves out a phase the log never shows', () => {
    const phases = measurePhases(log.slice(0, 9)).map((phase) => phase.phase);
    expect(phases).toEqual(['content', 'bundle', 'render', 'astro']);
  });
});

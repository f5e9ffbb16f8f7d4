/** The detection as written, for the rule page. */
import { readDetection } from './detection.ts';
import type { DetectionSummary } from './types.ts';

/**
 * The selections and the condition(s); never throws, whatever the detection holds.
 * @example summariseDetection({ sel: { Image: 'a' }, condition: 'sel' }).condition // → ['sel']
 */
export function summariseDetection(detection: unknown): DetectionSummary {
  return readDetection(detection).summary;
}

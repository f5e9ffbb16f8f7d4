/** Sigma detection logic → KQL for Defender XDR advanced hunting: the public API of src/sigma. */
export { convertSigmaToKql } from './convert.ts';
export { summariseDetection } from './summary.ts';
export { toSigmaTelemetry } from './telemetry.ts';
export type {
  DetectionItem,
  DetectionSelection,
  DetectionSummary,
  SigmaConversion,
  SigmaLogsource,
} from './types.ts';
export { listDetectionValues, listSelectionValues } from './values.ts';

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../build-cache/write-file-atomically.ts';
import type { BuildReport } from './build-report.ts';

/** The site model leaves the report here; the build-report integration prints it when the build is done. */
const REPORT_FILE = 'build-report.json';

/** @example writeBuildReport(cacheDir, toBuildReport(findings, reports)) */
export function writeBuildReport(cacheDir: string, report: BuildReport): void {
  writeFileAtomically(join(cacheDir, REPORT_FILE), JSON.stringify(report));
}

/** The report this build's site model wrote, if it got that far. */
export function readBuildReport(cacheDir: string): BuildReport | undefined {
  try {
    return JSON.parse(readFileSync(join(cacheDir, REPORT_FILE), 'utf8')) as BuildReport;
  } catch {
    return undefined;
  }
}

/** Forgets the last build's report, so a build never prints one it did not make. */
export function removeBuildReport(cacheDir: string): void {
  rmSync(join(cacheDir, REPORT_FILE), { force: true });
}

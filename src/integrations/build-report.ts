import type { AstroIntegration } from 'astro';
import { readBuildReport, removeBuildReport } from '../site/build-report-fs.ts';
import { createRoutes } from '../site/routes.ts';

export interface BuildReportOptions {
  /** The configured base path, for the address of /problems/. */
  base: string;
  /** The build cache folder, where the site model leaves its report. */
  cacheDir: string;
}

/**
 * Ends the build log with every finding of the content, grouped, and a total: printed when
 * the build is done, so it is the last thing an author reads, after the pages. A build that
 * failed on its content printed the same list in its error instead.
 * @example defineConfig({ integrations: [buildReport({ base: site.base, cacheDir: site.cacheDir })] })
 */
export function buildReport(options: BuildReportOptions): AstroIntegration {
  return {
    name: 'huntbook-build-report',
    hooks: {
      'astro:build:start': () => removeBuildReport(options.cacheDir),
      'astro:build:done': ({ logger }) => {
        const report = readBuildReport(options.cacheDir);
        if (!report) return;
        for (const line of report.lines) logger.warn(line);
        for (const line of report.folders ?? []) logger.info(line);
        const problems = createRoutes(options.base).problems();
        logger.info(report.findings > 0 ? `${report.summary} (see ${problems})` : report.summary);
      },
    },
  };
}

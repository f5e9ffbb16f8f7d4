import { toSarifLog } from '../checks/sarif.ts';
import { getSiteModel } from './data.ts';
import { type ProblemsView, toProblemsView } from './problem-views.ts';
import { exportRoutes, routes } from './settings.ts';

/** Every finding of the build, by kind, for /problems/ and the home page's link to it. */
export async function getProblems(): Promise<ProblemsView> {
  return toProblemsView(await getSiteModel(), routes);
}

/**
 * The body of `/api/problems.json`: every finding by kind, with links to the rule pages.
 * @example JSON.parse(await getProblemsJson()).kinds[0].code // → 'kql-syntax'
 */
export async function getProblemsJson(): Promise<string> {
  return `${JSON.stringify(toProblemsView(await getSiteModel(), exportRoutes), null, 2)}\n`;
}

/**
 * The body of `/api/problems.sarif`: every finding as SARIF 2.1.0, with paths relative to
 * `sourceRoot` (the repository checkout), as code-scanning tools expect.
 * @example JSON.parse(await getProblemsSarif()).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri // → 'rules/a.yaml'
 */
export async function getProblemsSarif(): Promise<string> {
  const { findings } = await getSiteModel();
  // The model's paths are already relative to sourceRoot (published-paths.ts).
  const log = toSarifLog(findings, { toolName: 'Huntbook', toRepositoryUri: (file) => file });
  return `${JSON.stringify(log, null, 2)}\n`;
}

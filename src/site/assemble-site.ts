import type { AttackIndex } from '../attack/attack.ts';
import type { CollectionReport } from '../build-cache/content-findings.ts';
import { applyStrictMode, type Finding, hasErrors, type PublishTally } from '../checks/findings.ts';
import type { CatalogTool } from '../loaders/read-tools.ts';
import { buildSiteModel, type RuleSource, type RunbookSource, type SiteModel } from '../model/site-model.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { type BuildReport, toBuildReport } from './build-report.ts';

/** What the loaders read: each collection's records and its report (findings and counts). */
export interface SiteContent {
  rules: readonly RuleSource[];
  runbooks: readonly RunbookSource[];
  tools: readonly CatalogTool[];
  reports: {
    rules: CollectionReport;
    runbooks: Pick<CollectionReport, 'findings' | 'excluded'>;
    tools: Pick<CollectionReport, 'findings' | 'excluded'>;
  };
}

/** The site model with every finding of the build, as the build and `huntbook check` both see it. */
export interface AssembledSite {
  model: SiteModel;
  /** The end of the build log: findings grouped, folder counts and the total. */
  report: BuildReport;
  /** Every finding, warnings made errors in strict mode. */
  findings: Finding[];
  /** True when the build stops: an error, or in strict mode any finding. */
  failed: boolean;
  /** Rule files read and rules that could be read, for the closing line. */
  tally: PublishTally;
}

/**
 * Joins what the loaders read into the site model and collects every finding in the order the
 * log lists them: the settings', the rules', the runbooks', the tools', then the cross-file
 * checks'. The build (src/site/data.ts) and `huntbook check` (check-content.ts) both come
 * through here, so a check reports exactly what a build would.
 * @example assembleSite(content, { attack, config }).report.summary // → 'Published 181 rules from 181 files: 41 warnings in 37 files'
 */
export function assembleSite(
  content: SiteContent,
  context: {
    attack: AttackIndex;
    config: Pick<SiteConfig, 'findings' | 'strict' | 'sourceRepositoryUrl' | 'sourceRoot'>;
  },
): AssembledSite {
  const { config } = context;
  const { model } = buildSiteModel({
    rules: content.rules,
    runbooks: content.runbooks,
    tools: content.tools,
    attack: context.attack,
    config,
    findings: [
      ...config.findings,
      ...content.reports.rules.findings,
      ...content.reports.runbooks.findings,
      ...content.reports.tools.findings,
    ],
  });
  const report = toBuildReport(model.findings, content.reports, { strict: config.strict });
  const findings = applyStrictMode(model.findings, config.strict);
  const tally = { ruleFiles: content.reports.rules.files, rules: content.reports.rules.published };
  return { model, report, findings, failed: hasErrors(findings), tally };
}

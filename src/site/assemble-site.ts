import type { AttackIndex } from '../attack/attack.ts';
import type { CollectionReport } from '../build-cache/content-findings.ts';
import { applyStrictMode, type Finding, hasErrors, type PublishTally } from '../checks/findings.ts';
import { findUnlinkedSourceFiles } from '../checks/source-links.ts';
import { toDisplayPath } from '../loaders/content-fs.ts';
import type { CatalogTool } from '../loaders/read-tools.ts';
import { buildSiteModel, type RuleSource, type RunbookSource, type SiteModel } from '../model/site-model.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { type BuildReport, toBuildReport } from './build-report.ts';
import { createPathPublisher, toPathRoots } from './published-paths.ts';

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
  /** What is published: every path in it relative to `sourceRoot` (published-paths.ts). */
  model: SiteModel;
  /** The end of the build log: findings grouped, folder counts and the total. */
  report: BuildReport;
  /**
   * Every finding as the log shows it: its file as the working directory sees it, so a
   * terminal can open it, with the severity the content gives it.
   */
  loggedFindings: Finding[];
  /** `loggedFindings`, warnings made errors in strict mode. */
  findings: Finding[];
  /** A path the log shows as pages publish it: what SARIF from `huntbook check` needs. */
  toPublishedPath: (file: string) => string;
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
    config: Pick<SiteConfig, 'findings' | 'strict' | 'sourceRepositoryUrl' | 'sourceRoot' | 'content' | 'configFile'>;
    /** The folder the log's relative paths start from. */
    cwd?: string;
  },
): AssembledSite {
  const { config } = context;
  const cwd = context.cwd ?? process.cwd();
  const paths = createPathPublisher(toPathRoots(config), cwd);
  const publishFinding = (finding: Finding): Finding => ({
    ...finding,
    file: paths.toPublishedPath(finding.file),
    message: paths.toPublishedText(finding.message),
  });
  const { model } = buildSiteModel({
    rules: content.rules.map((rule) => ({ ...rule, file: paths.toPublishedPath(rule.file) })),
    runbooks: content.runbooks.map((runbook) => ({ ...runbook, file: paths.toPublishedPath(runbook.file) })),
    tools: content.tools.map((tool) => ({ ...tool, files: tool.files.map(paths.toPublishedPath) })),
    attack: context.attack,
    config,
    findings: [
      ...config.findings,
      ...content.reports.rules.findings,
      ...content.reports.runbooks.findings,
      ...content.reports.tools.findings,
      ...findUnlinkedSourceFiles(
        content.rules,
        config,
        toDisplayPath(config.configFile ?? 'huntbook.config.yaml', cwd),
      ),
    ].map(publishFinding),
  });
  const loggedFindings = model.findings.map((finding) => ({ ...finding, file: paths.toLocal(finding.file) }));
  const report = toBuildReport(loggedFindings, content.reports, { strict: config.strict });
  const findings = applyStrictMode(loggedFindings, config.strict);
  const tally = { ruleFiles: content.reports.rules.files, rules: content.reports.rules.published };
  return {
    model,
    report,
    loggedFindings,
    findings,
    failed: hasErrors(findings),
    tally,
    toPublishedPath: paths.toPublishedPath,
  };
}

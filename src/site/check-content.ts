/**
 * `huntbook check`'s engine: reads and validates everything a build does — rule YAML with its
 * repairs, schemas, queries parsed by the Kusto service, ATT&CK, data connectors, runbooks,
 * the tool catalog, the cross-file and coverage checks — and renders nothing. No Astro, no
 * Markdown, no highlighting, no search index: a pull request waits only for the checks. The
 * build cache is shared with builds, so a check after a build (or a second check) parses and
 * analyzes only what changed.
 */
import { loadAttackIndex } from '../attack/attack-fs.ts';
import { readRulesWithQueryWork } from '../loaders/read-rules-with-queries.ts';
import { readRunbooks, toRunbookData } from '../loaders/read-runbooks.ts';
import { readTools } from '../loaders/read-tools.ts';
import type { SiteConfig } from '../schemas/site-config.ts';
import { type AssembledSite, assembleSite } from './assemble-site.ts';

export type ContentCheck = AssembledSite;

/**
 * Checks the content the settings name, the way a build would.
 * @example (await checkContent(loadSiteConfig())).report.lines // → ['rules/a.yaml:7:5 relevantTechniques: …']
 */
export async function checkContent(
  config: SiteConfig,
  logger: { warn: (message: string) => void } = { warn: () => {} },
): Promise<ContentCheck> {
  const rules = await readRulesWithQueryWork(config.content.rules, config, logger, {
    highlight: false,
    sigma: config.content.sigma,
  });
  const runbooks = readRunbooks(config.content.runbooks);
  const tools = readTools(config.content.tools);
  return assembleSite(
    {
      rules: rules.records,
      runbooks: runbooks.records.map(toRunbookData),
      tools: tools.records,
      reports: {
        rules: {
          findings: rules.findings,
          files: rules.filesRead,
          published: rules.records.length,
          folders: rules.folders,
        },
        runbooks: { findings: runbooks.findings, ...(runbooks.excluded.length ? { excluded: runbooks.excluded } : {}) },
        tools: { findings: tools.findings, ...(tools.excluded.length ? { excluded: tools.excluded } : {}) },
      },
    },
    { attack: loadAttackIndex(), config },
  );
}

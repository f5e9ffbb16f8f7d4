import { groupFindingsByKind } from '../checks/finding-kinds.ts';
import { type Finding, formatPlace, type Severity } from '../checks/findings.ts';
import type { RuleView, SiteModel } from '../model/site-model.ts';
import type { SiteRoutes } from './routes.ts';

/** One finding as /problems/ and its JSON export show it. */
export interface ProblemView {
  severity: Severity;
  code: string;
  file: string;
  line?: number;
  column?: number;
  /** `file:line:column`, as far as it is known. */
  place: string;
  field?: string;
  message: string;
  /** The rule the finding is about (its file, or its runbook's), with the address of its page. */
  rule?: { id: string; name: string; url: string };
}

/** Every finding of the build, by kind. */
export interface ProblemsView {
  kinds: { code: string; title: string; problems: ProblemView[] }[];
  total: number;
  /** Files with at least one finding. */
  files: number;
}

/**
 * The findings of the site model as /problems/ lists them: by kind, each tied to the rule whose
 * file (or runbook) it is about.
 * @example toProblemsView(model, routes).kinds[0].problems[0].place // → 'rules/a.yaml:25:29'
 */
export function toProblemsView(model: Pick<SiteModel, 'findings' | 'rules'>, routes: SiteRoutes): ProblemsView {
  const ruleOfFile = new Map<string, RuleView>();
  for (const rule of model.rules) {
    ruleOfFile.set(rule.file, rule);
    if (rule.runbook) ruleOfFile.set(rule.runbook.file, rule);
  }
  const toView = (finding: Finding, code: string): ProblemView => {
    const rule = ruleOfFile.get(finding.file);
    return {
      severity: finding.severity,
      code,
      file: finding.file,
      ...(finding.line === undefined ? {} : { line: finding.line }),
      ...(finding.column === undefined ? {} : { column: finding.column }),
      place: formatPlace(finding),
      ...(finding.field === undefined ? {} : { field: finding.field }),
      message: finding.message,
      ...(rule ? { rule: { id: rule.id, name: rule.name, url: routes.rule(rule.slug) } } : {}),
    };
  };
  const kinds = groupFindingsByKind(model.findings).map((kind) => ({
    code: kind.code,
    title: kind.title,
    problems: kind.findings.map((finding) => toView(finding, kind.code)),
  }));
  return { kinds, total: model.findings.length, files: new Set(model.findings.map((f) => f.file)).size };
}

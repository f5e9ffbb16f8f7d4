import type { ContentFolder } from './content-folders.ts';

/** What `huntbook init` prints besides the files it wrote: what it found, and what to do next. */

export interface InitFindings {
  rules: readonly ContentFolder[];
  runbooks: readonly ContentFolder[];
  /** package.json names huntbook, so `npx huntbook` runs the installed one. */
  installed: boolean;
}

/**
 * One line per folder found, with a warning for a folder that also holds other files of its
 * kind's extensions, which Huntbook would read and report.
 * @example describeFolders('rule', [{ path: 'Detections', contentFiles: 12, otherFiles: 0 }]) // → ['rule folder Detections (12 files)']
 */
export function describeFolders(kind: 'rule' | 'Sigma rule' | 'runbook', folders: readonly ContentFolder[]): string[] {
  if (folders.length === 0) return [`no ${kind} files found`];
  return folders.map((folder) => {
    const files = `${folder.contentFiles} ${folder.contentFiles === 1 ? 'file' : 'files'}`;
    const other =
      folder.otherFiles === 0
        ? ''
        : `; it also holds ${folder.otherFiles} other ${kind === 'runbook' ? 'Markdown' : 'YAML'} ${folder.otherFiles === 1 ? 'file' : 'files'}: add them to content.exclude or move them out`;
    return `${kind} folder ${folder.path} (${files}${other})`;
  });
}

/**
 * The steps after `init`, numbered, leaving out the ones already done.
 * @example formatNextSteps({ rules: [detections], runbooks: [], installed: true })
 *   // → 'Next steps:\n  1. npx huntbook new runbook --missing …'
 */
export function formatNextSteps(found: InitFindings): string {
  const steps = [
    ...(found.installed ? [] : ['npm install --save-dev huntbook   (adds the huntbook command to this repository)']),
    ...(found.rules.length === 0 ? ['name your rule folders under content.rules in huntbook.config.yaml'] : []),
    ...(found.runbooks.length === 0
      ? ['npx huntbook new runbook --missing   (a runbook skeleton for every rule, in runbooks/)']
      : []),
    'npx huntbook check   (every problem of the content, with its file and line)',
    'npx huntbook dev   (the site on your machine, updated as you edit)',
    'commit huntbook.config.yaml and .github/workflows/huntbook.yml, and choose "GitHub Actions" as the source under Settings > Pages',
  ];
  return ['Next steps:', ...steps.map((step, index) => `  ${index + 1}. ${step}`)].join('\n');
}

import type { Loader, LoaderContext } from 'astro/loaders';
import { formatFinding, throwOnErrors, type Finding } from '../lib/findings.ts';
import { loadAttackIndex } from '../lib/attack-fs.ts';
import { readRules, RULE_EXTENSIONS } from './read-rules.ts';
import { readRunbooks, RUNBOOK_EXTENSIONS } from './read-runbooks.ts';

/**
 * Content-layer loaders. Each reads its directories in full, fails the build on any error
 * finding (Astro itself only logs some content errors), and in `astro dev` reloads when a
 * file under its directories changes, so authors get a live preview.
 */

export function rulesLoader(dirs: readonly string[]): Loader {
  return {
    name: 'huntbook-rules',
    load: async (context) => {
      const load = async () => {
        const { records, findings } = readRules(dirs, loadAttackIndex());
        reportFindings(context, findings);
        context.store.clear();
        for (const record of records) {
          context.store.set({
            id: record.rule.id,
            data: { ...record },
            filePath: record.file,
            digest: context.generateDigest(JSON.stringify(record)),
          });
        }
      };
      await load();
      watchDirectories(context, dirs, RULE_EXTENSIONS, load);
    },
  };
}

export function runbooksLoader(dirs: readonly string[]): Loader {
  return {
    name: 'huntbook-runbooks',
    load: async (context) => {
      const load = async () => {
        const { records, findings } = readRunbooks(dirs);
        reportFindings(context, findings);
        context.store.clear();
        for (const record of records) {
          context.store.set({
            id: record.frontmatter.rule,
            data: { file: record.file, ...record.frontmatter },
            body: record.body,
            filePath: record.file,
            digest: context.generateDigest(JSON.stringify(record)),
            rendered: await context.renderMarkdown(record.body),
          });
        }
      };
      await load();
      watchDirectories(context, dirs, RUNBOOK_EXTENSIONS, load);
    },
  };
}

/** Logs warnings; throws one error that lists every error finding. */
function reportFindings(context: LoaderContext, findings: readonly Finding[]): void {
  for (const warning of throwOnErrors(findings)) context.logger.warn(formatFinding(warning));
}

function watchDirectories(
  context: LoaderContext,
  dirs: readonly string[],
  extensions: readonly string[],
  reload: () => Promise<void>,
): void {
  const { watcher } = context;
  if (!watcher) return;
  watcher.add([...dirs]);
  watcher.on('all', (_event, path) => {
    const inside = dirs.some((dir) => path.startsWith(dir));
    if (!inside || !extensions.some((ext) => path.toLowerCase().endsWith(ext))) return;
    // A broken file while editing must not stop the dev server: log and keep the last good content.
    reload().catch((error: unknown) => context.logger.error(error instanceof Error ? error.message : String(error)));
  });
}

import { writeRunbookSkeletons } from '../scaffold/new-runbooks-fs.ts';
import { type Command, EXIT } from './command.ts';
import { type FlagSpecs, formatFlags, readCommandLine, reportUsageError } from './command-line.ts';
import { CONFIG_FLAG, loadSettingsFor } from './settings-env.ts';

/** `huntbook new runbook`: a runbook skeleton for a rule, or for every rule without one. */

const FLAGS: FlagSpecs = {
  missing: { type: 'boolean', short: 'm', description: 'write one for every rule that has no runbook yet' },
  ...CONFIG_FLAG,
  force: { type: 'boolean', short: 'f', description: 'replace runbooks and files that already exist' },
};

const HELP = [
  'Usage: huntbook new runbook <rule id or rule file> [--config FILE] [--force]',
  '       huntbook new runbook --missing [--config FILE] [--force]',
  '',
  'Writes a runbook skeleton for a rule into the first runbooks folder of the settings: front',
  "matter with the rule's id, the catalog tool it matches, a hypothesis taken from its",
  'description and an empty list of false positives, then headings for the triage notes.',
  "The file is named like the rule's page; a rule that has a runbook keeps its file.",
  'Existing files are skipped unless --force is given.',
  '',
  formatFlags(FLAGS),
].join('\n');

export const newRunbookCommand: Command = {
  name: 'new runbook',
  summary: 'write a runbook skeleton for a rule, or for every rule without one',
  help: HELP,
  run: async (argv, io) => {
    const parsed = readCommandLine(argv, FLAGS, newRunbookCommand, io, { positionals: 'any' });
    if (typeof parsed === 'number') return parsed;
    const problem = describeArgumentProblem(parsed.positionals, parsed.values.missing);
    if (problem !== undefined) return reportUsageError(problem, newRunbookCommand, io);
    const settings = loadSettingsFor({ config: parsed.values.config as string | undefined }, io);
    if ('exitCode' in settings) return settings.exitCode;
    if (settings.config.content.runbooks.length === 0) {
      io.stderr('error: the settings name no runbooks folder (content.runbooks): there is nowhere to write');
      return EXIT.settings;
    }
    const outcome = await writeRunbookSkeletons(
      { rule: parsed.positionals[0], missing: parsed.values.missing === true, force: parsed.values.force === true },
      settings.config,
      io,
    );
    return outcome === 'done' ? EXIT.ok : outcome === 'usage' ? EXIT.usage : EXIT.findings;
  },
};

/** One rule, or --missing: never both, never neither. */
function describeArgumentProblem(positionals: readonly string[], missing: unknown): string | undefined {
  if (missing === true) return positionals.length > 0 ? '--missing takes no rule: give a rule or --missing' : undefined;
  if (positionals.length === 0) return 'give a rule id or rule file, or --missing for every rule without a runbook';
  if (positionals.length > 1) return `one rule at a time: unexpected argument "${positionals[1]}"`;
  return undefined;
}

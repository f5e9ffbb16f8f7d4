import { checkContent } from '../site/check-content.ts';
import { CHECK_FORMATS, type CheckFormat, formatCheckOutcome } from './check-output.ts';
import { type Command, EXIT } from './command.ts';
import { type FlagSpecs, formatFlags, readCommandLine, reportUsageError } from './command-line.ts';
import { CONFIG_FLAG, loadSettingsFor } from './settings-env.ts';

const FLAGS: FlagSpecs = {
  ...CONFIG_FLAG,
  strict: { type: 'boolean', description: 'fail on warnings too, not only on errors' },
  format: {
    type: 'string',
    short: 'f',
    value: 'FORMAT',
    description: `report format: ${CHECK_FORMATS.join(', ')} (default: text)`,
  },
};

export const checkCommand: Command = {
  name: 'check',
  summary: 'check the content as a build would, without building: for pull requests',
  help: [
    'Usage: huntbook check [--config FILE] [--strict] [--format text|json|sarif]',
    '',
    'Reads and validates the rules, runbooks and tool catalog as "huntbook build" does, queries',
    'parsed by the Kusto language service included, and lists the same findings, but writes no',
    'site. It shares the build cache, so a check after a build reads only what changed.',
    'Exit code 1 when a build would stop: content errors, or with --strict any warning.',
    '',
    formatFlags(FLAGS),
  ].join('\n'),
  run: async (argv, io) => {
    const parsed = readCommandLine(argv, FLAGS, checkCommand, io);
    if (typeof parsed === 'number') return parsed;
    const format = parsed.values.format ?? 'text';
    if (!isCheckFormat(format)) {
      return reportUsageError(`--format must be one of ${CHECK_FORMATS.join(', ')}, got "${format}"`, checkCommand, io);
    }
    const settings = loadSettingsFor(
      { config: parsed.values.config as string | undefined, strict: parsed.values.strict as boolean | undefined },
      io,
    );
    if ('exitCode' in settings) return settings.exitCode;
    const { config } = settings;
    const check = await checkContent(config, { warn: (message) => io.stderr(`warning: ${message}`) });
    io.stdout(
      formatCheckOutcome(
        {
          findings: check.loggedFindings,
          folders: check.report.folders,
          tally: check.tally,
          strict: config.strict,
          failed: check.failed,
          toPublishedPath: check.toPublishedPath,
        },
        format,
      ),
    );
    return check.failed ? EXIT.findings : EXIT.ok;
  },
};

function isCheckFormat(value: unknown): value is CheckFormat {
  return typeof value === 'string' && (CHECK_FORMATS as readonly string[]).includes(value);
}

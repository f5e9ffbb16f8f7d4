import { runInit } from '../scaffold/init-fs.ts';
import { type Command, EXIT } from './command.ts';
import { type FlagSpecs, formatFlags, readCommandLine } from './command-line.ts';

/** `huntbook init`: the settings file and a CI workflow for the repository in the current folder. */

const FLAGS: FlagSpecs = {
  force: { type: 'boolean', short: 'f', description: 'replace huntbook.config.yaml and the workflow if they exist' },
};

const HELP = [
  'Usage: huntbook init [--force]',
  '',
  'Writes huntbook.config.yaml for the repository in the current folder, naming the folders',
  'that hold Sentinel rule YAML and runbooks, with every other setting as a comment; and',
  '.github/workflows/huntbook.yml, which checks pull requests with "huntbook check --strict"',
  'and publishes the site from main with GitHub Pages. Existing files are kept unless --force.',
  '',
  formatFlags(FLAGS),
].join('\n');

export const initCommand: Command = {
  name: 'init',
  summary: 'write a commented huntbook.config.yaml and a CI workflow for this folder',
  help: HELP,
  run: async (argv, io) => {
    const parsed = readCommandLine(argv, FLAGS, initCommand, io);
    if (typeof parsed === 'number') return parsed;
    const result = await runInit({ force: parsed.values.force === true }, io);
    return result.failed ? EXIT.failure : EXIT.ok;
  },
};

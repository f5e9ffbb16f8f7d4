import { dev, preview } from 'astro';
import { PACKAGE_ROOT } from '../package/package-root.ts';
import { type Command, EXIT } from './command.ts';
import { type FlagSpecs, formatFlags, readCommandLine } from './command-line.ts';
import { CONFIG_FLAG, loadSettingsFor } from './settings-env.ts';

const FLAGS: FlagSpecs = {
  ...CONFIG_FLAG,
  port: { type: 'string', short: 'p', value: 'PORT', description: 'port to listen on (default: 4321)' },
  host: { type: 'string', value: 'HOST', description: 'address to listen on (default: localhost)' },
  base: { type: 'string', value: 'PATH', description: 'serve the site under this path, e.g. /soc/wiki/' },
};

function createServeCommand(name: 'dev' | 'preview', summary: string, description: string[]): Command {
  const command: Command = {
    name,
    summary,
    help: [
      `Usage: huntbook ${name} [--config FILE] [--port PORT] [--host HOST]`,
      '',
      ...description,
      '',
      formatFlags(FLAGS),
    ].join('\n'),
    run: async (argv, io) => {
      const parsed = readCommandLine(argv, FLAGS, command, io);
      if (typeof parsed === 'number') return parsed;
      const { values } = parsed;
      const port = values.port === undefined ? undefined : Number(values.port);
      if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
        io.stderr(`error: --port needs a port number (got "${values.port}")`);
        return EXIT.usage;
      }
      const settings = loadSettingsFor(
        { config: values.config as string | undefined, base: values.base as string | undefined },
        io,
      );
      if ('exitCode' in settings) return settings.exitCode;
      const server = { ...(port ? { port } : {}), ...(values.host ? { host: values.host as string } : {}) };
      const serve = name === 'dev' ? dev : preview;
      const running = await serve({ root: PACKAGE_ROOT, logLevel: 'info', server });
      // Runs until interrupted; Ctrl-C stops the server and ends the command.
      await new Promise<void>((resolveStop) => {
        const stop = () => void running.stop().then(resolveStop);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return EXIT.ok;
    },
  };
  return command;
}

export const devCommand = createServeCommand(
  'dev',
  'serve the site while you edit, with content errors shown in the browser',
  [
    'Serves the site from the content as it is now and reloads it when a rule, runbook or tool',
    'file changes. Content errors are shown in the browser; fix the file and the page recovers.',
    'Search uses the index of the last "huntbook build" in the output folder.',
  ],
);

export const previewCommand = createServeCommand('preview', 'serve the last build', [
  'Serves the output folder of the last "huntbook build", as it will be published.',
]);

/** `manage dbshell [-- params]`: the sqlite3 command-line shell on the project's database. */
import { spawn } from 'node:child_process';
import { defineCommand } from './command.js';
import { CommandError } from '../errors.js';
import { connectionOptions } from '../db/databases.js';

const EXECUTABLE = 'sqlite3';

export default defineCommand({
  help: 'Runs the command-line client for specified database, or the default database if none is provided.',
  configure(command) {
    command
      .argument('[parameters...]', 'Additional parameters for the sqlite3 shell, after --.')
      .option('--database <alias>', 'Nominates a database onto which to open a shell. Defaults to the "default" database.', 'default');
  },
  async handle(context, args, options) {
    const settings = await context.settings();
    const { file } = connectionOptions(settings.DATABASES, options.database as string, settings.BASE_DIR);
    const command = [EXECUTABLE, file, ...((args[0] as unknown as string[] | undefined) ?? [])];
    // Ctrl-C belongs to the shell (it cancels a query there); this process only waits for it.
    const stopListening = context.signals.onShutdown(() => undefined);
    try {
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(command[0]!, command.slice(1), { stdio: 'inherit', env: context.env });
        child.on('error', (error: NodeJS.ErrnoException) =>
          reject(
            error.code === 'ENOENT'
              ? new CommandError(`You appear not to have the '${EXECUTABLE}' program installed or on your path.`)
              : error,
          ),
        );
        child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
      });
      if (code !== 0) throw new CommandError(`"${command.join(' ')}" returned non-zero exit status ${code}.`, { exitCode: code });
    } finally {
      stopListening();
    }
  },
});

/** `manage changepassword [username]`: sets a user's password, asked twice (Django's messages). */
import os from 'node:os';
import { defineCommand } from './command.js';
import { withDatabases } from '../db/scope.js';
import { CommandError } from '../errors.js';
import { assertAuthReady } from '../contrib/auth/app.js';
import { getUserByUsername, setPassword } from '../contrib/auth/models.js';
import { validatePassword } from '../contrib/auth/validation.js';
import { createPrompter } from './prompt.js';

const MAX_TRIES = 3;

export default defineCommand({
  help: "Change a user's password for managets.contrib.auth.",
  configure(command) {
    command
      .argument('[username]', "Username to change password for; by default, it's the current username.")
      .option('--database <alias>', 'Specifies the database to use. Default is "default".', 'default');
  },
  async handle(context, args, options) {
    const settings = await context.settings();
    const username = args[0] ?? os.userInfo().username;
    await withDatabases(settings, async (databases) => {
      const db = databases.get(options.database as string);
      assertAuthReady(settings, db, 'changepassword');
      const user = getUserByUsername(db, username);
      if (!user) throw new CommandError(`user '${username}' does not exist`);
      context.stdout.write(`Changing password for user '${user.username}'\n`);
      const prompter = createPrompter(context.stdin, context.stdout);
      const ask = async (question?: string) => {
        const answer = await prompter.askPassword(question);
        if (!answer) throw new CommandError('aborted');
        return answer;
      };
      let password: string | undefined;
      try {
        for (let tries = 0; tries < MAX_TRIES && password === undefined; tries++) {
          const first = await ask();
          const second = await ask('Password (again): ');
          if (first !== second) {
            context.stdout.write('Passwords do not match. Please try again.\n');
            continue;
          }
          const problems = validatePassword(first, user);
          if (problems.length > 0) context.stderr.write(`${problems.join('\n')}\n`);
          else password = first;
        }
      } finally {
        prompter.close();
      }
      if (password === undefined) {
        throw new CommandError(`Aborting password change for user '${user.username}' after ${MAX_TRIES} attempts`);
      }
      await setPassword(db, user, password);
      context.stdout.write(`Password changed successfully for user '${user.username}'\n`);
    });
  },
});

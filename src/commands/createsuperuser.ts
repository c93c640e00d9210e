/**
 * `manage createsuperuser`: asks for a username, email and password (Django's questions and
 * messages), or with --noinput takes them from --username/--email and MANAGE_SUPERUSER_* variables.
 */
import os from 'node:os';
import { defineCommand, type CommandContext } from './command.js';
import type { Connection } from '../db/connection.js';
import { withDatabases } from '../db/scope.js';
import { CommandError } from '../errors.js';
import { assertAuthReady } from '../contrib/auth/app.js';
import { createSuperuser, getUserByUsername } from '../contrib/auth/models.js';
import { validatePassword } from '../contrib/auth/validation.js';
import { createPrompter } from './prompt.js';
import { usernameProblem } from '../contrib/auth/usernames.js';

const ENV = { username: 'MANAGE_SUPERUSER_USERNAME', password: 'MANAGE_SUPERUSER_PASSWORD', email: 'MANAGE_SUPERUSER_EMAIL' };

interface Answers {
  username: string;
  email: string;
  password: string | null;
}

export default defineCommand({
  help: 'Used to create a superuser.',
  configure(command) {
    command
      .option('--username <username>', 'Specifies the login for the superuser.')
      .option('--noinput, --no-input', 'Tells managets to NOT prompt the user for input of any kind. You must use --username with --noinput, along with an option for any other required field. Superusers created with --noinput will not be able to log in until they\'re given a valid password.')
      .option('--database <alias>', 'Specifies the database to use. Default is "default".', 'default')
      .option('--email <email>', 'Specifies the email for the superuser.');
  },
  async handle(context, _args, options) {
    const settings = await context.settings();
    await withDatabases(settings, async (databases) => {
      const db = databases.get(options.database as string);
      assertAuthReady(settings, db, 'createsuperuser');
      const interactive = options.input !== false && options.noinput !== true;
      if (interactive && !context.stdin.isTTY) {
        context.stdout.write(
          'Superuser creation skipped due to not running in a TTY. You can run `manage createsuperuser` in your project to create one manually.\n',
        );
        return;
      }
      const answers = interactive ? await ask(context, db, options) : fromEnvironment(context.env, db, options);
      await createSuperuser(db, answers);
      if (context.verbosity >= 1) context.stdout.write('Superuser created successfully.\n');
    });
  },
});

function fromEnvironment(env: NodeJS.ProcessEnv, db: Connection, options: Record<string, unknown>): Answers {
  const username = (options.username as string | undefined) ?? env[ENV.username];
  if (username === undefined) throw new CommandError('You must use --username with --noinput.');
  const problem = usernameProblem(db, username);
  if (problem) throw new CommandError(problem);
  const email = (options.email as string | undefined) || env[ENV.email];
  if (!email) throw new CommandError('You must use --email with --noinput.');
  if (!isEmail(email)) throw new CommandError('Enter a valid email address.');
  // Without a password the superuser exists but cannot log in until one is set (changepassword).
  return { username, email, password: env[ENV.password] ?? null };
}

async function ask(context: CommandContext, db: Connection, options: Record<string, unknown>): Promise<Answers> {
  const prompter = createPrompter(context.stdin, context.stdout);
  const error = (text: string) => context.stderr.write(`${text}\n`);
  try {
    let username = options.username as string | undefined;
    if (username !== undefined) {
      if (username === '') throw new CommandError('Username cannot be blank.');
      const problem = usernameProblem(db, username);
      if (problem) {
        error(problem);
        username = undefined;
      }
    }
    const fallback = defaultUsername(db);
    while (username === undefined) {
      const answer = (await prompter.ask(`Username${fallback ? ` (leave blank to use '${fallback}')` : ''}: `)) || fallback;
      const problem = answer ? usernameProblem(db, answer) : 'Error: This field cannot be blank.';
      if (problem) error(problem);
      else username = answer;
    }
    let email = options.email as string | undefined;
    while (email === undefined) {
      const answer = (await prompter.ask('Email address: ')).trim();
      if (answer === '' || isEmail(answer)) email = answer;
      else error('Error: Enter a valid email address.');
    }
    for (;;) {
      const password = await prompter.askPassword();
      const again = await prompter.askPassword('Password (again): ');
      if (password !== again) {
        error("Error: Your passwords didn't match.");
        continue;
      }
      if (password.trim() === '') {
        error("Error: Blank passwords aren't allowed.");
        continue;
      }
      const problems = validatePassword(password, { username, email });
      if (problems.length > 0) {
        error(problems.join('\n'));
        const bypass = await prompter.ask('Bypass password validation and create user anyway? [y/N]: ');
        if (bypass.toLowerCase() !== 'y') continue;
      }
      return { username, email, password };
    }
  } finally {
    prompter.close();
  }
}

/** Django's get_default_username: the system user's name, if valid and not taken. */
function defaultUsername(db: Connection): string {
  let name: string;
  try {
    name = os.userInfo().username;
  } catch {
    return '';
  }
  name = name.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').replace(/ /g, '').toLowerCase();
  return name && !usernameProblem(db, name) && !getUserByUsername(db, name) ? name : '';
}

function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

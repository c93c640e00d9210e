/** `managets startproject mysite [directory]`: a project that runs as soon as it is installed. */
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { packageVersion } from '../conf/version.js';
import { templateCommand } from './template-command.js';

/** Django's get_random_secret_key alphabet and length; the prefix makes `check --deploy` warn. */
const SECRET_KEY_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)';
const SECRET_KEY_LENGTH = 50;
const SECRET_KEY_INSECURE_PREFIX = 'managets-insecure-';

export function randomSecretKey(): string {
  let key = '';
  for (let i = 0; i < SECRET_KEY_LENGTH; i++) key += SECRET_KEY_CHARS[randomInt(SECRET_KEY_CHARS.length)];
  return SECRET_KEY_INSECURE_PREFIX + key;
}

export default templateCommand({
  kind: 'project',
  help: 'Creates a managets project directory structure for the given project name in the current directory or optionally in the given directory.',
  variables: () => ({ secret_key: randomSecretKey(), managets_version: packageVersion() }),
  done(context, name, topDir) {
    const where = path.relative(context.cwd, topDir);
    const steps = [...(where ? [`cd ${where}`] : []), 'npm install', 'npm run dev        # or: npx manage runserver'];
    context.stdout.write(`Created project '${name}' in ${topDir}\n\nNext:\n${steps.map((s) => `    ${s}\n`).join('')}`);
  },
});

/** `manage version`: the managets version, as `manage --version`. */
import { defineCommand } from './command.js';
import { packageVersion } from '../conf/version.js';

export default defineCommand({
  help: 'Prints the managets version.',
  requiresSettings: false,
  async handle(context) {
    context.stdout.write(`${packageVersion()}\n`);
  },
});

/** `manage diffsettings`: the settings that differ from the defaults, secrets masked. */
import { DEFAULTS } from '../conf/defaults.js';
import { formatSettingValue, isSecretName, MASK } from '../conf/mask.js';
import { defineCommand } from './command.js';

const INTERNAL = new Set(['SETTINGS_MODULE', 'SETTINGS_FILE', 'EXPLICIT', 'BASE_DIR']);

export default defineCommand({
  help: 'Displays differences between the current settings and the managets defaults.',
  configure(command) {
    command.option('--all', 'Display all settings, regardless of their value. In "hash" mode, default values are prefixed by "###".');
  },
  async handle(context, _args, options) {
    const settings = (await context.settings()) as unknown as Record<string, unknown>;
    const defaults = DEFAULTS as unknown as Record<string, unknown>;
    const lines: string[] = [];
    for (const key of Object.keys(settings).filter((k) => !INTERNAL.has(k)).sort()) {
      const shown = isSecretName(key) ? MASK : formatSettingValue(settings[key]);
      if (!(key in defaults)) lines.push(`${key} = ${shown}  ###`);
      else if (formatSettingValue(settings[key]) !== formatSettingValue(defaults[key])) lines.push(`${key} = ${shown}`);
      else if (options.all) lines.push(`### ${key} = ${shown}`);
    }
    context.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  },
});

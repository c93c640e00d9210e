/** `manage startapp polls [directory]`: an app folder, and how to plug it into the project. */
import path from 'node:path';
import { resolveSettingsName } from '../conf/load.js';
import { resolveModuleFile } from '../conf/modules.js';
import type { CommandContext } from './command.js';
import { templateCommand } from './template-command.js';

/** The INSTALLED_APPS entry for an app folder: its dotted path from the project root. */
function dottedName(context: CommandContext, name: string, topDir: string): string {
  const relative = path.relative(context.cwd, topDir);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return name;
  return relative.split(path.sep).join('.');
}

/** The settings file as the user sees it (`mysite/settings.ts`), when the project names one. */
function settingsFile(context: CommandContext): string | undefined {
  const name = resolveSettingsName(context.env, context.cwd);
  const file = name ? resolveModuleFile(name, context.cwd).file : undefined;
  return file ? path.relative(context.cwd, file) : undefined;
}

export default templateCommand({
  kind: 'app',
  help: 'Creates a managets app directory structure for the given app name in the current directory or optionally in the given directory.',
  done(context, name, topDir) {
    const dotted = dottedName(context, name, topDir);
    const settings = settingsFile(context);
    context.stdout.write(
      `Created app '${name}' in ${topDir}\n\n` +
        `To use it, add '${dotted}' to INSTALLED_APPS in ${settings ?? 'your settings'}, after the apps already listed:\n\n` +
        `    export const INSTALLED_APPS: UserSettings['INSTALLED_APPS'] = [\n      // ...the apps already listed\n      '${dotted}',\n    ];\n\n` +
        `and include its URLs in your ROOT_URLCONF:\n\n` +
        `    path('${name}/', include('${dotted}.urls')),\n`,
    );
  },
});

/**
 * Finding commands: the built-ins, plus those of installed apps (management/commands/*.ts).
 * When a project's app defines a built-in's name, the app wins, as in Django.
 */
import { appCommandFiles, loadApps } from '../apps/registry.js';
import { BUILTIN_COMMANDS } from '../commands/registry.js';
import type { CommandContext, CommandDefinition } from '../commands/command.js';

export interface FoundCommand {
  name: string;
  section: string;
  load(): Promise<CommandDefinition>;
}

/** Every command available in this context; `error` says why app commands could not be listed. */
export async function listCommands(context: CommandContext): Promise<{ commands: FoundCommand[]; error?: unknown }> {
  const byName = new Map<string, FoundCommand>(BUILTIN_COMMANDS.filter((c) => !c.app).map((c) => [c.name, c]));
  try {
    const settings = await context.settings();
    for (const command of BUILTIN_COMMANDS) if (command.app && settings.INSTALLED_APPS.includes(command.app)) byName.set(command.name, command);
    const apps = await loadApps(settings, context.loader);
    for (const app of [...apps].reverse()) {
      for (const [name, file] of appCommandFiles(app)) {
        byName.set(name, {
          name,
          section: app.label,
          load: async () => (await context.loader.importFile(file)).default as CommandDefinition,
        });
      }
    }
    return { commands: [...byName.values()] };
  } catch (error) {
    return { commands: [...byName.values()], error };
  }
}

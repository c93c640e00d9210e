/** The project's migrations: installed apps → loaded migrations → graph, with every problem found. */
import { loadApps, type App } from '../../apps/registry.js';
import type { ModuleLoader } from '../../conf/modules.js';
import type { Settings } from '../../conf/settings.js';
import { CommandError, ERROR_CODES } from '../../errors.js';
import { MigrationGraph } from './graph.js';
import { loadMigrations, type LoadProblem } from './loader.js';

export interface ProjectMigrations {
  readonly apps: readonly App[];
  readonly graph: MigrationGraph;
  /** Files that did not load. */
  readonly problems: readonly LoadProblem[];
}

export async function loadProjectMigrations(settings: Settings, loader: ModuleLoader): Promise<ProjectMigrations> {
  const apps = await loadApps(settings, loader);
  const { migrations, problems } = await loadMigrations(apps, loader);
  return { apps, graph: new MigrationGraph(migrations), problems };
}

/** For commands that run migrations: any load or graph problem stops them before they touch the database. */
export function assertRunnable(project: ProjectMigrations): void {
  const messages = [
    ...project.problems.map((p) => `Migration file ${p.file} could not be loaded: ${p.message}`),
    ...project.graph.problems.map((p) => (p.hint ? `${p.message}\n${p.hint}` : p.message)),
  ];
  if (messages.length > 0) throw new CommandError(messages.join('\n'), { code: ERROR_CODES.MIGRATION });
}

/** The installed app with `label`, or Django's error. */
export function appByLabel(project: ProjectMigrations, label: string): App {
  const app = project.apps.find((a) => a.label === label);
  if (!app) throw new CommandError(`No installed app with label '${label}'.`);
  return app;
}

/** Django's get_migration_by_prefix: `0001` finds `0001_initial`. */
export function migrationByPrefix(project: ProjectMigrations, app: string, prefix: string): string {
  const names = project.graph.keys(app).map((key) => project.graph.get(key).name);
  if (names.includes(prefix)) return prefix;
  const matches = names.filter((name) => name.startsWith(prefix));
  if (matches.length > 1) throw new CommandError(`More than one migration matches '${prefix}' in app '${app}'. Please be more specific.`);
  if (matches.length === 0) throw new CommandError(`Cannot find a migration matching '${prefix}' from app '${app}'.`);
  return matches[0]!;
}

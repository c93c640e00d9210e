/**
 * migrations.E001-E004: migration files that do not load, dependencies on migrations that do not
 * exist, two leaf migrations in one app (a conflict), and circular dependencies. Found by
 * `manage check` and runserver before `migrate` would trip over them.
 */
import { Error, type CheckMessage } from '../messages.js';
import type { CheckContext } from '../context.js';
import { loadProjectMigrations } from '../../db/migrations/project.js';

const IDS = { missing: 'migrations.E002', conflict: 'migrations.E003', cycle: 'migrations.E004' } as const;

export async function checkMigrations({ settings, loader }: CheckContext): Promise<CheckMessage[]> {
  const { graph, problems } = await loadProjectMigrations(settings, loader);
  return [
    ...problems.map((problem) =>
      Error(`Migration file could not be loaded: ${problem.message}`, { obj: problem.file, id: 'migrations.E001' }),
    ),
    ...graph.problems.map((problem) => Error(problem.message, { obj: problem.obj, id: IDS[problem.kind], hint: problem.hint })),
  ];
}

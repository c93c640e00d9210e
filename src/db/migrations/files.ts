/**
 * Finding migration files: `<app>/migrations/NNNN_name.sql` or `.ts` (`.js` once compiled).
 * Names only; reading and importing them is the loader's job.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../../apps/registry.js';

export interface MigrationFile {
  /** The app label. */
  readonly app: string;
  /** `0001_initial`. */
  readonly name: string;
  readonly number: number;
  readonly file: string;
  readonly kind: 'sql' | 'module';
}

export const MIGRATION_FILE = /^(\d{4,})_(\w+)\.(sql|m?[tj]s)$/;

export function migrationsDirectory(app: App): string {
  return path.join(app.path, 'migrations');
}

/** The app's migration files in number order; an app without a migrations/ folder has none. */
export function migrationFiles(app: App): MigrationFile[] {
  const dir = migrationsDirectory(app);
  if (!existsSync(dir)) return [];
  const files: MigrationFile[] = [];
  const seen = new Set<string>();
  for (const entry of readdirSync(dir).sort()) {
    const match = MIGRATION_FILE.exec(entry);
    if (!match) continue;
    const name = `${match[1]}_${match[2]}`;
    // blog/0001_initial.ts next to its compiled .js: the first one found wins.
    if (seen.has(name)) continue;
    seen.add(name);
    files.push({
      app: app.label,
      name,
      number: Number(match[1]),
      file: path.join(dir, entry),
      kind: match[3] === 'sql' ? 'sql' : 'module',
    });
  }
  return files.sort((a, b) => a.number - b.number || a.name.localeCompare(b.name));
}

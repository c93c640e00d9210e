/** The auth app's name, and the guard its commands run first. */
import type { Settings } from '../../conf/settings.js';
import type { Connection } from '../../db/connection.js';
import { CommandError } from '../../errors.js';

export const AUTH_APP = 'managets.contrib.auth';

/** createsuperuser and changepassword need the app installed and its migration applied. */
export function assertAuthReady(settings: Settings, db: Connection, command: string): void {
  if (!settings.INSTALLED_APPS.includes(AUTH_APP)) {
    throw new CommandError(`${command} needs '${AUTH_APP}' in INSTALLED_APPS.`);
  }
  if (!db.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'auth_user'")) {
    throw new CommandError(`The auth_user table does not exist yet. Run 'manage migrate' first.`);
  }
}

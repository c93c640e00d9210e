/**
 * templates.*: the TEMPLATES setting can be turned into engines. E010 invalid BACKEND, E011 a
 * context processor that can't be imported, E012 one that isn't a function, E013 a malformed
 * entry, E014 duplicate engine aliases, W010 a DIRS entry that doesn't exist.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ImproperlyConfigured } from '../../errors.js';
import { resolveContextProcessor } from '../../templates/context-processors.js';
import { readEngineSettings } from '../../templates/engine-settings.js';
import { Error, Warning, type CheckMessage } from '../messages.js';
import type { CheckContext } from '../context.js';

export async function checkTemplates({ settings, loader }: CheckContext): Promise<CheckMessage[]> {
  const { configs, problems } = readEngineSettings(settings.TEMPLATES);
  const messages = problems.map((problem) => Error(problem.msg, { id: problem.id }));
  for (const config of configs) {
    for (const dir of config.dirs) {
      const absolute = path.resolve(settings.BASE_DIR, dir);
      if (!existsSync(absolute)) {
        messages.push(Warning(`The directory '${absolute}' in the TEMPLATES DIRS setting does not exist.`, { id: 'templates.W010' }));
      }
    }
    for (const entry of config.contextProcessors) {
      try {
        await resolveContextProcessor(entry, loader);
      } catch (error) {
        const reason = error instanceof globalThis.Error ? error.message : String(error);
        if (error instanceof ImproperlyConfigured) messages.push(Error(reason, { id: 'templates.E012' }));
        else messages.push(Error(`Context processor '${String(entry)}' could not be imported.`, { id: 'templates.E011', hint: reason.split('\n')[0] }));
      }
    }
  }
  return messages;
}

/**
 * Django's validate_name for startproject/startapp: a name must be an identifier (it becomes a
 * dotted module name such as `mysite.settings`) and must not shadow a module Node can already load.
 */
import { existsSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { CommandError } from '../errors.js';

export type ScaffoldKind = 'project' | 'app';

/** Python's str.isidentifier(): a Unicode identifier start (or `_`), then identifier characters. */
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

/** The package's own name: a project called `managets` could not depend on managets. */
const OWN_PACKAGE = 'managets';

/** A Node.js built-in, managets itself, or a package installed in a node_modules above `cwd`. */
export function isExistingModule(name: string, cwd: string): boolean {
  if (isBuiltin(name) || name === OWN_PACKAGE) return true;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules', name, 'package.json'))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/** Throws Django's CommandError when `name` cannot be used (`nameOrDir` is 'name' or 'directory'). */
export function validateName(name: string, kind: ScaffoldKind, cwd: string, nameOrDir: 'name' | 'directory' = 'name'): void {
  const an = kind === 'app' ? 'an' : 'a';
  if (!IDENTIFIER.test(name)) {
    throw new CommandError(
      `'${name}' is not a valid ${kind} ${nameOrDir}. Please make sure the ${nameOrDir} is a valid identifier.`,
    );
  }
  if (isExistingModule(name, cwd)) {
    throw new CommandError(
      `'${name}' conflicts with the name of an existing Node.js module and cannot be used as ${an} ${kind} ` +
        `${nameOrDir}. Please try another ${nameOrDir}.`,
    );
  }
}

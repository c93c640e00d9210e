/**
 * Django's TemplateCommand: copies a project or app layout into a directory, renaming
 * `project_name`/`app_name` in paths and substituting `{{ variable }}` in the files it renders.
 * Template files end in `-tpl` (`settings.ts-tpl`) so the package never ships a half-valid
 * `.ts` or a nested package.json; the suffix is dropped on copy.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../conf/package-root.js';
import { CommandError } from '../errors.js';
import { validateName, type ScaffoldKind } from './names.js';

const TEMPLATE_SUFFIX = '-tpl';

export interface ScaffoldOptions {
  kind: ScaffoldKind;
  name: string;
  /** Destination directory; default: a new `<cwd>/<name>`. */
  target?: string;
  /** A directory holding a custom layout; default: the package's own `<kind>_template/`. */
  template?: string;
  /** Extensions (without the dot) of files to render, besides the defaults. */
  extensions: readonly string[];
  /** File names to render whatever their extension. */
  files: readonly string[];
  /** Folder names not copied, besides `.git` and `node_modules`. */
  exclude: readonly string[];
  cwd: string;
  /** Extra template variables (startproject's `secret_key`). */
  variables: Readonly<Record<string, string>>;
  /** Called with each created file (verbosity 2's `Creating ...`). */
  onCreate?(file: string): void;
}

/** The extensions rendered by default: the TypeScript sources and the JSON manifests. */
export const DEFAULT_EXTENSIONS: readonly string[] = Object.freeze(['ts', 'json']);

/** Django's handle_extensions: comma-separated lists, leading dots optional, duplicates dropped. */
export function normalizeExtensions(values: readonly string[]): string[] {
  const all = values.flatMap((value) => value.replaceAll(' ', '').split(',')).filter(Boolean);
  return [...new Set(all.map((ext) => (ext.startsWith('.') ? ext : `.${ext}`)))];
}

/** Python's `name.title()` without underscores: `my_site` → `MySite`. */
export function camelCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[^\p{L}])(\p{L})/gu, (_match, before: string, letter: string) => before + letter.toUpperCase())
    .replaceAll('_', '');
}

/** Replaces `{{ name }}` for the known variables; anything else (a JSX `{{ }}`) is left alone. */
export function renderText(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, key: string) => (Object.hasOwn(variables, key) ? variables[key]! : match));
}

function expandUser(p: string): string {
  return p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;
}

/** The directory the layout is copied into, created when no target is given (Django's rules). */
function destination(options: ScaffoldOptions): string {
  if (options.target === undefined) {
    const topDir = path.join(options.cwd, options.name);
    try {
      mkdirSync(topDir, { recursive: false });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new CommandError(code === 'EEXIST' ? `'${topDir}' already exists` : (error as Error).message);
    }
    return topDir;
  }
  const topDir = path.resolve(options.cwd, expandUser(options.target));
  if (options.kind === 'app') validateName(path.basename(topDir), 'app', options.cwd, 'directory');
  if (!existsSync(topDir)) {
    throw new CommandError(`Destination directory '${topDir}' does not exist, please create it first.`);
  }
  return topDir;
}

/** The package's layout, or the user's `--template` directory. */
function templateDirectory(kind: ScaffoldKind, template: string | undefined, cwd: string): string {
  if (template === undefined) return path.join(packageRoot(), `${kind}_template`);
  const expanded = path.resolve(cwd, expandUser(template.startsWith('file://') ? template.slice('file://'.length) : template));
  if (existsSync(expanded) && statSync(expanded).isDirectory()) return expanded;
  throw new CommandError(`couldn't handle ${kind} template ${template}.`);
}

/** Copies the layout; returns the directory it was copied into. */
export function scaffold(options: ScaffoldOptions): string {
  validateName(options.name, options.kind, options.cwd);
  // Found before the destination is created, so a bad --template leaves no empty folder behind.
  const layout = templateDirectory(options.kind, options.template, options.cwd);
  const topDir = destination(options);
  const baseName = `${options.kind}_name`;
  const variables: Record<string, string> = {
    ...options.variables,
    [baseName]: options.name,
    [`${options.kind}_directory`]: topDir,
    [`camel_case_${options.kind}_name`]: camelCase(options.name),
  };
  const rendered = normalizeExtensions([...DEFAULT_EXTENSIONS, ...options.extensions]);
  const extraFiles = new Set(options.files.flatMap((f) => f.split(',').map((s) => s.trim())));
  const excluded = new Set(['.git', 'node_modules', ...options.exclude]);
  const an = options.kind === 'app' ? 'an' : 'a';

  const copyDirectory = (source: string, relative: string) => {
    mkdirSync(path.join(topDir, relative), { recursive: true });
    for (const entry of readdirSync(source, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const from = path.join(source, entry.name);
      let to = entry.name.replaceAll(baseName, options.name);
      if (entry.isDirectory()) {
        if (!excluded.has(entry.name)) copyDirectory(from, path.join(relative, to));
        continue;
      }
      if (to.endsWith(TEMPLATE_SUFFIX)) to = to.slice(0, -TEMPLATE_SUFFIX.length);
      const target = path.join(topDir, relative, to);
      if (existsSync(target)) {
        throw new CommandError(
          `${target} already exists. Overlaying ${an} ${options.kind} into an existing directory won't replace conflicting files.`,
        );
      }
      const content = readFileSync(from);
      const render = rendered.some((ext) => target.endsWith(ext)) || extraFiles.has(entry.name);
      const text = render ? renderText(content.toString('utf8'), variables) : undefined;
      writeFileSync(target, text ?? content);
      // Keep the template's permission bits, writable by the owner; a script with a shebang is
      // made executable in case the package manager dropped the bit.
      const executable = text?.startsWith('#!') ? 0o111 : 0;
      chmodSync(target, (statSync(from).mode & 0o777) | 0o200 | executable);
      options.onCreate?.(target);
    }
  };
  copyDirectory(layout, '');
  return topDir;
}

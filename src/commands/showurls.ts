/**
 * `manage showurls`: every URL pattern of ROOT_URLCONF, includes flattened, with its view and its
 * full `namespace:name`, as an aligned table or (`--format json`) one object per pattern.
 */
import { Option } from 'commander';
import type { IncludeNode } from '../urls/compile.js';
import { viewPath } from '../urls/conf.js';
import { createResolver } from '../urls/resolver.js';
import { defineCommand } from './command.js';

export interface UrlRow {
  /** The full route from the site root, as written (`/polls/<int:question_id>/`). */
  url: string;
  /** The view's name (a class-based view's class). */
  view: string;
  /** `namespace:name`, or null for an unnamed pattern. */
  name: string | null;
  /** The URLconf module that declares the pattern. */
  urlconf: string;
}

/** A pattern's text as part of a full URL: regex anchors dropped, since pieces are joined. */
function piece(text: string, kind: string): string {
  return kind === 'regex' ? text.replace(/^\^/, '').replace(/(\\Z|\$)$/, '') : text;
}

/** Walks the compiled tree depth-first, in the order patterns are tried. */
export function urlRows(node: IncludeNode, prefix = '/', namespaces: readonly string[] = []): UrlRow[] {
  return node.children.flatMap((child): UrlRow[] => {
    if (child.kind === 'invalid') return [];
    const url = prefix + piece(child.pattern.spec.text, child.pattern.spec.kind);
    if (child.kind === 'include') return urlRows(child, url, child.namespace ? [...namespaces, child.namespace] : namespaces);
    const name = child.name === undefined ? null : [...namespaces, child.name].join(':');
    return [{ url, view: viewPath(child.callback), name, urlconf: node.urlconfName }];
  });
}

/** Columns padded to their widest cell, two spaces apart, no trailing blanks. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].map((text) => `${text}\n`).join('');
}

export default defineCommand({
  help: 'Displays all of the URL patterns of ROOT_URLCONF with their view and name.',
  configure(command) {
    command.addOption(new Option('--format <format>', 'Output format.').choices(['table', 'json']).default('table'));
  },
  async handle(context, _args, options) {
    const resolver = await createResolver(await context.settings(), context.loader);
    const rows = urlRows(resolver.root);
    if (options.format === 'json') {
      context.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    context.stdout.write(formatTable(['URL', 'VIEW', 'NAME'], rows.map((row) => [row.url, row.view, row.name ?? ''])));
  },
});

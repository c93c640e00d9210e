/**
 * urls.*: Django's URL checks (django/core/checks/urls.py and the patterns' check() methods),
 * with Django's ids and texts. The URLconf is loaded once for all of them; if it cannot be,
 * that is one error (urls.E100 / urls.E101) instead of a crash.
 */
import { UserCodeError } from '../../errors.js';
import type { CompiledPattern, EndpointNode, IncludeNode, UrlNode } from '../../urls/compile.js';
import { viewPath } from '../../urls/conf.js';
import { describeImportError, type ErrorHandler } from '../../urls/handlers.js';
import { pyRepr } from '../../http/pyrepr.js';
import { createResolver, type Resolver } from '../../urls/resolver.js';
import { Error, Warning, type CheckMessage } from '../messages.js';
import type { CheckContext } from '../context.js';

function describe(pattern: CompiledPattern, name?: string): string {
  return `'${pattern.spec.text}'${name ? ` [name='${name}']` : ''}`;
}

/** urls.W002: only when APPEND_SLASH is on, where a leading slash can never match. */
function checkStartsWithSlash(pattern: CompiledPattern, name: string | undefined, appendSlash: boolean): CheckMessage[] {
  const regex = pattern.regex;
  if (!appendSlash || !['/', '^/', '^\\/'].some((start) => regex.startsWith(start)) || regex.endsWith('/')) return [];
  return [
    Warning(
      `Your URL pattern ${describe(pattern, name)} has a route beginning with a '/'. Remove this slash as it is unnecessary. ` +
        "If this pattern is targeted in an include(), ensure the include() pattern has a trailing '/'.",
      { id: 'urls.W002' },
    ),
  ];
}

/** urls.W010: Django counts brackets left to right, flagging each stray '>' and a final open '<'. */
function checkAngleBrackets(pattern: CompiledPattern, name: string | undefined): CheckMessage[] {
  const warn = (bracket: string) =>
    Warning(`Your URL pattern ${describe(pattern, name)} has an unmatched '${bracket}' bracket.`, { id: 'urls.W010' });
  const messages: CheckMessage[] = [];
  let open = 0;
  for (const bracket of pattern.spec.text.match(/[<>]/g) ?? []) {
    open += bracket === '<' ? 1 : -1;
    if (open < 0) {
      messages.push(warn('>'));
      open = 0;
    }
  }
  if (open > 0) messages.push(warn('<'));
  return messages;
}

/** RoutePattern.check() / RegexPattern.check(). */
function checkPattern(pattern: CompiledPattern, name: string | undefined, appendSlash: boolean): CheckMessage[] {
  const messages = checkStartsWithSlash(pattern, name, appendSlash);
  const { kind, text } = pattern.spec;
  if (kind === 'regex' && !pattern.isEndpoint && text.endsWith('$') && !text.endsWith('\\$')) {
    messages.push(
      Warning(
        `Your URL pattern ${describe(pattern, name)} uses include with a route ending with a '$'. ` +
          'Remove the dollar from the route to avoid problems including URLs.',
        { id: 'urls.W001' },
      ),
    );
  }
  if (kind === 'route') {
    messages.push(...checkAngleBrackets(pattern, name));
    if (text.includes('(?P<') || text.startsWith('^') || text.endsWith('$')) {
      messages.push(
        Warning(
          `Your URL pattern ${describe(pattern, name)} has a route that contains '(?P<', begins with a '^', or ends with a '$'. ` +
            'This was likely an oversight when migrating to django.urls.path().',
          { id: '2_0.W001' },
        ),
      );
    }
  }
  return messages;
}

/** URLPattern.check(): the name (W003), the pattern, then the view (E009). */
function checkEndpoint(node: EndpointNode, appendSlash: boolean): CheckMessage[] {
  const { pattern, name } = node;
  const messages: CheckMessage[] = [];
  if (name?.includes(':')) {
    messages.push(
      Warning(
        `Your URL pattern ${describe(pattern, name)} has a name including a ':'. Remove the colon, to avoid ambiguous namespace references.`,
        { id: 'urls.W003' },
      ),
    );
  }
  messages.push(...checkPattern(pattern, name, appendSlash));
  if (typeof (node.callback as { asView?: unknown }).asView === 'function') {
    const cls = node.callback.name;
    messages.push(
      Error(`Your URL pattern ${describe(pattern, name)} has an invalid view, pass ${cls}.asView() instead of ${cls}.`, { id: 'urls.E009' }),
    );
  }
  return messages;
}

/** urls.E004: something in urlpatterns that is not a pattern. */
function checkInvalid(value: unknown): CheckMessage[] {
  let hint: string | undefined;
  if (typeof value === 'string') {
    hint = `Try removing the string '${value}'. The list of urlpatterns should not have a prefix string as the first element.`;
  } else if (Array.isArray(value)) {
    hint = 'Try using path() instead of a tuple.';
  }
  return [
    Error(`Your URL pattern ${pyRepr(value)} is invalid. Ensure that urlpatterns is a list of path() and/or rePath() instances.`, {
      id: 'urls.E004',
      hint,
    }),
  ];
}

/** URLResolver.check(): the include's own pattern is only checked when nothing inside warned. */
function checkInclude(node: IncludeNode, appendSlash: boolean): CheckMessage[] {
  const check = (child: UrlNode): CheckMessage[] => {
    if (child.kind === 'invalid') return checkInvalid(child.value);
    return child.kind === 'endpoint' ? checkEndpoint(child, appendSlash) : checkInclude(child, appendSlash);
  };
  const messages = node.children.flatMap(check);
  return messages.length > 0 ? messages : checkPattern(node.pattern, undefined, appendSlash);
}

/** urls.W005: every namespace path, as `outer:inner`, must be unique. */
function checkNamespacesUnique(root: IncludeNode): CheckMessage[] {
  const counts = new Map<string, number>();
  const walk = (node: IncludeNode, parents: readonly string[]): void => {
    const includes = node.children.filter((child): child is IncludeNode => child.kind === 'include');
    for (const child of includes) {
      if (child.namespace !== undefined) {
        const name = [...parents, child.namespace].join(':');
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    for (const child of includes) walk(child, child.namespace !== undefined ? [...parents, child.namespace] : parents);
  };
  walk(root, []);
  return [...counts]
    .filter(([, count]) => count > 1)
    .map(([namespace]) =>
      Warning(`URL namespace '${namespace}' isn't unique. You may not be able to reverse all URLs in this namespace`, { id: 'urls.W005' }),
    );
}

/** How E007 names a handler view: the exported path, else `module.name` when the URLconf exports it by that name. */
function handlerPath(handler: ErrorHandler, resolver: Resolver): string {
  if (typeof handler.exported === 'string') return handler.exported;
  const name = viewPath(handler.view);
  return resolver.root.module?.[name] === handler.view ? `${resolver.urlconf}.${name}` : name;
}

/**
 * urls.E007/E008: handler400/403/404 receive (request, exception), handler500 (request). A
 * JavaScript function may ignore arguments, so only one that requires more is reported.
 */
function checkErrorHandlers(resolver: Resolver): CheckMessage[] {
  return resolver.errorHandlers.flatMap((handler): CheckMessage[] => {
    if (handler.error) {
      return [
        Error(`The custom handler${handler.status} view '${String(handler.exported)}' could not be imported.`, {
          id: 'urls.E008',
          hint: handler.error.message,
        }),
      ];
    }
    const expected = handler.status === 500 ? 1 : 2;
    if (handler.view!.length <= expected) return [];
    const args = expected === 2 ? 'request, exception' : 'request';
    return [
      Error(`The custom handler${handler.status} view '${handlerPath(handler, resolver)}' does not take the correct number of arguments (${args}).`, {
        id: 'urls.E007',
      }),
    ];
  });
}

/** The URLconf itself: patterns, namespaces and error handlers. */
export async function checkUrlConfig({ settings, loader }: CheckContext): Promise<CheckMessage[]> {
  const urlconf = settings.ROOT_URLCONF;
  if (typeof urlconf !== 'string' || !urlconf) return [];
  let resolver: Resolver;
  try {
    resolver = await createResolver(settings, loader);
  } catch (error) {
    if (error instanceof UserCodeError) {
      return [
        Error(`The ROOT_URLCONF '${urlconf}' could not be imported.`, {
          id: 'urls.E100',
          hint: describeImportError(error),
        }),
      ];
    }
    return [Error(error instanceof globalThis.Error ? error.message : String(error), { id: 'urls.E101' })];
  }
  const appendSlash = settings.APPEND_SLASH !== false;
  return [...checkInclude(resolver.root, appendSlash), ...checkNamespacesUnique(resolver.root), ...checkErrorHandlers(resolver)];
}

/** urls.E006: STATIC_URL and MEDIA_URL end with a slash (an empty value is fine). */
export function checkUrlSettings({ settings }: CheckContext): CheckMessage[] {
  return (['STATIC_URL', 'MEDIA_URL'] as const)
    .filter((name) => {
      const value = settings[name];
      return typeof value === 'string' && value !== '' && !value.endsWith('/');
    })
    .map((name) => Error(`The ${name} setting must end with a slash.`, { id: 'urls.E006' }));
}

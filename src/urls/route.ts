/**
 * Route strings → tokens → regex. Django routes (`blog/<int:year>/`) are parsed with Django's
 * own grammar and error texts; Express-style routes (`users/:id{/:tab}`, `files/*rest`) are
 * parsed by path-to-regexp. Both become the same tokens, and the regex is built from them once
 * the resolver knows every converter.
 */
import { parse, type Token } from 'path-to-regexp';
import { ImproperlyConfigured } from '../errors.js';
import { converterRegex, type Converter } from './converters.js';
import { pyRepr } from '../http/pyrepr.js';
import { pyEscape } from './regex.js';

export type RouteToken =
  | { readonly text: string }
  | { readonly param: string; readonly converter: string }
  | { readonly optional: readonly RouteToken[] };

const PARAMETER = /<(?:(?<converter>[^>:]+):)?(?<parameter>[^>]+)>/g;
const PY_WHITESPACE = /[ \t\n\r\v\f]/;
const IDENTIFIER = /^[\p{XID_Start}_]\p{XID_Continue}*$/u;

function checkIdentifier(route: string, parameter: string): void {
  if (!IDENTIFIER.test(parameter)) {
    throw new ImproperlyConfigured(
      `URL route ${pyRepr(route)} uses parameter name ${pyRepr(parameter)} which isn't a valid Python identifier.`,
    );
  }
}

/** Django's route grammar; whitespace and identifier errors are raised here, in the urls module. */
export function parseRoute(route: string): RouteToken[] {
  const tokens: RouteToken[] = [];
  let previousEnd = 0;
  for (const match of route.matchAll(PARAMETER)) {
    if (PY_WHITESPACE.test(match[0])) {
      throw new ImproperlyConfigured(`URL route ${pyRepr(route)} cannot contain whitespace in angle brackets <…>.`);
    }
    const parameter = match.groups!.parameter!;
    checkIdentifier(route, parameter);
    if (match.index > previousEnd) tokens.push({ text: route.slice(previousEnd, match.index) });
    tokens.push({ param: parameter, converter: match.groups!.converter ?? 'str' });
    previousEnd = match.index + match[0].length;
  }
  if (previousEnd < route.length) tokens.push({ text: route.slice(previousEnd) });
  return tokens;
}

function fromPathToRegexp(route: string, tokens: readonly Token[]): RouteToken[] {
  return tokens.map((token): RouteToken => {
    if (token.type === 'text') return { text: token.value };
    if (token.type === 'group') return { optional: fromPathToRegexp(route, token.tokens) };
    checkIdentifier(route, token.name);
    return { param: token.name, converter: token.type === 'wildcard' ? 'path' : 'str' };
  });
}

/** An Express-style route: `:name` is a `str` segment, `*name` a `path` tail, `{…}` optional. */
export function parseExpressRoute(route: string): RouteToken[] {
  try {
    return fromPathToRegexp(route, parse(route).tokens);
  } catch (error) {
    if (error instanceof ImproperlyConfigured) throw error;
    throw new ImproperlyConfigured(`URL route ${pyRepr(route)} is invalid: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Django's _route_to_regex: `^` + escaped text + `(?P<name>converter regex)`, and `\Z` for an
 * endpoint. Returns the Python-syntax regex (what Django prints) and the converters by name.
 */
export function routeToRegex(
  route: string,
  tokens: readonly RouteToken[],
  isEndpoint: boolean,
  lookup: (name: string) => Converter | undefined,
): { regex: string; converters: Record<string, Converter> } {
  const converters: Record<string, Converter> = {};
  const build = (list: readonly RouteToken[]): string =>
    list
      .map((token) => {
        if ('text' in token) return pyEscape(token.text);
        if ('optional' in token) return `(?:${build(token.optional)})?`;
        const converter = lookup(token.converter);
        if (!converter) {
          throw new ImproperlyConfigured(`URL route ${pyRepr(route)} uses invalid converter ${pyRepr(token.converter)}.`);
        }
        converters[token.param] = converter;
        return `(?P<${token.param}>${converterRegex(converter)})`;
      })
      .join('');
  return { regex: `^${build(tokens)}${isEndpoint ? '\\Z' : ''}`, converters };
}

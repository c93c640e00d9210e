/**
 * An Eta instance wired to our search path: eta's own include()/layout() resolve names through
 * `TemplateFiles` (so they work across every template directory), compiled functions are cached by
 * file in eta's own store, and compile/render failures become TemplateSyntaxError /
 * TemplateRenderError pointing at the template line instead of eta's generated code.
 */
import vm from 'node:vm';
import { Eta, EtaParseError, type Options } from 'eta';
import { HttpError } from '../http/errors.js';
import { TemplateDoesNotExist, TemplateRenderError, TemplateSyntaxError, type TemplateLocation } from './errors.js';

/** What the Eta instance asks of the engine that owns it. */
export interface TemplateFiles {
  /** The file for a name as written in a view or include(); throws TemplateDoesNotExist. */
  resolve(name: string, includerFile: string | undefined): string;
  /** The file's text (the engine records what it needs for freshness checks). */
  read(file: string): string;
  /** The template name a resolved file was found under. */
  nameOf(file: string): string;
}

const AsyncFunction = (async () => {}).constructor as FunctionConstructor;

export function createEta(files: TemplateFiles, options: { autoEscape: boolean }): Eta {
  // debug: eta records the current template line at each tag; it costs nothing measurable and is
  // what lets a runtime error name its line. cache: compiled functions keyed by absolute file.
  const eta = new Eta({ autoEscape: options.autoEscape, cache: true, debug: true });
  eta.resolvePath = (template, meta) => files.resolve(template, meta?.filepath);
  eta.readFile = (file) => files.read(file);
  eta.compile = (text: string, meta?: Partial<Options>) => {
    const file = meta?.filepath ?? '';
    const name = file ? files.nameOf(file) : '<string>';
    let source: string;
    try {
      source = eta.compileToString(text, meta);
    } catch (error) {
      throw error instanceof EtaParseError ? parseError(error, { name, file }, text) : error;
    }
    try {
      return new (meta?.async ? AsyncFunction : Function)(eta.config.varName, 'options', source) as ReturnType<Eta['compile']>;
    } catch (error) {
      throw error instanceof SyntaxError ? javascriptSyntaxError(error, source, { name, file }, text) : error;
    }
  };
  eta.RuntimeErr = (error: unknown, text: string, line: number, file: string): never => {
    const site = { name: files.nameOf(file), file, line };
    if (error instanceof TemplateSyntaxError || error instanceof TemplateRenderError) {
      // Raised by an include()/layout() below this template: keep the innermost location.
      error.includedFrom.push(site);
      throw error;
    }
    // Http404 & co. raised by a function the template called still mean their status, as in Django.
    if (error instanceof HttpError) throw error;
    if (error instanceof TemplateDoesNotExist) {
      error.includedFrom ??= site;
      throw error;
    }
    throw new TemplateRenderError(error, site, text);
  };
  return eta;
}

const PARSE_LOCATION = /^([\s\S]*?) at line (\d+) col (\d+):/;

/** Eta's parser says "unclosed tag at line 3 col 5: ..."; keep the reason and the position. */
function parseError(error: EtaParseError, where: Omit<TemplateLocation, 'line'>, text: string): TemplateSyntaxError {
  const match = PARSE_LOCATION.exec(error.message);
  if (!match) return new TemplateSyntaxError(error.message, { ...where, line: 1 }, text);
  return new TemplateSyntaxError(match[1]!, { ...where, line: Number(match[2]), column: Number(match[3]) }, text);
}

const LINE_MARKER = /^__eta\.line=(\d+)$/;

/**
 * `new Function` reports no position for a syntax error, so the generated code is parsed once more
 * with node:vm, whose error names the generated line; the nearest `__eta.line=N` marker above it
 * (emitted because of `debug: true`) is the template line. Only runs on the failure path.
 */
function javascriptSyntaxError(error: SyntaxError, source: string, where: Omit<TemplateLocation, 'line'>, text: string): TemplateSyntaxError {
  const generatedLine = generatedErrorLine(source);
  const lines = source.split('\n');
  const bodyEnd = lines.lastIndexOf('if (__eta.layout) {');
  if (generatedLine === undefined || generatedLine > bodyEnd) {
    // The template ended inside a block: `<% if (x) { %>` without its `<% } %>`.
    const last = text.replace(/\r?\n$/, '').split(/\r?\n/).length;
    const detail = `SyntaxError: the template ends inside an unclosed '{' or '(' (${error.message})`;
    return new TemplateSyntaxError(detail, { ...where, line: last }, text);
  }
  let line = 1;
  for (let index = 0; index < generatedLine && index < lines.length; index++) {
    const marker = LINE_MARKER.exec(lines[index]!);
    if (marker) line = Number(marker[1]);
  }
  return new TemplateSyntaxError(`SyntaxError: ${error.message}`, { ...where, line }, text);
}

/** The 1-based line of `source` (a function body) where V8 reports the syntax error. */
function generatedErrorLine(source: string): number | undefined {
  try {
    new vm.Script(`(function (it, options) {\n${source}\n})`, { filename: 'template' });
  } catch (error) {
    const match = /^template:(\d+)/.exec(error instanceof Error ? error.stack ?? '' : '');
    if (match) return Number(match[1]) - 1;
  }
  return undefined;
}

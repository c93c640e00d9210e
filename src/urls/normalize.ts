/**
 * A port of Django's django.utils.regex_helper.normalize(): turns a URL regex into the forms
 * reverse() fills in. Repetitions keep their minimum count (an optional group yields both the
 * with and without forms), a class or `.` becomes one representative character, look-arounds
 * are dropped, and `|` gives up (a single empty form), exactly as Django does. One extension:
 * JavaScript named groups `(?<name>…)` are read like Python's `(?P<name>…)`.
 */

/** One reversible form: literal text with named holes, and the parameter names it needs. */
export interface Form {
  readonly parts: ReadonlyArray<string | { readonly param: string }>;
  readonly params: readonly string[];
}

// Markers for a hole inside a form string while forms are built; split away in the end.
const HOLE = '\u0000';
const ESCAPE_MAPPINGS: Readonly<Record<string, string | null>> = {
  A: null, b: null, B: null, d: '0', D: 'x', s: ' ', S: 'x', w: 'x', W: '!', Z: null,
};

class Group {
  constructor(readonly format: string, readonly param: string | null) {}
}
class NonCapture extends Array<Item> {}
class Choice extends Array<Item | null> {}
type Item = string | Group | NonCapture | Choice;

class End extends Error {}
class Disjunction extends Error {}

/** Django's next_char(): yields [char, escaped], mapping `\d` → `0` and skipping `\b`, `\Z`... */
class CharStream {
  #i = 0;
  constructor(private readonly source: string) {}
  next(): [string, boolean] {
    for (;;) {
      const ch = this.source[this.#i++];
      if (ch === undefined) throw new End();
      if (ch !== '\\') return [ch, false];
      const escaped = this.source[this.#i++];
      if (escaped === undefined) throw new End();
      const representative = escaped in ESCAPE_MAPPINGS ? ESCAPE_MAPPINGS[escaped]! : escaped;
      if (representative !== null) return [representative, true];
    }
  }
}

/** Walks to the `)` closing the current group, skipping nested groups. */
function walkToEnd(ch: string, stream: CharStream): void {
  let nesting = ch === '(' ? 1 : 0;
  for (;;) {
    const [next, escaped] = stream.next();
    if (escaped) continue;
    if (next === '(') nesting++;
    else if (next === ')') {
      if (!nesting) return;
      nesting--;
    }
  }
}

/** The minimum count of a quantifier, and the character after it if it had to be read. */
function getQuantifier(ch: string, stream: CharStream): [number, string | null] {
  const tryNext = (): string | null => {
    try {
      const [next] = stream.next();
      return next === '?' ? null : next;
    } catch (error) {
      if (error instanceof End) return null;
      throw error;
    }
  };
  if ('*?+'.includes(ch)) {
    const next = tryNext();
    return [ch === '+' ? 1 : 0, next];
  }
  let quant = '';
  while (ch !== '}') {
    [ch] = stream.next();
    quant += ch;
  }
  const min = Number.parseInt(quant.slice(0, -1).split(',')[0]!, 10) || 0;
  return [min, tryNext()];
}

function containsGroup(item: Item | null): boolean {
  if (item instanceof Group) return true;
  return item instanceof NonCapture && item.some(containsGroup);
}

/** A named group's name, read up to `terminal`. */
function readName(stream: CharStream, first: string, terminal: string): string {
  let name = '';
  for (let ch = first; ch !== terminal; [ch] = stream.next()) name += ch;
  return name;
}

function parse(pattern: string): Item[] {
  let result: Item[] = [];
  const nonCapturingGroups: number[] = [];
  const stream = new CharStream(pattern);
  let numArgs = 0;
  let consumeNext = true;
  let ch = '';
  let escaped = false;
  try {
    [ch, escaped] = stream.next();
    for (;;) {
      if (escaped) result.push(ch);
      else if (ch === '.') result.push('.');
      else if (ch === '|') throw new Disjunction();
      else if (ch === '^') {
        // Anchors produce nothing.
      } else if (ch === '$') break;
      else if (ch === ')') {
        const start = nonCapturingGroups.pop()!;
        result = [...result.slice(0, start), NonCapture.from(result.slice(start))];
      } else if (ch === '[') {
        [ch, escaped] = stream.next();
        result.push(ch);
        [ch, escaped] = stream.next();
        while (escaped || ch !== ']') [ch, escaped] = stream.next();
      } else if (ch === '(') {
        [ch, escaped] = stream.next();
        if (ch !== '?' || escaped) {
          const name = `_${numArgs++}`;
          result.push(new Group(`${HOLE}${name}${HOLE}`, name));
          walkToEnd(ch, stream);
        } else {
          [ch, escaped] = stream.next();
          if (ch === '<') {
            const [first] = stream.next();
            if (first === '=' || first === '!') walkToEnd(first, stream);
            else {
              const param = readName(stream, first, '>');
              result.push(new Group(`${HOLE}${param}${HOLE}`, param));
              walkToEnd('>', stream);
            }
          } else if (ch === '!' || ch === '=') walkToEnd(ch, stream);
          else if (ch === ':') nonCapturingGroups.push(result.length);
          else if (ch !== 'P') throw new Error(`Non-reversible reg-exp portion: '(?${ch}'`);
          else {
            [ch, escaped] = stream.next();
            if (ch !== '<' && ch !== '=') throw new Error(`Non-reversible reg-exp portion: '(?P${ch}'`);
            const terminal = ch === '<' ? '>' : ')';
            const param = readName(stream, stream.next()[0], terminal);
            if (terminal === '>') {
              result.push(new Group(`${HOLE}${param}${HOLE}`, param));
              walkToEnd('>', stream);
            } else {
              result.push(new Group(`${HOLE}${param}${HOLE}`, null));
            }
          }
        }
      } else if ('*?+{'.includes(ch)) {
        const [count, next] = getQuantifier(ch, stream);
        if (next !== null) {
          // Django keeps `escaped` from before the look-ahead; so does this port.
          ch = next;
          consumeNext = false;
        }
        const last = result[result.length - 1];
        if (last !== undefined && count === 0) {
          if (containsGroup(last)) result[result.length - 1] = Choice.from([null, last]);
          else result.pop();
        } else if (last !== undefined && count > 1) {
          for (let i = 1; i < count; i++) result.push(last);
        }
      } else result.push(ch);

      if (consumeNext) [ch, escaped] = stream.next();
      consumeNext = true;
    }
  } catch (error) {
    if (!(error instanceof End)) throw error;
  }
  return result;
}

/** Django's flatten_result(): every combination of choices, as [formats, params]. */
function flatten(source: Item | null | Item[]): [string[], string[][]] {
  if (source === null) return [[''], [[]]];
  if (source instanceof Group) return [[source.format], [source.param === null ? [] : [source.param]]];
  if (typeof source === 'string') return [[source], [[]]];
  let result = [''];
  let resultArgs: string[][] = [[]];
  let last = 0;
  source.forEach((elt, pos) => {
    if (typeof elt === 'string') return;
    let piece = source.slice(last, pos).join('');
    let param: string | null = null;
    if (elt instanceof Group) {
      piece += elt.format;
      param = elt.param;
    }
    last = pos + 1;
    result = result.map((r) => r + piece);
    if (param) resultArgs.forEach((args) => args.push(param));
    if (elt instanceof Choice || elt instanceof NonCapture) {
      const alternatives: Array<Item | null> = elt instanceof NonCapture ? [elt] : [...elt];
      const inner = alternatives.map(flatten);
      const innerResult = inner.flatMap(([formats]) => formats);
      const innerArgs = inner.flatMap(([, args]) => args);
      const nextResult: string[] = [];
      const nextArgs: string[][] = [];
      result.forEach((item, i) => {
        innerResult.forEach((innerItem, j) => {
          nextResult.push(item + innerItem);
          nextArgs.push([...resultArgs[i]!, ...innerArgs[j]!]);
        });
      });
      result = nextResult;
      resultArgs = nextArgs;
    }
  });
  const tail = source.slice(last).join('');
  return [result.map((r) => r + tail), resultArgs];
}

function toForm(format: string, params: string[]): Form {
  const parts = format.split(HOLE).map((text, i) => (i % 2 === 1 ? { param: text } : text)).filter((p) => p !== '');
  return { parts, params };
}

/** The reversible forms of a Python-syntax regex (Django's normalize()). */
export function normalize(pattern: string): Form[] {
  let items: Item[];
  try {
    items = parse(pattern);
  } catch (error) {
    if (error instanceof Disjunction) return [toForm('', [])];
    throw error;
  }
  const [formats, params] = flatten(items);
  return formats.map((format, i) => toForm(format, params[i]!));
}

/**
 * URL regexes are written, stored and shown in Python's `re` syntax (Django's messages and the
 * debug 404 page print them), and compiled to JavaScript `u`-mode RegExps here: `(?P<name>` and
 * `(?P=name)` become JS named groups, `\Z`/`\A` become anchors, `\d`/`\w` keep Python's Unicode
 * meaning, and Python's literal-brace and identity-escape rules are made explicit for `u` mode.
 * JavaScript spellings (`(?<name>…)`) pass through unchanged.
 */
import { ImproperlyConfigured } from '../errors.js';

/** Characters Python's re.escape() escapes (3.7+). */
const PY_SPECIAL = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');
/** Characters `u`-mode JavaScript lets you escape with a backslash. */
const JS_SYNTAX = new Set('^$\\.*+?()[]{}|/');
const QUANTIFIER = /^\{(\d*)(,(\d*))?\}/;

/** Python's re.escape(). */
export function pyEscape(text: string): string {
  let out = '';
  for (const ch of text) out += PY_SPECIAL.has(ch) ? `\\${ch}` : ch;
  return out;
}

function translateEscape(next: string, inClass: boolean, rest: string): { text: string; width: number } {
  switch (next) {
    case 'd':
      return { text: '\\p{Nd}', width: 2 };
    case 'D':
      return { text: '\\P{Nd}', width: 2 };
    case 'w':
      return { text: inClass ? '\\p{L}\\p{N}_' : '[\\p{L}\\p{N}_]', width: 2 };
    case 'W':
      // Inside a class the Unicode complement cannot be spelled in `u` mode; ASCII \W is the nearest.
      return { text: inClass ? '\\W' : '[^\\p{L}\\p{N}_]', width: 2 };
    case 'A':
      return { text: '^', width: 2 };
    case 'Z':
      return { text: '$', width: 2 };
    case 'U': {
      const digits = rest.slice(0, 8);
      return { text: `\\u{${digits}}`, width: 2 + digits.length };
    }
  }
  if (/[0-9A-Za-z]/.test(next)) return { text: `\\${next}`, width: 2 };
  const escapable = JS_SYNTAX.has(next) || (inClass && next === '-');
  return { text: escapable ? `\\${next}` : next, width: 2 };
}

function translateGroupStart(source: string, i: number): { text: string; width: number } {
  if (source.startsWith('(?P<', i)) return { text: '(?<', width: 4 };
  const backref = /^\(\?P=([^)]*)\)/.exec(source.slice(i));
  if (backref) return { text: `\\k<${backref[1]}>`, width: backref[0].length };
  if (source.startsWith('(?#', i)) {
    const end = source.indexOf(')', i);
    return { text: '', width: (end < 0 ? source.length : end + 1) - i };
  }
  return { text: '(', width: 1 };
}

/** The JavaScript `u`-mode source for a Python-syntax regex. */
export function toJsSource(source: string): string {
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    let piece: { text: string; width: number } = { text: ch, width: 1 };
    if (ch === '\\' && i + 1 < source.length) {
      piece = translateEscape(source[i + 1]!, inClass, source.slice(i + 2));
    } else if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
      const negated = source[i + 1] === '^';
      const start = i + (negated ? 2 : 1);
      // Python reads a `]` right after `[` or `[^` as a literal; JavaScript would close the class.
      piece = source[start] === ']' ? { text: `[${negated ? '^' : ''}\\]`, width: start + 1 - i } : piece;
    } else if (ch === '(') {
      piece = translateGroupStart(source, i);
    } else if (ch === '{') {
      const quantifier = QUANTIFIER.exec(source.slice(i));
      piece =
        quantifier && quantifier[0] !== '{}'
          ? { text: `{${quantifier[1] || '0'}${quantifier[2] ? `,${quantifier[3]}` : ''}}`, width: quantifier[0].length }
          : { text: '\\{', width: 1 };
    } else if (ch === '}') {
      piece = { text: '\\}', width: 1 };
    }
    out += piece.text;
    i += piece.width;
  }
  return out;
}

/** Compiles a Python-syntax regex; a bad one is Django's ImproperlyConfigured. */
export function compilePattern(source: string): RegExp {
  try {
    return new RegExp(toJsSource(source), 'u');
  } catch (error) {
    const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    throw new ImproperlyConfigured(`"${source}" is not a valid regular expression: ${reason}`, { cause: error });
  }
}

/** True when the regex has a `|` outside every group and class (the alternatives share no prefix). */
function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '|' && depth === 0) return true;
  }
  return false;
}

/**
 * The literal text every match of an anchored regex starts with (`^blog/(?P<y>…)` → `blog/`).
 * Only used to skip patterns that cannot match, so stopping early is always safe.
 */
export function literalPrefix(source: string): string {
  if (!source.startsWith('^') || hasTopLevelAlternation(source)) return '';
  let prefix = '';
  let i = 1;
  while (i < source.length) {
    const ch = source[i]!;
    let literal = ch;
    let width = 1;
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined || /[0-9A-Za-z]/.test(next)) break;
      literal = next;
      width = 2;
    } else if ('.^$*+?{}[]()|'.includes(ch)) {
      break;
    }
    const after = source[i + width];
    if (after === '?' || after === '*' || after === '{') break;
    prefix += literal;
    i += width;
    if (after === '+') break;
  }
  return prefix;
}

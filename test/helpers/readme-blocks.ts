/**
 * The README's fenced code blocks, each with the `<!-- readme-test: ... -->` marker on the line
 * above it that tells test/cli/readme-examples.test.ts how to check it. Every fence needs one:
 *
 *   <!-- readme-test: KIND[=ARG] [key=value | key="a value" | flag ...]
 *   optional lines prepended to a ts block before it is checked (what the prose leaves out)
 *   -->
 *
 *   ts  file=PATH       PATH in the README project (a temp copy of test/fixtures/readme; blocks are
 *                       appended to the fixture's own PATH if it has one, in README order);
 *                       type-checked, then run: the test says how each PATH runs and fails for a
 *                       PATH nothing runs
 *   ts  file=PATH in=WORKSPACE [edit]
 *                       (html and css too) PATH under WORKSPACE's current directory (see `run`),
 *                       written when README order reaches it: the whole file, or with `edit` each
 *                       line in place of the file's line that starts the same up to its ` = `; the
 *                       test that serves WORKSPACE checks it (ts: type-checked there with the rest)
 *   ts  fragment        not a whole file: type-checked alone, as a module of its own
 *   sql file=PATH       as for ts: a migration, applied and unapplied by `manage migrate`
 *   sh  run=WORKSPACE   each command runs for real, in README order, in WORKSPACE (`project`: the
 *                       README project; any other name: an empty temp dir, shared by the blocks
 *                       naming it); see readme-commands.ts for what each command becomes
 *   sh  match           commands a test can't run (npm's own, network): each must exist
 *   ``  output [part] [run="CMD && CMD"] [in=WORKSPACE]
 *                       what the last command of the nearest run block above prints (or of `run`,
 *                       in WORKSPACE), stdout and stderr together, normalised (normaliseOutput);
 *                       `part`: consecutive whole lines of it
 *   ``  tree=DIR [covers=SUB]
 *                       a file listing: each line indented by at most 2 spaces names a path under
 *                       DIR (repo-relative) that exists; `covers`: every entry of DIR/SUB is listed
 */

export const MARKER_HELP = [
  'Put a marker on the line above it (test/helpers/readme-blocks.ts explains each):',
  '  ```ts   <!-- readme-test: file=PATH -->  or  <!-- readme-test: fragment -->',
  '  ```ts, ```html, ```css  <!-- readme-test: file=PATH in=WORKSPACE [edit] -->',
  '  ```sql  <!-- readme-test: file=PATH -->',
  '  ```sh   <!-- readme-test: run=WORKSPACE -->  or  <!-- readme-test: match -->',
  '  ```     <!-- readme-test: output [part] [run="CMD"] [in=WORKSPACE] -->  or  <!-- readme-test: tree=DIR [covers=SUB] -->',
].join('\n');

/** The kinds each fence language may carry. */
const KINDS: Record<string, readonly string[]> = {
  ts: ['file', 'fragment'],
  sql: ['file'],
  html: ['file'],
  css: ['file'],
  sh: ['run', 'match'],
  '': ['output', 'tree'],
};

export interface Marker {
  kind: string;
  /** The value of `KIND=ARG` (the path, the workspace, the directory). */
  arg: string | undefined;
  options: Record<string, string | true>;
  /** The marker's lines after the first, prepended to a ts block. */
  prelude: string;
}

export interface Block {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string;
  marker: Marker;
}

/** `README.md:12 (```ts file=server.ts)`: how failures name a block. */
export function label(block: Block): string {
  const option = Object.entries(block.marker.options).map(([key, value]) => (value === true ? key : `${key}=${value}`));
  const kind = block.marker.arg === undefined ? block.marker.kind : `${block.marker.kind}=${block.marker.arg}`;
  return `README.md:${block.line} (\`\`\`${block.lang} ${[kind, ...option].join(' ')})`;
}

function parseMarker(head: string, prelude: string): Marker {
  const words = [...head.matchAll(/([\w-]+)(?:=(?:"([^"]*)"|(\S+)))?/g)].map((m) => ({ key: m[1]!, value: m[2] ?? m[3] }));
  const [first, ...rest] = words;
  const options = Object.fromEntries(rest.map(({ key, value }) => [key, value ?? true]));
  return { kind: first?.key ?? '', arg: first?.value, options, prelude };
}

/**
 * The fenced blocks of `markdown` with their markers. Throws, naming every offending block and how
 * to mark it, when a block has no marker or one its language can't take.
 */
export function readmeBlocks(markdown: string): Block[] {
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!fence) continue;
    const lang = fence[1]!;
    const end = lines.findIndex((line, j) => j > i && line === '```');
    if (end < 0) throw new Error(`README.md:${i + 1}: the \`\`\`${lang} block is never closed`);
    const marker = markerAbove(lines, i);
    const where = `README.md:${i + 1}: a \`\`\`${lang} block`;
    if (!marker) problems.push(`${where} has no readme-test marker.`);
    else if (!(KINDS[lang] ?? []).includes(marker.kind)) problems.push(`${where} can't be checked as '${marker.kind}'.`);
    else blocks.push({ line: i + 1, lang, body: lines.slice(i + 1, end).join('\n') + '\n', marker });
    i = end;
  }
  if (problems.length > 0) throw new Error(`${problems.join('\n')}\n${MARKER_HELP}`);
  return blocks;
}

/** The marker ending on the line right above the fence at `fenceIndex`, if any. */
function markerAbove(lines: string[], fenceIndex: number): Marker | undefined {
  if (!lines[fenceIndex - 1]?.trimEnd().endsWith('-->')) return undefined;
  let start = fenceIndex - 1;
  while (start > 0 && !lines[start]!.startsWith('<!--')) start--;
  const head = /^<!-- readme-test: (.*?)(?:-->)?\s*$/.exec(lines[start]!);
  if (!head) return undefined;
  const prelude = lines.slice(start + 1, fenceIndex - 1).join('\n');
  return parseMarker(head[1]!, prelude === '' ? '' : `${prelude}\n`);
}

const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * What an output block and a command's output are compared as: no colours, the runserver date as
 * `<date>`, the managets version as `<version>` (so a release does not break the README), no
 * trailing spaces, no blank lines around. Ports are the runner's job (it knows the real one).
 */
export function normaliseOutput(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/\b[A-Z][a-z]+ \d{2}, \d{4} - \d{2}:\d{2}:\d{2}\b/g, '<date>')
    .replace(/managets version \d+\.\d+\.\d+\S*/g, 'managets version <version>')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

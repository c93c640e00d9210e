/**
 * The README project: a temp copy of test/fixtures/readme (what the README leaves out) with the
 * README's `file=PATH` blocks written in, and its fragments under `fragments/`, type-checked with
 * the tsconfig.json `startproject` gives users, against the built managets linked in. Blocks
 * marked `in=WORKSPACE` go into that workspace instead, one at a time (writeWorkspaceFile).
 */
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { label, type Block } from './readme-blocks.js';
import { REPO_ROOT } from './spawn-cli.js';
import { tmpProject, typeCheck } from './tmp-project.js';

export interface ReadmeProject {
  dir: string;
  /** Each written file (relative) and the blocks it holds, for messages. */
  sources: Map<string, Block[]>;
  cleanup(): void;
}

export function buildReadmeProject(blocks: readonly Block[]): ReadmeProject {
  const project = tmpProject('readme');
  const sources = new Map<string, Block[]>();
  for (const block of blocks) {
    if (block.marker.options.in !== undefined) continue;
    const relative = block.marker.kind === 'file' ? block.marker.arg! : block.marker.kind === 'fragment' ? `fragments/line-${block.line}.ts` : undefined;
    if (!relative) continue;
    const file = path.join(project.dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    // A block after the fixture's own content (or an earlier block) starts on a line of its own.
    const before = existsSync(file) && !readFileSync(file, 'utf8').endsWith('\n') ? '\n' : '';
    appendFileSync(file, `${before}${block.marker.prelude}${block.body}`);
    sources.set(relative, [...(sources.get(relative) ?? []), block]);
  }
  // A fragment is a module of its own even when it neither imports nor exports.
  for (const relative of sources.keys()) if (relative.startsWith('fragments/')) appendFileSync(path.join(project.dir, relative), 'export {};\n');
  const shebang = [...sources.keys()].filter((relative) => readFileSync(path.join(project.dir, relative), 'utf8').startsWith('#!'));
  for (const relative of shebang) chmodSync(path.join(project.dir, relative), 0o755);
  copyFileSync(path.join(REPO_ROOT, 'project_template', 'tsconfig.json-tpl'), path.join(project.dir, 'tsconfig.json'));
  return { dir: project.dir, sources, cleanup: project.cleanup };
}

/** tsc's diagnostics for the whole project ('' when clean), with where each file's blocks come from. */
export async function typeCheckReadmeProject(project: ReadmeProject): Promise<string> {
  const result = await typeCheck(project.dir);
  const output = (result.stdout + result.stderr).trim();
  if (output === '' && result.code === 0) return '';
  const legend = [...project.sources].map(([relative, blocks]) => `  ${relative}: ${blocks.map(label).join(', ')}`);
  return `${output}\n\nFiles (under ${project.dir}; fixture content first, then the blocks):\n${legend.join('\n')}`;
}

/**
 * Writes a `file=PATH in=WORKSPACE` block under `dir`, the workspace's current directory: the whole
 * file, or with `edit` each of its lines in place of the line that starts the same up to ` = `.
 */
export function writeWorkspaceFile(dir: string, block: Block): void {
  const file = path.join(dir, block.marker.arg!);
  mkdirSync(path.dirname(file), { recursive: true });
  if (!block.marker.options.edit) return writeFileSync(file, block.body);
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const line of block.body.trimEnd().split('\n')) {
    const head = line.split(' = ')[0]!;
    const at = lines.findIndex((old) => line.includes(' = ') && old.startsWith(`${head} = `));
    if (at < 0) throw new Error(`${label(block)}: ${block.marker.arg} has no line starting \`${head} = \` to replace`);
    lines[at] = line;
  }
  writeFileSync(file, lines.join('\n'));
}

/**
 * Questions on the terminal for interactive commands (Django's input() and getpass()): typed
 * answers are echoed, passwords are not. Lines are buffered, so answers piped in all at once are
 * read one per question.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CommandError } from '../errors.js';
import type { CommandContext } from './command.js';

/** Ctrl-C or end of input during a question: Django prints "Operation cancelled." and exits 1. */
export class OperationCancelled extends CommandError {
  override readonly prefix: string = '';
  constructor() {
    super('\nOperation cancelled.');
  }
}

export interface Prompter {
  ask(question: string): Promise<string>;
  askPassword(question?: string): Promise<string>;
  close(): void;
}

export function createPrompter(input: NodeJS.ReadableStream & { isTTY?: boolean }, output: { write(text: string): void }): Prompter {
  let muted = false;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) output.write(chunk.toString());
      done();
    },
  });
  const rl = createInterface({ input, output: sink, terminal: input.isTTY === true });
  const lines = rl[Symbol.asyncIterator]();
  const cancelled = new Promise<never>((_resolve, reject) => rl.on('SIGINT', () => reject(new OperationCancelled())));
  cancelled.catch(() => undefined);
  const next = async (): Promise<string> => {
    const line = await Promise.race([lines.next(), cancelled]);
    if (line.done) throw new OperationCancelled();
    return line.value;
  };
  return {
    ask(question) {
      rl.setPrompt(question);
      rl.prompt();
      return next();
    },
    async askPassword(question = 'Password: ') {
      output.write(question);
      rl.setPrompt('');
      muted = true;
      try {
        return await next();
      } finally {
        muted = false;
        // getpass() ends the line itself, terminal or not: the typed Enter was not echoed.
        output.write('\n');
      }
    },
    close: () => rl.close(),
  };
}

/** Django's `input(message)` for one question; end of input (no terminal, `< /dev/null`) answers ''. */
export async function ask(context: Pick<CommandContext, 'stdin' | 'stdout'>, question: string): Promise<string> {
  const prompter = createPrompter(context.stdin, context.stdout);
  try {
    return await prompter.ask(question);
  } catch (error) {
    if (error instanceof OperationCancelled) return '';
    throw error;
  } finally {
    prompter.close();
  }
}

/**
 * Questions on the terminal for createsuperuser and changepassword (Django's input() and
 * getpass()): typed answers are echoed, passwords are not. Lines are buffered, so answers piped
 * in all at once are read one per question.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CommandError } from '../errors.js';

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
  const terminal = input.isTTY === true;
  const rl = createInterface({ input, output: sink, terminal });
  const lines = rl[Symbol.asyncIterator]();
  const cancelled = new Promise<never>((_resolve, reject) => rl.on('SIGINT', () => reject(new OperationCancelled())));
  cancelled.catch(() => undefined);
  const next = async (): Promise<string> => {
    const line = await Promise.race([lines.next(), cancelled]);
    if (line.done) throw new OperationCancelled();
    return line.value;
  };
  return {
    async ask(question) {
      rl.setPrompt(question);
      rl.prompt();
      // Without a terminal readline does not print the prompt's line end; the answer was not echoed either.
      return next().finally(() => terminal || output.write('\n'));
    },
    async askPassword(question = 'Password: ') {
      output.write(question);
      rl.setPrompt('');
      muted = true;
      try {
        return await next();
      } finally {
        muted = false;
        output.write('\n');
      }
    },
    close: () => rl.close(),
  };
}

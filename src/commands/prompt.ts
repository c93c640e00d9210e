/**
 * Django's `input(message)` for interactive commands: writes the question to stdout and reads one
 * line from stdin. End of input (no terminal, `< /dev/null`) answers with an empty string.
 */
import { createInterface } from 'node:readline';
import type { CommandContext } from './command.js';

export function ask(context: Pick<CommandContext, 'stdin' | 'stdout'>, question: string): Promise<string> {
  context.stdout.write(question);
  const lines = createInterface({ input: context.stdin, terminal: false });
  return new Promise((resolve) => {
    let answer = '';
    lines.once('line', (line) => {
      answer = line;
      lines.close();
    });
    lines.once('close', () => resolve(answer));
  });
}

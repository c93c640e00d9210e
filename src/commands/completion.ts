/**
 * `manage completion`: a bash/zsh completion script (Django's extras/django_bash_completion).
 * Command names come from `manage help --commands`, options from `manage <command> --help`, so
 * the script never goes stale and includes the project's own commands.
 */
import { defineCommand } from './command.js';

const SCRIPT = [
  '###-begin-manage-completion-###',
  '# managets completion for bash and zsh. Install with one of:',
  '#   manage completion >> ~/.bashrc      (or ~/.zshrc)',
  '#   source <(manage completion)',
  '_manage_completion() {',
  '  local cur="${COMP_WORDS[COMP_CWORD]}" words=\'\'',
  '  if [ "$COMP_CWORD" -eq 1 ]; then',
  '    words="$("${COMP_WORDS[0]}" help --commands 2>/dev/null)"',
  '  elif [ "${cur#-}" != "$cur" ]; then',
  '    words="$("${COMP_WORDS[0]}" "${COMP_WORDS[1]}" --help 2>/dev/null | sed -nE \'s/^  (-[^ ,]+)(, (--[^ ]+))?.*/\\1 \\3/p\')"',
  '  fi',
  '  COMPREPLY=( $(compgen -W "$words" -- "$cur") )',
  '}',
  'if [ -n "${ZSH_VERSION:-}" ]; then',
  '  (( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }',
  '  autoload -U +X bashcompinit && bashcompinit',
  'fi',
  'complete -o default -F _manage_completion manage managets manage.ts',
  '###-end-manage-completion-###',
].join('\n');

export default defineCommand({
  help: 'Prints a bash/zsh completion script for manage and managets (add it to ~/.bashrc or ~/.zshrc).',
  requiresSettings: false,
  async handle(context) {
    context.stdout.write(`${SCRIPT}\n`);
  },
});

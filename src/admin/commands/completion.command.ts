// `pacsync-admin completion bash|zsh|fish`: prints the completion script for that shell, made
// from this program's own command tree (src/admin/completion.ts).
import { type Command, Argument } from 'commander';
import { bashCompletion, fishCompletion, zshCompletion } from '../completion.js';
import { action } from './support.js';

export function registerCompletionCommand(program: Command): Command {
  return program
    .command('completion')
    .summary('print the shell completion script (bash, zsh or fish)')
    .description(
      'Print the completion script for a shell. bash: source <(pacsync-admin completion bash); zsh: source <(pacsync-admin completion ' +
        'zsh) after compinit; fish: pacsync-admin completion fish | source. Or save the output where the shell loads completions from.',
    )
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .action(
      action((shell: 'bash' | 'zsh' | 'fish') => {
        const make = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion }[shell];
        process.stdout.write(make(program));
      }),
    );
}

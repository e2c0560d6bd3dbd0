// `pacsync states [--limit N] [--json]`: this machine's own states stored by the server (its
// reports, newest first), with the one from just before its last sync marked — the ids that
// `pacsync revert --state-id` takes.
import type { Command } from 'commander';
import { action } from '../errors.js';
import type { StatesCommandOptions } from './states.action.js';

export function registerStatesCommand(program: Command): Command {
  return program
    .command('states')
    .summary("list this machine's stored states (for revert --state-id)")
    .description("List this machine's own states stored by the server, newest first; the one from just before its last sync is marked.")
    .option('--limit <n>', 'how many (1-200)', '20')
    .option('--json', 'print the states as JSON')
    .action(
      action(async (opts: StatesCommandOptions, cmd: Command) => {
        const { runStates } = await import('./states.action.js');
        await runStates(opts, cmd);
      }),
    );
}

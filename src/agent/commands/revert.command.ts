// `pacsync revert [--state-id ID] [--dry-run] [--yes] [--json]`: return this machine to its own
// state from just before its last sync (or to the given earlier state of its own): packages the
// sync installed are removed, versions it changed are restored from the cache or the archive.
// Same path as `sync` (plan from the server, confirmation, pacman, progress, exit codes).
import type { Command } from 'commander';
import { action } from '../errors.js';
import type { RevertCommandOptions } from './revert.action.js';

export function registerRevertCommand(program: Command): Command {
  return program
    .command('revert')
    .summary('go back to the state before the last sync')
    .description('Return this machine exactly to its own state captured just before its last sync (or to --state-id).')
    .option('--state-id <id>', "one of this machine's earlier states, from `pacsync states` (default: the one before its last sync)")
    .option('--target', "--state-id may be a target of the pool rather than one of this machine's own states")
    .option('-n, --dry-run', 'show the plan, change nothing')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: RevertCommandOptions, cmd: Command) => {
        const { runRevert } = await import('./revert.action.js');
        await runRevert(opts, cmd);
      }),
    );
}

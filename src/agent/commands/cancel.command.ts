// `pacsync cancel [--force] [--json]`: cancels this machine's own pending operation (an in-progress
// one only with --force)
// on the server — the way out when an operation was left behind (a sync killed at its prompt by an
// older agent, a server-started sync no daemon picked up). It changes no package: a pacman
// transaction already running on the machine is not stopped by it.
import type { Command } from 'commander';
import { action } from '../errors.js';

export function registerCancelCommand(program: Command): Command {
  return program
    .command('cancel')
    .summary("cancel this machine's active operation on the server")
    .description("Cancel this machine's own pending or in-progress operation on the server (no package is changed).")
    .option('--force', 'also cancel an operation in progress (pacman may be running it)')
    .option('--json', 'print the cancelled operation as JSON')
    .action(
      action(async (opts: { json?: boolean; force?: boolean }, cmd: Command) => {
        const { runCancel } = await import('./cancel.action.js');
        await runCancel(opts, cmd);
      }),
    );
}

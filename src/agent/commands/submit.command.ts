// `pacsync submit [--json]`: report this machine's package state (read from the local database
// with core's state builder) and its sync repositories to the server, and print where it stands
// against its pool's target (sync status and drift counts from the server's reply).
import type { Command } from 'commander';
import { action } from '../errors.js';

export function registerSubmitCommand(program: Command): Command {
  return program
    .command('submit')
    .summary('report installed packages and repositories to the server')
    .description("Report this machine's package state and sync repositories to the server and show its drift.")
    .option('--json', "print the server's reply as JSON")
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const { runSubmit } = await import('./submit.action.js');
        await runSubmit(opts, cmd);
      }),
    );
}

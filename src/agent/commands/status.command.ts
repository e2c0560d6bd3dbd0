// `pacsync status [--json]`: where this machine stands — endpoint, pool, sync status and drift
// counts as the server last computed them, the last sync, whether the server answers, and
// reports still queued locally. An unreachable server is shown (and JSON still printed) with
// exit code 3; a refused key gives exit 5.
import type { Command } from 'commander';
import { action } from '../errors.js';

export function registerStatusCommand(program: Command): Command {
  return program
    .command('status')
    .summary("show this machine's pool, sync status and drift")
    .description("Show this machine's pool, sync status, drift counts, last sync and whether the server is reachable.")
    .option('--json', 'print the status as JSON')
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const { runStatus } = await import('./status.action.js');
        await runStatus(opts, cmd);
      }),
    );
}

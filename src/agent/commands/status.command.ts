// `pacsync status [--offline] [--json]`: where this machine stands — it reports its state first
// (not with --offline), then shows endpoint, pool, sync status and drift counts from the server,
// the last sync, whether the server answers, and reports still queued locally. An unreachable server is shown (and JSON still printed) with
// exit code 3; a refused key gives exit 5.
import type { Command } from 'commander';
import { action } from '../errors.js';
import type { StatusCommandOptions } from './status.action.js';

export function registerStatusCommand(program: Command): Command {
  return program
    .command('status')
    .summary("show this machine's pool, sync status and drift")
    .description("Show this machine's pool, sync status, drift counts, last sync and whether the server is reachable.")
    .option('--offline', "do not report first: show the server's copy from the last report")
    .option('--json', 'print the status as JSON')
    .action(
      action(async (opts: StatusCommandOptions, cmd: Command) => {
        const { runStatus } = await import('./status.action.js');
        await runStatus(opts, cmd);
      }),
    );
}

// `pacsync set-latest [--message M] [--packages a,b] [--dry-run] [--json]`: make this
// machine's package set its pool's target (reported first, so it is exactly what is installed
// now). --packages promotes only those packages onto the previous target; the server refuses a
// promotion that leaves dependencies unsatisfied (listing them); only an administrator may force
// one (the server refuses `force` from an endpoint key: one machine must not push a broken set).
import type { Command } from 'commander';
import { action } from '../errors.js';
import type { SetLatestCommandOptions } from './set-latest.action.js';

export function registerSetLatestCommand(program: Command): Command {
  return program
    .command('set-latest')
    .summary("make this machine's packages the pool's target")
    .description("Make this machine's current package set (or only --packages of it) the pool's target state.")
    .option('-m, --message <text>', 'a note stored with the target')
    .option('-p, --packages <names>', 'promote only these packages (comma-separated) onto the previous target')
    .option('-n, --dry-run', 'show what would change, store nothing')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: SetLatestCommandOptions, cmd: Command) => {
        const { runSetLatest } = await import('./set-latest.action.js');
        await runSetLatest(opts, cmd);
      }),
    );
}

// `pacsync-admin sync-all POOL [--dry-run] [--yes]`: a sync for every member of a pool
// (/pools/{id}/sync-all). Without --dry-run it first shows the dry run and asks; --yes skips that.
import type { Command } from 'commander';
import { action, nameList } from './support.js';

export function registerSyncAllCommand(program: Command): Command {
  return program
    .command('sync-all')
    .summary('request a sync of every member of a pool (asks first; --dry-run only shows)')
    .description(
      'Request a sync to the target for every member of the pool. Members with an ' +
        'active operation, no state, pending approval or nothing to do are skipped. ' +
        'Without --dry-run the dry run is shown first and you are asked to confirm (--yes: do not ask; needed without a terminal).',
    )
    .argument('<pool>', 'pool name or id')
    .option('--dry-run', 'only show what each member would do (nothing is stored)')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--force', 'allow the downgrades that manual conflict resolution would block')
    .option('--packages <names>', 'only these packages (comma-separated)', nameList(false))
    .option('--exclude <names>', 'leave these out (names or globs, comma-separated)', nameList(true))
    .action(action(async (ref: string, opts, cmd: Command) => (await import('./sync-all.action.js')).syncAll(ref, opts, cmd)));
}

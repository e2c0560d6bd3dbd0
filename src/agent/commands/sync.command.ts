// `pacsync sync [--dry-run] [--force] [--packages a,b] [--exclude a,b] [--yes] [--json]`: make this
// machine match its pool's target. Reports the current state first, asks the server for the plan
// (POST /endpoints/{id}/sync), shows it, asks for confirmation (unless --yes; without a terminal
// and without --yes it refuses), then applies it through the real pacman, reporting progress to
// the operation. Exit 4 when `manual` conflicts block it (nothing changed), 6 when pacman fails
// (the operation fails with pacman's message and the state actually reached is reported).
import type { Command } from 'commander';
import { action } from '../errors.js';
import type { SyncCommandOptions } from './sync.action.js';

export function registerSyncCommand(program: Command): Command {
  return program
    .command('sync')
    .summary("bring this machine to its pool's target")
    .description("Install, upgrade (and, as the pool's policy says, downgrade or remove) packages to match the pool's target state.")
    .option('-n, --dry-run', 'show the plan, change nothing')
    .option('-f, --force', "downgrade packages that are newer than the target (pool resolution 'manual')")
    .option('-p, --packages <names>', 'only these packages (comma-separated) and the target dependencies they need')
    .option('-x, --exclude <names>', 'leave these packages (comma-separated names or globs) alone this time')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: SyncCommandOptions, cmd: Command) => {
        const { runSync } = await import('./sync.action.js');
        await runSync(opts, cmd);
      }),
    );
}

// `pacsync packages [--filter missing|behind|ahead|extra|foreign|excluded] [--search S] [--json]`:
// this machine's packages that differ from its pool's target, one per line
// (`behind  glibc 2.38-1 -> 2.39-1 [core]`). Reports the current state and shows the server's
// per-package drift, so pool and machine exclusions apply exactly as for `status`.
import type { Command } from 'commander';
import { DRIFT_KINDS } from '../drift-words.js';
import { action } from '../errors.js';
import type { PackagesCommandOptions } from './packages.action.js';

export function registerPackagesCommand(program: Command): Command {
  return program
    .command('packages')
    .summary("list packages that differ from the pool's target")
    .description("List this machine's packages that are missing, behind, ahead, extra, foreign or excluded against the pool's target.")
    .option('--filter <kind>', `only one kind: ${DRIFT_KINDS.join(', ')}`)
    .option('-s, --search <text>', 'only names containing this text')
    .option('--json', 'print the list as JSON')
    .action(
      action(async (opts: PackagesCommandOptions, cmd: Command) => {
        const { runPackages } = await import('./packages.action.js');
        await runPackages(opts, cmd);
      }),
    );
}

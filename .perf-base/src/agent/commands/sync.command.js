import { action } from '../errors.js';
export function registerSyncCommand(program) {
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
        .action(action(async (opts, cmd) => {
        const { runSync } = await import('./sync.action.js');
        await runSync(opts, cmd);
    }));
}
//# sourceMappingURL=sync.command.js.map
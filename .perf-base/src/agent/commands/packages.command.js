import { action } from '../errors.js';
export const DRIFT_FILTERS = ['missing', 'behind', 'ahead', 'extra', 'foreign', 'excluded'];
export function registerPackagesCommand(program) {
    return program
        .command('packages')
        .summary("list packages that differ from the pool's target")
        .description("List this machine's packages that are missing, behind, ahead, extra, foreign or excluded against the pool's target.")
        .option('--filter <kind>', `only one kind: ${DRIFT_FILTERS.join(', ')}`)
        .option('-s, --search <text>', 'only names containing this text')
        .option('--json', 'print the list as JSON')
        .action(action(async (opts, cmd) => {
        const { runPackages } = await import('./packages.action.js');
        await runPackages(opts, cmd);
    }));
}
//# sourceMappingURL=packages.command.js.map
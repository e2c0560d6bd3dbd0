import { action } from '../errors.js';
export function registerStatusCommand(program) {
    return program
        .command('status')
        .summary("show this machine's pool, sync status and drift")
        .description("Show this machine's pool, sync status, drift counts, last sync and whether the server is reachable.")
        .option('--json', 'print the status as JSON')
        .action(action(async (opts, cmd) => {
        const { runStatus } = await import('./status.action.js');
        await runStatus(opts, cmd);
    }));
}
//# sourceMappingURL=status.command.js.map
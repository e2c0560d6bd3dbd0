import { action } from '../errors.js';
export function registerDaemonCommand(program) {
    return program
        .command('daemon')
        .summary('report changes and run server-started operations (foreground)')
        .description('Run in the foreground: report the package state when it changes, send heartbeats, run sync/revert operations ' +
        'started by the server, and queue reports while the server is unreachable.')
        .action(action(async (_opts, cmd) => {
        const { runDaemon } = await import('./daemon.action.js');
        await runDaemon(cmd);
    }));
}
//# sourceMappingURL=daemon.command.js.map
import { action } from '../errors.js';
export function registerSubmitCommand(program) {
    return program
        .command('submit')
        .summary('report installed packages and repositories to the server')
        .description("Report this machine's package state and sync repositories to the server and show its drift.")
        .option('--json', 'print the server\'s reply as JSON')
        .action(action(async (opts, cmd) => {
        const { runSubmit } = await import('./submit.action.js');
        await runSubmit(opts, cmd);
    }));
}
//# sourceMappingURL=submit.command.js.map
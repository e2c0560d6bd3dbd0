import { action } from '../errors.js';
export function registerTestConnectionCommand(program) {
    return program
        .command('test-connection')
        .summary('check that the server answers and accepts this machine\'s key')
        .description("Check that the configured server answers and accepts this machine's API key.")
        .option('--json', 'print the result as JSON')
        .action(action(async (opts, cmd) => {
        const { runTestConnection } = await import('./test-connection.action.js');
        await runTestConnection(opts, cmd);
    }));
}
//# sourceMappingURL=test-connection.command.js.map
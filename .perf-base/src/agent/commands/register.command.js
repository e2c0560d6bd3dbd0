import { action } from '../errors.js';
export function registerRegisterCommand(program) {
    return program
        .command('register')
        .summary('register this machine with a server')
        .description('Register this machine with the server using an enroll key, and store the server URL, the endpoint id and ' +
        "the endpoint's own API key in the configuration file (mode 0600).")
        .requiredOption('--server <url>', 'server URL, e.g. http://pacsync.lan:8080')
        .requiredOption('--enroll-key <key>', 'an enroll (or admin) API key')
        .option('--name <name>', 'endpoint name (default: [client] endpoint_name or the hostname)')
        .option('--pool <id>', 'pool id to join (default: [client] pool_id; an enroll key bound to a pool decides)')
        .option('--json', 'print the result as JSON')
        .action(action(async (opts, cmd) => {
        const { runRegister } = await import('./register.action.js');
        await runRegister(opts, cmd);
    }));
}
//# sourceMappingURL=register.command.js.map
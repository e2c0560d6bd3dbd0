import { action, addConfigOption, loadCliConfig } from './support.js';
export function registerServeCommand(program) {
    const cmd = program
        .command('serve')
        .description('run the server (HTTP API, web UI, background jobs)')
        .option('-p, --port <port>', 'port to listen on (env PORT, default 8080; 0 picks a free one)')
        .option('-H, --host <host>', 'address to listen on (env HOST, default 0.0.0.0)');
    addConfigOption(cmd).action(action(async (opts) => {
        const config = loadCliConfig(opts);
        // Loaded here so one-shot commands start without the HTTP stack.
        const { closeOnSignals, startServer } = await import('../server.js');
        const server = await startServer(config);
        closeOnSignals(server);
    }));
}
//# sourceMappingURL=serve.command.js.map
// `pacsync-server serve [--port] [--host] [--config]`: runs the server until SIGTERM/SIGINT.
import type { Command } from 'commander';
import { action, addConfigOption, loadCliConfig } from './support.js';

interface ServeOptions {
  port?: string;
  host?: string;
  config?: string;
}

export function registerServeCommand(program: Command): void {
  const cmd = program
    .command('serve')
    .description('run the server (HTTP API under /api/v1, WebSocket, health, OpenAPI docs at /docs)')
    .option('-p, --port <port>', 'port to listen on (env PORT, default 8080; 0 picks a free one)')
    .option('-H, --host <host>', 'address to listen on (env HOST, default 0.0.0.0)');
  addConfigOption(cmd).action(
    action(async (opts: ServeOptions) => {
      const config = loadCliConfig(opts);
      // Loaded here so one-shot commands start without the HTTP stack.
      const { closeOnSignals, startServer } = await import('../server.js');
      const server = await startServer(config);
      closeOnSignals(server);
    }),
  );
}

// `pacsync test-connection [--json]`: can this machine reach its server, and does the server take
// its key? Exit 3 when unreachable, 5 when the key is refused, 2 when nothing is configured.
import type { Command } from 'commander';
import { action } from '../errors.js';

export function registerTestConnectionCommand(program: Command): Command {
  return program
    .command('test-connection')
    .summary("check that the server answers and accepts this machine's key")
    .description("Check that the configured server answers and accepts this machine's API key.")
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: { json?: boolean }, cmd: Command) => {
        const { runTestConnection } = await import('./test-connection.action.js');
        await runTestConnection(opts, cmd);
      }),
    );
}

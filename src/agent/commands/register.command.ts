// `pacsync register --server URL --enroll-key KEY [--name NAME] [--pool NAME|ID]`: registers this
// machine with the server (POST /endpoints with an enroll key) and writes the server URL, the
// endpoint's name, id and its own API key into the configuration file it used (created if need
// be, mode 0600). The enroll key is used once and never stored; no key is ever printed.
import type { Command } from 'commander';
import { action } from '../errors.js';

interface RegisterOptions {
  server: string;
  enrollKey: string;
  name?: string;
  pool?: string;
  json?: boolean;
}

export function registerRegisterCommand(program: Command): Command {
  return program
    .command('register')
    .summary('register this machine with a server')
    .description(
      'Register this machine with the server using an enroll key, and store the server URL, the endpoint id and ' +
        "the endpoint's own API key in the configuration file (mode 0600).",
    )
    .requiredOption('--server <url>', 'server URL, e.g. http://pacsync.lan:8080')
    .requiredOption('--enroll-key <key>', 'an enroll (or admin) API key')
    .option('--name <name>', 'endpoint name (default: [client] endpoint_name or the hostname)')
    .option('--pool <name|id>', 'pool to join, by name or id (default: [client] pool_id; an enroll key bound to a pool decides)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (opts: RegisterOptions, cmd: Command) => {
        const { runRegister } = await import('./register.action.js');
        await runRegister(opts, cmd);
      }),
    );
}

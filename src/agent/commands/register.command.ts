// `pacsync register --server URL --enroll-key KEY [--name NAME] [--pool NAME|ID]`: registers this
// machine with the server (POST /endpoints with an enroll key) and writes the server URL, the
// endpoint's name, id and its own API key into the configuration file it used (created if need
// be, mode 0600). The enroll key is used once and never stored; no key is ever printed.
// `--replace` takes over an endpoint of the same name (a reinstalled machine, admin key);
// `--rotate` replaces this machine's own key (revoked or leaked) without registering again.
import type { Command } from 'commander';
import { action } from '../errors.js';
import type { RegisterOptions } from './register.action.js';

export function registerRegisterCommand(program: Command): Command {
  return program
    .command('register')
    .summary('register this machine with a server')
    .description(
      'Register this machine with the server using an enroll key, and store the server URL, the endpoint id and ' +
        "the endpoint's own API key in the configuration file (mode 0600).",
    )
    .option('--server <url>', 'server URL, e.g. https://pacsync.lan:8443 (required, except with --rotate)')
    .option('--enroll-key <key>', 'an enroll (or admin) API key (required, except with --rotate)')
    .option('--replace', "the name is taken by this machine's old registration: take it over (admin key; history kept, old key revoked)")
    .option('--rotate', "a new key for this machine's endpoint (its own key, or an admin key with --enroll-key); the old one is revoked")
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

// The `pacsync-admin` command tree (commander): global options and one line per command group,
// each in commands/<noun>.command.ts with its work in <noun>.action.ts. Kept apart from the
// executable (pacsync-admin.ts) so that the completion scripts and the tests read the same tree.
import { Command, Option } from 'commander';
import { registerAnalysisCommand } from './commands/analysis.command.js';
import { registerCompletionCommand } from './commands/completion.command.js';
import { registerEndpointsCommand } from './commands/endpoints.command.js';
import { registerEventsCommand } from './commands/events.command.js';
import { registerKeysCommand } from './commands/keys.command.js';
import { registerOperationsCommand } from './commands/operations.command.js';
import { registerPoolsCommand } from './commands/pools.command.js';
import { registerSyncAllCommand } from './commands/sync-all.command.js';
import { registerTargetsCommand } from './commands/targets.command.js';

// Set by the bundle (scripts/postbuild.mjs) from package.json.
declare const PACSYNC_ADMIN_VERSION: string | undefined;
export const ADMIN_VERSION = typeof PACSYNC_ADMIN_VERSION === 'string' ? PACSYNC_ADMIN_VERSION : 'dev';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('pacsync-admin')
    .description(
      "Pacman Sync Utility administration over the server's HTTP API, with an admin or read key.\n" +
        'Server and key: --server/--key-file, PACSYNC_ADMIN_SERVER/PACSYNC_ADMIN_KEY_FILE/PACSYNC_ADMIN_KEY, or ~/.config/pacman-sync/admin.conf.\n' +
        'Exit codes: 0 ok, 1 error or unknown name/id, 2 usage or configuration, 3 server unreachable, 4 conflict, 5 authentication or permission.',
    )
    .version(ADMIN_VERSION)
    .option('--server <url>', 'server URL, e.g. https://pacsync.lan:8443 (env PACSYNC_ADMIN_SERVER)')
    .option('--key-file <file>', 'file holding the API key (env PACSYNC_ADMIN_KEY_FILE, or the key itself in PACSYNC_ADMIN_KEY)')
    .option('--ca-file <file>', 'PEM file of the CA that signed the server certificate (env PACSYNC_ADMIN_CA_FILE)')
    .option('--allow-insecure-http', 'accept http:// to a host other than this one (the key crosses the network unencrypted)')
    .option('--timeout <seconds>', 'seconds per request (default 30)')
    .option('-c, --config <file>', 'configuration file (default: $PACSYNC_ADMIN_CONFIG, ~/.config/pacman-sync/admin.conf)')
    .option('--json', "print the API's data as JSON")
    // A key in argv is readable by every user of the machine (ps, /proc) and stays in shell history.
    .addOption(new Option('--key <key>').hideHelp())
    .showHelpAfterError('(pacsync-admin --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`error: ${str.replace(/^error: /, '').trim()}\n`) });

  registerPoolsCommand(program);
  registerEndpointsCommand(program);
  registerTargetsCommand(program);
  registerOperationsCommand(program);
  registerSyncAllCommand(program);
  registerAnalysisCommand(program);
  registerEventsCommand(program);
  registerKeysCommand(program);
  registerCompletionCommand(program);
  return program;
}

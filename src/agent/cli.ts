#!/usr/bin/env node
// `pacsync`, the agent. Parsing only: each command lives in commands/<verb>.command.ts and is
// registered here. Exit codes (SPEC §6): 0 ok, 1 error, 2 configuration, 3 network,
// 4 sync conflict, 5 authentication/permission, 6 pacman failure.
import { Command } from 'commander';
import { registerVercmpCommand } from './commands/vercmp.command.js';
import { registerQueryCommand } from './commands/query.command.js';
import { registerRepoListCommand } from './commands/repo-list.command.js';
import { registerRegisterCommand } from './commands/register.command.js';
import { registerStatusCommand } from './commands/status.command.js';
import { registerSubmitCommand } from './commands/submit.command.js';
import { registerSyncCommand } from './commands/sync.command.js';
import { registerSetLatestCommand } from './commands/set-latest.command.js';
import { registerRevertCommand } from './commands/revert.command.js';
import { registerPackagesCommand } from './commands/packages.command.js';
import { registerWaybarCommand } from './commands/waybar.command.js';
import { registerTestConnectionCommand } from './commands/test-connection.command.js';
import { registerDaemonCommand } from './commands/daemon.command.js';

const program = new Command();
program
  .name('pacsync')
  .description('Pacman Sync Utility agent: keeps this machine on its pool\'s package set')
  .option('-c, --config <file>', 'configuration file (default: $PACSYNC_CONFIG, ~/.config/pacman-sync/client.conf, /etc/pacman-sync/client.conf)')
  .showHelpAfterError();

// Commands register themselves on `program`: add one line per command.
registerVercmpCommand(program);
registerQueryCommand(program);
registerRepoListCommand(program);
registerRegisterCommand(program);
registerStatusCommand(program);
registerSubmitCommand(program);
registerSyncCommand(program);
registerSetLatestCommand(program);
registerRevertCommand(program);
registerPackagesCommand(program);
registerWaybarCommand(program);
registerTestConnectionCommand(program);
registerDaemonCommand(program);

await program.parseAsync(process.argv);

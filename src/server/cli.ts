#!/usr/bin/env node
// `pacsync-server`. Parsing only: each command lives in commands/<verb>.command.ts and registers
// itself here. Every failure is one line on stderr and a non-zero exit (commands/support.ts).
import { Command } from 'commander';
import { registerDbCommand } from './commands/db.command.js';
import { registerEndpointsCommand } from './commands/endpoints.command.js';
import { registerKeysCommand } from './commands/keys.command.js';
import { registerMigrateCommand } from './commands/migrate.command.js';
import { registerServeCommand } from './commands/serve.command.js';
import { reportFailure } from './commands/support.js';
import { VERSION } from './version.js';

const program = new Command();
program
  .name('pacsync-server')
  .description('Pacman Sync Utility server: keeps pools of Arch Linux machines on one package set')
  .version(VERSION)
  .exitOverride()
  .configureOutput({
    // commander's own usage errors: one line, no help dump.
    outputError: (str, write) =>
      write(
        `pacsync-server: ${str
          .replace(/^error: /, '')
          .replace(/\s+/g, ' ')
          .trim()}\n`,
      ),
  });

registerServeCommand(program);
registerMigrateCommand(program);
registerDbCommand(program);
registerKeysCommand(program);
registerEndpointsCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // exitOverride turns commander's exits into throws: --help/--version are not failures.
  const code = (err as { code?: string; exitCode?: number }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') {
    process.exitCode = 0;
  } else if (code?.startsWith('commander.')) {
    process.exitCode = (err as { exitCode?: number }).exitCode || 1;
  } else {
    reportFailure(err);
  }
}

#!/usr/bin/env node
// `pacsync`'s full command line (the executable is pacsync.cts, which sends every command here
// but the fast path's two; this file stays executable for links made before that, such as npx's
// cache). Parsing only: each command lives in commands/<verb>.command.ts and is
// registered here. Exit codes (README "Agent (`pacsync`)"): 0 ok, 1 error, 2 configuration, 3
// network, 4 sync conflict, 5 authentication/permission, 6 pacman failure. No top-level await: the
// packaged agent is this program bundled into one CommonJS file (scripts/bundle-agent.mjs), and
// CommonJS has none. A failure outside a command's own handling is an unhandled rejection: Node
// prints it and exits 1, as it did with a top-level await.
quietOnClosedPipes();
void runProgram();

/**
 * A reader that went away (`pacsync status | head -1`): output stops there and the command ends
 * its work quietly with its own exit code — no "write EPIPE" and no stack trace. The work is not
 * cut short: a sync must still finish its transaction and report it.
 */
function quietOnClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      stream.write = (() => true) as typeof stream.write;
    });
  }
}

/** The full command line, through commander (all commands, help, global options). */
async function runProgram(): Promise<void> {
  const { Command } = await import('commander');
  const program = new Command();
  program
    .name('pacsync')
    .description("Pacman Sync Utility agent: keeps this machine on its pool's package set")
    .version((await import('./version.js')).agentVersion(), '-V, --version')
    .option('-c, --config <file>', 'configuration file (default: $PACSYNC_CONFIG, ~/.config/pacman-sync/client.conf, /etc/pacman-sync/client.conf)')
    .showHelpAfterError();

  // Commands register themselves on `program`: add one line per command.
  (await import('./commands/vercmp.command.js')).registerVercmpCommand(program);
  (await import('./commands/query.command.js')).registerQueryCommand(program);
  (await import('./commands/repo-list.command.js')).registerRepoListCommand(program);
  (await import('./commands/register.command.js')).registerRegisterCommand(program);
  (await import('./commands/status.command.js')).registerStatusCommand(program);
  (await import('./commands/submit.command.js')).registerSubmitCommand(program);
  (await import('./commands/sync.command.js')).registerSyncCommand(program);
  (await import('./commands/set-latest.command.js')).registerSetLatestCommand(program);
  (await import('./commands/revert.command.js')).registerRevertCommand(program);
  (await import('./commands/states.command.js')).registerStatesCommand(program);
  (await import('./commands/cancel.command.js')).registerCancelCommand(program);
  (await import('./commands/packages.command.js')).registerPackagesCommand(program);
  (await import('./commands/waybar.command.js')).registerWaybarCommand(program);
  (await import('./commands/test-connection.command.js')).registerTestConnectionCommand(program);
  (await import('./commands/daemon.command.js')).registerDaemonCommand(program);
  (await import('./commands/hook.command.js')).registerHookCommand(program);

  await program.parseAsync(process.argv);
}

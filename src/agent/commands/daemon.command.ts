// `pacsync daemon`: run in the foreground (systemd: packaging/systemd/pacsync.service), reporting
// this machine's state when pacman changes it, carrying out operations the server starts, keeping
// reports queued on disk while the server is unreachable. SIGTERM/SIGINT stop it cleanly (see
// daemon/daemon.ts). Timings: [daemon] heartbeat_interval, poll_interval, watch_interval,
// max_backoff (seconds).
import type { Command } from 'commander';
import { action } from '../errors.js';

export function registerDaemonCommand(program: Command): Command {
  return program
    .command('daemon')
    .summary('report changes and run server-started operations (foreground)')
    .description(
      'Run in the foreground: report the package state when it changes, send heartbeats, run sync/revert operations ' +
        'started by the server, and queue reports while the server is unreachable.',
    )
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const { runDaemon } = await import('./daemon.action.js');
        await runDaemon(cmd);
      }),
    );
}

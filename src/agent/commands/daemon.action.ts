// The work behind `pacsync daemon` (see daemon.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { Daemon } from '../daemon/daemon.js';
import { commandConfig, sessionFor } from '../session.js';

export async function runDaemon(cmd: Command): Promise<void> {
  // pacman must never wait for a password nobody will type: sudo runs non-interactively.
  // Stopping aborts downloads in progress (never a pacman transaction: see daemon/daemon.ts).
  const abort = new AbortController();
  const session = sessionFor(commandConfig(cmd), { interactive: false, signal: abort.signal });
  const daemon = new Daemon(session);
  const onSignal = (signal: NodeJS.Signals): void => {
    if (daemon.stopped) {
      process.stdout.write(`${signal} again: still finishing the current step (pacman is not interrupted)\n`);
      return;
    }
    process.stdout.write(`${signal}: stopping after the current step\n`);
    daemon.stop(signal);
    abort.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    await daemon.run();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  }
}

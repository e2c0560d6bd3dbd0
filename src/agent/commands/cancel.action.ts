// The work behind `pacsync cancel` (see cancel.command.ts; loaded only when the command runs).
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { outputMode, printJson, say } from '../output.js';
import { commandConfig, sessionFor } from '../session.js';

export async function runCancel(opts: { json?: boolean; force?: boolean }, cmd: Command): Promise<void> {
  const mode = outputMode(opts.json);
  const session = sessionFor(commandConfig(cmd));
  const running = (await session.client.listOperations(session.endpointId, { status: 'in_progress', limit: 5 })).items;
  // An operation in progress may have a pacman transaction running right now (the daemon, another
  // pacsync): cancelling it would make the server refuse that run's result. Only with --force.
  if (running.length > 0 && opts.force !== true) {
    throw new CliError(
      `operation ${running[0]?.id} is in progress: pacman may be running it now; ` +
        `pass --force to cancel it anyway (its result will then not be recorded)`,
    );
  }
  const active = [...running, ...(await session.client.listOperations(session.endpointId, { status: 'pending', limit: 5 })).items];
  if (active.length === 0) {
    if (mode === 'json') printJson({ cancelled: [] });
    else say(mode, 'no active operation: nothing to cancel');
    return;
  }
  const cancelled = [];
  for (const op of active) cancelled.push(await session.client.cancel(op.id));
  if (mode === 'json') {
    printJson({ cancelled });
    return;
  }
  for (const op of cancelled) say(mode, `cancelled ${op.operation_type} ${op.id} (was ${active.find((a) => a.id === op.id)?.status ?? 'active'})`);
}

// `pacsync sync` and `pacsync revert` around the pipeline (sync-pipeline.ts): Ctrl-C from the
// start stops cleanly, the configuration gives the session, what an earlier run queued is sent
// first (reports arrive in order), and the outcome is printed (--json: only the result).
import type { Command } from 'commander';
import { flushQueue, queueOf, warn } from '../command-support.js';
import { CliError } from '../errors.js';
import { outputMode, printJson, say } from '../output.js';
import { commandConfig, sessionFor, type Session } from '../session.js';
import { catchStopSignals, type StopSignals } from '../stop-signals.js';
import { syncMachine, type PlannedAnswer } from './sync-pipeline.js';

export interface SyncCommandFlags {
  json?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

/** Throws when a stop signal came before the server was asked for anything: nothing changed. */
function stopIfAsked(stops: StopSignals): void {
  const reason = stops.reason();
  if (reason !== null) throw new CliError(`${reason}: stopped before the server was asked for a plan: nothing was changed`);
}

/**
 * Runs `sync` or `revert`: unless --yes, the server is first asked for a dry-run plan
 * (`ask(session, true)`: no operation is stored) to show and ask about; only on yes (or with
 * --yes) is the operation created (`ask(session, false)`) and carried out. A killed prompt thus
 * leaves nothing pending on the server. A stop signal makes the command exit non-zero even when
 * the pacman transaction it let finish was the last step.
 */
export async function syncFromCommand(
  cmd: Command,
  what: 'sync' | 'revert',
  opts: SyncCommandFlags,
  ask: (session: Session, dryRun: boolean) => Promise<PlannedAnswer>,
): Promise<void> {
  const stops = catchStopSignals();
  try {
    const session = sessionFor(commandConfig(cmd), { signal: stops.signal });
    await flushQueue(session, warn);
    const mode = outputMode(opts.json);
    const result = await syncMachine({
      what,
      client: session.client,
      endpointId: session.endpointId,
      ctx: session.ctx,
      queue: queueOf(session),
      mode,
      log: (line) => say(mode, line),
      ask: (dryRun) => {
        stopIfAsked(stops);
        return ask(session, dryRun);
      },
      yes: opts.yes === true,
      dryRun: opts.dryRun === true,
      stopping: () => stops.reason() ?? false,
    });
    if (mode === 'json') {
      const { state: _state, ...rest } = result;
      printJson(rest);
    }
    const reason = stops.reason();
    if (reason !== null && result.operation_id !== null) {
      const how = result.outcome === 'completed' ? 'the pacman transaction under way was finished first' : 'nothing was changed';
      throw new CliError(`${reason}: stopped; ${how} (operation ${result.operation_id}: ${result.outcome.replace(/_/g, ' ')})`);
    }
  } finally {
    stops.dispose();
  }
}

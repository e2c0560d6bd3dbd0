// Telling the server how an operation ended. A result the server cannot take right now
// (unreachable) goes to the report queue, which the daemon (or the next command) replays: the
// outcome of an operation is never lost.
import type { OperationView } from '../../contracts/operation.contract.js';
import { isRetryable, type ApiClient } from '../api-client.js';
import { CliError, messageFor } from '../errors.js';
import type { StepsStopped } from '../pacman/executor-errors.js';
import { sendReport, withIdempotencyKey, type QueuedReport, type ReportQueue } from '../state-dir/report-queue.js';

/**
 * Sends a result, or queues it when the server cannot be reached. Returns true when sent. The
 * queued copy keeps the key of this first attempt: if the server did take it (and only its answer
 * was lost), the replay is recognised and changes nothing.
 */
export async function sendOrQueue(client: ApiClient, queue: ReportQueue, given: QueuedReport, log: (l: string) => void): Promise<boolean> {
  const report = withIdempotencyKey(given);
  try {
    await sendReport(client, report, queue.acknowledged);
    return true;
  } catch (err) {
    if (!isRetryable(err)) throw err;
    queue.push(report);
    log(`warning: ${messageFor(err)}; the result is queued and sent when the server is back (pacsync daemon or the next command)`);
    return false;
  }
}

/** Fails an operation that will not run (blocked, refused, changed since shown) with `why`. */
export async function abandon(client: ApiClient, op: OperationView, why: string): Promise<void> {
  try {
    await client.fail(op.id, { error_message: why });
  } catch {
    // The operation may already be closed (a dry run) or the server gone: nothing changed here.
  }
}

/** Why the agent stopped before changing anything (`reason`: the signal, when known). */
export const stoppedMessage = (reason: string | boolean): string =>
  `${typeof reason === 'string' ? `${reason}: ` : ''}the agent was stopped before the transaction started: nothing was changed`;

/** Stopped between two pacman steps: the one running was finished, the rest never started. */
export function stepsStoppedError(err: StepsStopped, reason: string | boolean): CliError {
  if (err.completed.length === 0) return new CliError(stoppedMessage(reason));
  return new CliError(`${typeof reason === 'string' ? `${reason}: ` : ''}the agent was ${err.message}; the state reached is reported`);
}

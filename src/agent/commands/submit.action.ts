// The work behind `pacsync submit` (see submit.command.ts; loaded only when the command runs).
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { isRetryable } from '../api-client.js';
import { flushQueue, queueOf, warn } from '../command-support.js';
import { driftLine, statusWhy } from '../drift-words.js';
import { CliError, EXIT, messageFor } from '../errors.js';
import { outputMode, printJson, say } from '../output.js';
import { capture, stateBody, submitCapture } from '../reporting.js';
import { commandConfig, sessionFor } from '../session.js';

export async function runSubmit(opts: { json?: boolean }, cmd: Command): Promise<void> {
  const mode = outputMode(opts.json);
  const session = sessionFor(commandConfig(cmd));
  await flushQueue(session, warn);
  const c = await capture(session.ctx);
  let reply;
  // Queued with the report when the server cannot be reached: the replay is the same request.
  const idempotencyKey = randomUUID();
  try {
    reply = await submitCapture(session, c, { idempotencyKey });
  } catch (err) {
    if (!isRetryable(err)) throw err;
    // As the daemon does: the report waits in the queue and goes out with the next command (or
    // the daemon) once the server is back. Still exit 3: it has not arrived.
    const queue = queueOf(session);
    queue.push({ kind: 'state', endpoint_id: session.endpointId, body: stateBody(c.state), idempotency_key: idempotencyKey });
    queue.push({ kind: 'repositories', endpoint_id: session.endpointId, body: c.repositories });
    throw new CliError(
      `${messageFor(err)}; the report is queued in ${queue.file} and sent when the server is back (pacsync daemon, or the next pacsync command)`,
      EXIT.NETWORK,
    );
  }
  if (mode === 'json') {
    printJson(reply);
    return;
  }
  const n = Object.keys(c.state.packages).length;
  say(
    mode,
    `reported ${n} package(s) and ${c.repositories.repositories.length} ` +
      `repositor${c.repositories.repositories.length === 1 ? 'y' : 'ies'}${reply.changed ? '' : ' (unchanged since the last report)'}`,
  );
  if (reply.target_state_id === null) {
    say(mode, `sync status: ${reply.sync_status} (${reply.pool_id === null ? 'not in a pool' : 'the pool has no target yet'})`);
  } else {
    say(mode, `sync status: ${reply.sync_status}${statusWhy(reply.sync_status, reply.drift)}: ${driftLine(reply.drift)}`);
  }
}

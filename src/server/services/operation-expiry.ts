// A pending operation its agent never picked up (the agent was killed at its prompt, the machine
// is off, no daemon runs) must not block the endpoint for ever: after [features]
// operation_pickup_timeout minutes it is `expired`, with an event, and a new operation may start.
// Checked where it matters — when another operation is requested for the endpoint; the
// stale-operation job (issue #12) can sweep the rest with the same function.
import type { Executor } from '../../db/executor.js';
import { type OperationRow, updateOperationIf } from '../../db/operation.repository.js';
import { operationNotice } from '../domain/operation-record.js';
import type { Notifier } from '../events/notifier.js';
import { recordEvent } from './event.service.js';

/** Expires `op` when it is pending and older than `timeoutMinutes`. True when it did. */
export async function expireIfUnclaimed(
  trx: Executor,
  notifier: Notifier,
  op: OperationRow,
  endpointName: string,
  timeoutMinutes: number,
  now: Date,
): Promise<boolean> {
  if (op.status !== 'pending') return false;
  const waited = now.getTime() - new Date(op.started_at ?? op.created_at).getTime();
  if (waited < timeoutMinutes * 60_000) return false;
  const error_message = `not picked up by its agent within ${timeoutMinutes} minute(s): expired, nothing was changed`;
  if (!(await updateOperationIf(trx, op.id, ['pending'], { status: 'expired', completed_at: now.toISOString(), error_message }))) return false;
  await recordEvent(trx, now, 'system', {
    event_type: 'operation_expired',
    severity: 'warning',
    message: `${op.operation_type} ${op.id} of endpoint '${endpointName}' ${error_message}`,
    endpoint_id: op.endpoint_id,
    pool_id: op.pool_id,
    details: { operation_id: op.id, operation_type: op.operation_type, waited_minutes: Math.floor(waited / 60_000) },
  });
  notifier.queue(operationNotice({ ...op, status: 'expired', error_message }));
  return true;
}

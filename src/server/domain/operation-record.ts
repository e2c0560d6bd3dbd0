// Operation records shared by the services that store or change operations: the row of an
// operation that is complete the moment it is stored (set-latest, repository analysis) —
// started, completed and created at the same instant, progress 100 — and the realtime message an
// operation's change sends its subscribers (sync, revert, progress, completion, expiry).
import { newId } from '../../db/dialect.js';
import type { OperationRow } from '../../db/operation.repository.js';
import type { JsonObject } from '../../db/schema.js';
import { endpointChannels, type Notification, poolChannel } from '../events/notifier.js';

/** A new operation row with status `completed` at `now` (insert it with insertOperation). */
export function completedOperation(
  o: { pool_id: string | null; endpoint_id: string | null; operation_type: string; details: JsonObject },
  now: Date,
): OperationRow {
  const at = now.toISOString();
  return { id: newId(), ...o, status: 'completed', progress: 100, error_message: null, started_at: at, completed_at: at, created_at: at };
}

/** The `operation_progress` message an operation sends subscribers when it changes; `extra` joins its data. */
export function operationNotice(
  op: Pick<OperationRow, 'id' | 'endpoint_id' | 'pool_id' | 'operation_type' | 'status' | 'progress' | 'error_message'>,
  extra: JsonObject = {},
) {
  return {
    type: 'operation_progress' as const,
    channels: op.endpoint_id ? endpointChannels(op.endpoint_id, op.pool_id) : op.pool_id ? [poolChannel(op.pool_id)] : [],
    data: {
      operation_id: op.id,
      endpoint_id: op.endpoint_id,
      pool_id: op.pool_id,
      operation_type: op.operation_type,
      status: op.status,
      progress: op.progress,
      error_message: op.error_message,
      ...extra,
    },
  } satisfies Notification;
}

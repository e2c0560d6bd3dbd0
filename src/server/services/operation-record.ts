// Operation rows as the services build and show them: the API view of a stored row, and the row of
// an operation that is complete the moment it is stored (set-latest, repository analysis, a dry
// run's plan) — started, completed and created at the same instant, progress 100.
import type { OperationView } from '../../contracts/operation.contract.js';
import { newId } from '../../db/dialect.js';
import type { OperationRow } from '../../db/operation.repository.js';
import type { JsonObject } from '../../db/schema.js';
import { endpointChannels, poolChannel } from '../events/notifier.js';

export function toOperationView(row: OperationRow): OperationView {
  return {
    id: row.id,
    pool_id: row.pool_id,
    endpoint_id: row.endpoint_id,
    operation_type: row.operation_type,
    status: row.status,
    progress: row.progress,
    details: row.details,
    error_message: row.error_message,
    started_at: row.started_at,
    completed_at: row.completed_at,
    created_at: row.created_at,
  };
}

/** A new operation row with status `completed` at `now` (insert it with insertOperation). */
export function completedOperation(
  o: { pool_id: string | null; endpoint_id: string | null; operation_type: string; details: JsonObject },
  now: Date,
): OperationRow {
  const at = now.toISOString();
  return { id: newId(), ...o, status: 'completed', progress: 100, error_message: null, started_at: at, completed_at: at, created_at: at };
}

/** The message a sync/revert operation sends subscribers when it changes. */
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
  };
}

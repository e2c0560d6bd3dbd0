// Operation rows as the services build and show them: the API view of a stored row, and the row of
// an operation that is complete the moment it is stored (set-latest, repository analysis, a dry
// run's plan) — started, completed and created at the same instant, progress 100.
import type { OperationView } from '../../contracts/operation.contract.js';
import { newId } from '../../db/dialect.js';
import type { OperationRow } from '../../db/operation.repository.js';
import type { JsonObject } from '../../db/schema.js';

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

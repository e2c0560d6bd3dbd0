// An operation as the API shows it (OperationView).
import type { OperationView } from '../../contracts/operation.contract.js';
import type { OperationRow } from '../../db/operation.repository.js';

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

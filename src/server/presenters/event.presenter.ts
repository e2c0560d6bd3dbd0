// An audit event as the API shows it (EventView).
import type { EventView } from '../../contracts/event.contract.js';
import type { EventRow } from '../../db/event.repository.js';

export function toEventView(row: EventRow): EventView {
  return {
    id: row.id,
    event_type: row.event_type,
    severity: row.severity,
    message: row.message,
    details: row.details,
    user_id: row.user_id,
    endpoint_id: row.endpoint_id,
    pool_id: row.pool_id,
    created_at: row.created_at,
  };
}

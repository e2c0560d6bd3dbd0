// The audit log (README "Events and audit"): every administrative change writes one system_events
// row, inside the change's own transaction so the log and the change commit together.
import type { PageOf } from '../../contracts/common.contract.js';
import type { EventListQuery, EventSeverity, EventView } from '../../contracts/event.contract.js';
import { newId } from '../../db/dialect.js';
import type { Executor } from '../../db/executor.js';
import { insertEvent, listEvents } from '../../db/event.repository.js';
import type { JsonObject } from '../../db/schema.js';
import { toEventView } from '../presenters/event.presenter.js';
import type { ServiceContext } from './context.js';
import { page, pageOf } from './paging.js';

export interface NewEvent {
  /** snake_case: pool_created, endpoint_registered, api_key_revoked, … */
  event_type: string;
  message: string;
  severity?: EventSeverity;
  /** Never a secret. Ids of deleted rows go here (the FK columns would be nulled). */
  details?: JsonObject;
  pool_id?: string | null;
  endpoint_id?: string | null;
}

/**
 * Writes one audit event. `actor` is the user_id column: actorOf(principal), 'cli' or 'system'.
 * Pass the transaction of the change being audited as `db`.
 */
export async function recordEvent(db: Executor, at: Date, actor: string, event: NewEvent): Promise<void> {
  await insertEvent(db, {
    id: newId(),
    event_type: event.event_type,
    severity: event.severity ?? 'info',
    message: event.message,
    details: event.details ?? {},
    user_id: actor,
    pool_id: event.pool_id ?? null,
    endpoint_id: event.endpoint_id ?? null,
    created_at: at,
  });
}

export class EventService {
  constructor(private readonly ctx: ServiceContext) {}

  async list(query: EventListQuery): Promise<PageOf<EventView>> {
    const p = page(query);
    const { rows, total } = await listEvents(
      this.ctx.db,
      {
        event_type: query.event_type,
        severity: query.severity,
        endpoint_id: query.endpoint_id,
        pool_id: query.pool_id,
        since: query.since,
      },
      p,
    );
    return pageOf(rows.map(toEventView), total, p);
  }
}

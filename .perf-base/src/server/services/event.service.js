import { newId } from '../../db/dialect.js';
import { insertEvent, listEvents } from '../../db/event.repository.js';
import { page, pageOf } from './paging.js';
/**
 * Writes one audit event. `actor` is the user_id column: actorOf(principal), 'cli' or 'system'.
 * Pass the transaction of the change being audited as `db`.
 */
export async function recordEvent(db, at, actor, event) {
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
export function toEventView(row) {
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
export class EventService {
    ctx;
    constructor(ctx) {
        this.ctx = ctx;
    }
    async list(query) {
        const p = page(query);
        const { rows, total } = await listEvents(this.ctx.db, {
            event_type: query.event_type,
            severity: query.severity,
            endpoint_id: query.endpoint_id,
            pool_id: query.pool_id,
            since: query.since,
        }, p);
        return pageOf(rows.map(toEventView), total, p);
    }
}
//# sourceMappingURL=event.service.js.map
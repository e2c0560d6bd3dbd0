import type { PageOf } from '../../contracts/common.contract.js';
import type { EventListQuery, EventView } from '../../contracts/event.contract.js';
import type { Executor } from '../../db/executor.js';
import { type EventRow } from '../../db/event.repository.js';
import type { JsonObject } from '../../db/schema.js';
import type { ServiceContext } from './context.js';
export type EventSeverityName = 'info' | 'warning' | 'error' | 'critical';
export interface NewEvent {
    /** snake_case: pool_created, endpoint_registered, api_key_revoked, … */
    event_type: string;
    message: string;
    severity?: EventSeverityName;
    /** Never a secret. Ids of deleted rows go here (the FK columns would be nulled). */
    details?: JsonObject;
    pool_id?: string | null;
    endpoint_id?: string | null;
}
/**
 * Writes one audit event. `actor` is the user_id column: actorOf(principal), 'cli' or 'system'.
 * Pass the transaction of the change being audited as `db`.
 */
export declare function recordEvent(db: Executor, at: Date, actor: string, event: NewEvent): Promise<void>;
export declare function toEventView(row: EventRow): EventView;
export declare class EventService {
    private readonly ctx;
    constructor(ctx: ServiceContext);
    list(query: EventListQuery): Promise<PageOf<EventView>>;
}

import type { Insertable, Selectable } from 'kysely';
import type { Executor, Paged } from './executor.js';
import type { SystemEventsTable } from './schema.js';
export type EventRow = Selectable<SystemEventsTable>;
export interface EventFilters {
    event_type?: string;
    severity?: string;
    endpoint_id?: string;
    pool_id?: string;
    /** ISO timestamp: events at or after it. */
    since?: string;
}
export declare function insertEvent(db: Executor, row: Insertable<SystemEventsTable>): Promise<void>;
/** Newest first. */
export declare function listEvents(db: Executor, filters: EventFilters, page: {
    limit: number;
    offset: number;
}): Promise<Paged<EventRow>>;

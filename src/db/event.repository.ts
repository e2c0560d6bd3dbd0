// system_events queries (the audit log).
import type { Insertable, Selectable } from 'kysely';
import { countRows, type Executor, type Paged } from './executor.js';
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

export async function insertEvent(db: Executor, row: Insertable<SystemEventsTable>): Promise<void> {
  await db.insertInto('system_events').values(row).execute();
}

function filtered(db: Executor, f: EventFilters) {
  let q = db.selectFrom('system_events');
  if (f.event_type) q = q.where('event_type', '=', f.event_type);
  if (f.severity) q = q.where('severity', '=', f.severity);
  if (f.endpoint_id) q = q.where('endpoint_id', '=', f.endpoint_id);
  if (f.pool_id) q = q.where('pool_id', '=', f.pool_id);
  // Both engines compare the same ISO-8601 UTC text/timestamptz correctly (see dialect.ts).
  if (f.since) q = q.where('created_at', '>=', new Date(f.since).toISOString());
  return q;
}

/** The newest `limit` matching events, newest first, without a total (an endpoint's or pool's recent activity). */
export async function listRecentEvents(db: Executor, filters: EventFilters, limit: number): Promise<EventRow[]> {
  return filtered(db, filters).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Newest first. */
export async function listEvents(db: Executor, filters: EventFilters, page: { limit: number; offset: number }): Promise<Paged<EventRow>> {
  const rows = await filtered(db, filters)
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: await countRows(filtered(db, filters)) };
}

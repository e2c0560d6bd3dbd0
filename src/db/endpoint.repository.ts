// endpoints queries.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { EndpointSortField, SortOrder } from '../contracts/endpoint.contract.js';
import { countRows, type Executor, type Paged } from './executor.js';
import { escapeLike } from './pool.repository.js';
import type { EndpointsTable, PackageSummary } from './schema.js';

export type EndpointRow = Selectable<EndpointsTable>;

export interface EndpointFilters {
  pool_id?: string;
  status?: string;
  sync_status?: string;
  approval?: string;
  /** Substring of name or hostname, case-insensitive. */
  search?: string;
}

export async function insertEndpoint(db: Executor, row: Insertable<EndpointsTable>): Promise<void> {
  await db.insertInto('endpoints').values(row).execute();
}

export async function findEndpointById(db: Executor, id: string): Promise<EndpointRow | undefined> {
  return db.selectFrom('endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findEndpointByName(db: Executor, name: string): Promise<EndpointRow | undefined> {
  return db.selectFrom('endpoints').selectAll().where('name', '=', name).executeTakeFirst();
}

function filtered(db: Executor, f: EndpointFilters) {
  let q = db.selectFrom('endpoints');
  if (f.pool_id) q = q.where('pool_id', '=', f.pool_id);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.sync_status) q = q.where('sync_status', '=', f.sync_status);
  if (f.approval) q = q.where('approval', '=', f.approval);
  if (f.search) {
    const like = `%${escapeLike(f.search.toLowerCase())}%`;
    q = q.where((eb) =>
      eb.or([sql<boolean>`lower(${eb.ref('name')}) like ${like} escape '\\'`, sql<boolean>`lower(${eb.ref('hostname')}) like ${like} escape '\\'`]),
    );
  }
  return q;
}

export interface EndpointOrder {
  sort: EndpointSortField;
  order: SortOrder;
}

/**
 * Endpoints sorted by one column (default name), then id in the same direction so pages are
 * stable. A bare column (no expression) so its index (idx_endpoints_name/_status/_last_seen) can
 * serve the order. Never-seen endpoints (last_seen NULL) count as the oldest on both engines:
 * PostgreSQL puts NULLs last ascending by default, SQLite first, so the placement is explicit.
 */
export async function listEndpoints(
  db: Executor,
  filters: EndpointFilters,
  page: { limit: number; offset: number },
  order: EndpointOrder = { sort: 'name', order: 'asc' },
): Promise<Paged<EndpointRow>> {
  const dir = order.order;
  const rows = await filtered(db, filters)
    .selectAll()
    .orderBy(order.sort, (ob) => {
      const o = dir === 'desc' ? ob.desc() : ob.asc();
      if (order.sort !== 'last_seen') return o;
      return dir === 'desc' ? o.nullsLast() : o.nullsFirst();
    })
    .orderBy('id', dir)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: await countRows(filtered(db, filters)) };
}

/** Members of one pool, by name. */
export async function listPoolMembers(db: Executor, poolId: string): Promise<EndpointRow[]> {
  return db.selectFrom('endpoints').selectAll().where('pool_id', '=', poolId).orderBy('name').execute();
}

export async function countPoolMembers(db: Executor, poolId: string): Promise<number> {
  const { n } = await db
    .selectFrom('endpoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pool_id', '=', poolId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function updateEndpoint(db: Executor, id: string, patch: Updateable<EndpointsTable>): Promise<boolean> {
  const res = await db.updateTable('endpoints').set(patch).where('id', '=', id).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function deleteEndpoint(db: Executor, id: string): Promise<boolean> {
  const res = await db.deleteFrom('endpoints').where('id', '=', id).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/**
 * Records agent contact: last_seen, and status `online` unless the endpoint is in `error` (that
 * status is cleared by the report or operation that resolves it, not by a heartbeat).
 */
export async function markEndpointSeen(db: Executor, id: string, at: Date): Promise<void> {
  await db
    .updateTable('endpoints')
    .set((eb) => ({
      last_seen: at,
      status: eb.case().when('status', '=', 'error').then('error').else('online').end(),
    }))
    .where('id', '=', id)
    .execute();
}

/** Stores an endpoint's drift: its package_summary (counts) and sync_status. */
export async function updateEndpointDrift(
  db: Executor,
  id: string,
  drift: { sync_status: string; package_summary: PackageSummary },
  at: Date,
): Promise<void> {
  await db
    .updateTable('endpoints')
    .set({ sync_status: drift.sync_status, package_summary: drift.package_summary, updated_at: at })
    .where('id', '=', id)
    .execute();
}

// sync_operations queries.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { countRows, type Executor, type Paged } from './executor.js';
import type { SyncOperationsTable } from './schema.js';

export type OperationRow = Selectable<SyncOperationsTable>;

/** An endpoint's latest operations, newest first. */
export async function listRecentOperations(db: Executor, endpointId: string, limit: number): Promise<OperationRow[]> {
  return db
    .selectFrom('sync_operations')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// ---- operation life cycle (issue #4) ----------------------------------------------------------

/** Statuses of an operation that is still running or waiting for its agent. */
export const ACTIVE_STATUSES = ['pending', 'in_progress'] as const;

export interface OperationFilters {
  endpoint_id?: string;
  pool_id?: string;
  status?: string;
  operation_type?: string;
}

export async function insertOperation(db: Executor, row: Insertable<SyncOperationsTable>): Promise<void> {
  await db.insertInto('sync_operations').values(row).execute();
}

export async function findOperationById(db: Executor, id: string): Promise<OperationRow | undefined> {
  return db.selectFrom('sync_operations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The endpoint's pending or in-progress operation, if any (at most one: unique index of migration 004). */
export async function findActiveOperation(db: Executor, endpointId: string): Promise<OperationRow | undefined> {
  return db
    .selectFrom('sync_operations')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .where('status', 'in', ACTIVE_STATUSES)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Ids of the pool's members that have an active operation. */
export async function endpointsWithActiveOperation(db: Executor, poolId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('sync_operations as o')
    .innerJoin('endpoints as e', 'e.id', 'o.endpoint_id')
    .select('o.endpoint_id')
    .where('e.pool_id', '=', poolId)
    .where('o.status', 'in', ACTIVE_STATUSES)
    .execute();
  return new Set(rows.map((r) => r.endpoint_id).filter((id): id is string => id !== null));
}

/**
 * Updates the operation only while its status is one of `from` (a compare-and-set, so two
 * concurrent transitions cannot both succeed). False when it was not in such a status.
 */
export async function updateOperationIf(db: Executor, id: string, from: readonly string[], patch: Updateable<SyncOperationsTable>): Promise<boolean> {
  const res = await db.updateTable('sync_operations').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

function filtered(db: Executor, f: OperationFilters) {
  let q = db.selectFrom('sync_operations');
  if (f.endpoint_id) q = q.where('endpoint_id', '=', f.endpoint_id);
  if (f.pool_id) q = q.where('pool_id', '=', f.pool_id);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.operation_type) q = q.where('operation_type', '=', f.operation_type);
  return q;
}

/** Operations newest first, with the total for pagination. */
export async function listOperations(db: Executor, filters: OperationFilters, page: { limit: number; offset: number }): Promise<Paged<OperationRow>> {
  const rows = await filtered(db, filters)
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: await countRows(filtered(db, filters)) };
}

/** The newest operation matching `filters` whose status is one of `statuses`. */
export async function findLatestOperation(
  db: Executor,
  filters: OperationFilters,
  statuses: readonly string[],
  opts: { excludeDryRun?: boolean } = {},
): Promise<OperationRow | undefined> {
  let q = filtered(db, filters).selectAll().where('status', 'in', statuses);
  // `->>` reads JSON on PostgreSQL JSONB and SQLite ≥ 3.38 alike: PostgreSQL answers the text
  // 'true', SQLite the integer 1 (hence the cast to text on both).
  if (opts.excludeDryRun) q = q.where(sql<boolean>`coalesce(cast(details ->> 'dry_run' as text), 'false') not in ('true', '1')`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

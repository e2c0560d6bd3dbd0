// pools queries (plus the per-pool aggregates a pool view needs).
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import { countRows, type Executor, type Paged } from './executor.js';
import type { PoolsTable } from './schema.js';

export type PoolRow = Selectable<PoolsTable>;
export interface PoolListRow extends PoolRow {
  endpoint_count: number;
  target_state_id: string | null;
}

export async function insertPool(db: Executor, row: Insertable<PoolsTable>): Promise<void> {
  await db.insertInto('pools').values(row).execute();
}

export async function findPoolById(db: Executor, id: string): Promise<PoolRow | undefined> {
  return db.selectFrom('pools').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findPoolByName(db: Executor, name: string): Promise<PoolRow | undefined> {
  return db.selectFrom('pools').selectAll().where('name', '=', name).executeTakeFirst();
}

function listBase(db: Executor, search: string | undefined) {
  let q = db.selectFrom('pools as p');
  if (search) q = q.where(sql<boolean>`lower(p.name) like ${`%${escapeLike(search.toLowerCase())}%`} escape '\\'`);
  return q;
}

/** Pools by name with member counts and their target id. */
export async function listPools(db: Executor, opts: { limit: number; offset: number; search?: string }): Promise<Paged<PoolListRow>> {
  const rows = await listBase(db, opts.search)
    .selectAll('p')
    .select((eb) => [
      eb.selectFrom('endpoints as e').whereRef('e.pool_id', '=', 'p.id').select(eb.fn.countAll<number>().as('n')).as('endpoint_count'),
      eb.selectFrom('package_states as s').whereRef('s.pool_id', '=', 'p.id').where('s.is_target', '=', true).select('s.id').as('target_state_id'),
    ])
    .orderBy('p.name')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return {
    rows: rows.map((r) => ({ ...r, endpoint_count: Number(r.endpoint_count ?? 0), target_state_id: r.target_state_id ?? null })),
    total: await countRows(listBase(db, opts.search)),
  };
}

export async function updatePool(db: Executor, id: string, patch: Updateable<PoolsTable>): Promise<boolean> {
  const res = await db.updateTable('pools').set(patch).where('id', '=', id).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function deletePool(db: Executor, id: string): Promise<boolean> {
  const res = await db.deleteFrom('pools').where('id', '=', id).executeTakeFirst();
  return res.numDeletedRows > 0n;
}

/**
 * Serialises changes of one pool's members and target: a no-op UPDATE takes the row lock on
 * PostgreSQL (held until the transaction ends) and the write lock on SQLite. Call first inside the
 * transaction, before any endpoint row is locked. Returns false when the pool does not exist.
 */
export async function lockPool(db: Executor, id: string): Promise<boolean> {
  const res = await db
    .updateTable('pools')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/**
 * Locks several pools one at a time in id order (one UPDATE … WHERE id IN (…) would lock them in
 * whatever order the scan meets them), so two transactions locking the same pools cannot each hold
 * one the other waits for. Returns the ids of the pools that exist.
 */
export async function lockPools(db: Executor, ids: Iterable<string>): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const id of [...new Set(ids)].sort()) if (await lockPool(db, id)) existing.add(id);
  return existing;
}

export interface MemberCounts {
  bySyncStatus: Record<string, number>;
  byStatus: Record<string, number>;
  total: number;
}

export async function poolMemberCounts(db: Executor, poolId: string): Promise<MemberCounts> {
  const rows = await db
    .selectFrom('endpoints')
    .select(['sync_status', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pool_id', '=', poolId)
    .groupBy(['sync_status', 'status'])
    .execute();
  const counts: MemberCounts = { bySyncStatus: {}, byStatus: {}, total: 0 };
  for (const r of rows) {
    const n = Number(r.n);
    counts.bySyncStatus[r.sync_status] = (counts.bySyncStatus[r.sync_status] ?? 0) + n;
    counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + n;
    counts.total += n;
  }
  return counts;
}

/** `%`, `_` and `\` in user text match literally in LIKE. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Queries for drift: members with their latest reported state, row locks that order drift
// recomputation against concurrent reports, and the per-pool drift history (drift_history).
import { type Insertable, type Selectable, sql } from 'kysely';
import type { PackageStateData } from '../core/package-state.js';
import type { Executor } from './executor.js';
import type { DriftHistoryTable, PackageSummary } from './schema.js';

export type DriftSampleRow = Selectable<DriftHistoryTable>;

/** A pool member as drift needs it: its stored drift and its latest state's id. */
export interface MemberRow {
  id: string;
  name: string;
  pool_id: string | null;
  status: string;
  sync_status: string;
  package_summary: PackageSummary;
  current_state_id: string | null;
}

/**
 * Locks one endpoint row until the transaction ends (PostgreSQL row lock; SQLite's write lock),
 * by a no-op UPDATE that works on both engines. False when the endpoint does not exist.
 */
export async function lockEndpoint(db: Executor, id: string): Promise<boolean> {
  const res = await db
    .updateTable('endpoints')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/**
 * Locks every member row of a pool (see lockEndpoint). Called before reading the members' states
 * for a pool-wide recomputation, so that a report committing meanwhile is either seen or waits.
 */
export async function lockPoolMembers(db: Executor, poolId: string): Promise<void> {
  await db
    .updateTable('endpoints')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('pool_id', '=', poolId)
    .execute();
}

/**
 * The ids of the next `limit` members of the pool after `afterId` (keyset, by id), locked as
 * lockEndpoint locks one: one step of a pool-wide recomputation that commits step by step
 * (DriftTracker.recomputePoolInSteps). The ids are read first, then locked; a member that left the
 * pool in between is not locked (the caller reads its members again, by these ids and the pool).
 */
export async function lockMemberStep(db: Executor, poolId: string, afterId: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom('endpoints').select('id').where('pool_id', '=', poolId);
  if (afterId !== null) q = q.where('id', '>', afterId);
  const ids = (await q.orderBy('id').limit(limit).execute()).map((r) => r.id);
  if (ids.length > 0) {
    await db
      .updateTable('endpoints')
      .set((eb) => ({ updated_at: eb.ref('updated_at') }))
      .where('id', 'in', ids)
      .where('pool_id', '=', poolId)
      .execute();
  }
  return ids;
}

/** A pool member with its latest state's package index (null when it has no state or no index). */
export type MemberIndexRow = MemberRow & { package_index: string | null };

/**
 * A page of the pool's members by id (keyset: ids after `afterId`) with their latest states'
 * package indexes only: what a pool-wide drift recomputation reads, without the large state_data.
 */
export async function listMemberIndexes(db: Executor, poolId: string, afterId: string | null, limit: number): Promise<MemberIndexRow[]> {
  let q = memberIndexQuery(db).where('e.pool_id', '=', poolId);
  if (afterId !== null) q = q.where('e.id', '>', afterId);
  return (await q.orderBy('e.id').limit(limit).execute()) as MemberIndexRow[];
}

/** These members of the pool (those still in it) with their package indexes, by id (see listMemberIndexes). */
export async function listMemberIndexesByIds(db: Executor, poolId: string, ids: readonly string[]): Promise<MemberIndexRow[]> {
  if (ids.length === 0) return [];
  const q = memberIndexQuery(db).where('e.pool_id', '=', poolId).where('e.id', 'in', ids);
  return (await q.orderBy('e.id').execute()) as MemberIndexRow[];
}

/** One endpoint with its latest state's package index (see listMemberIndexes). */
export async function findMemberIndex(db: Executor, endpointId: string): Promise<MemberIndexRow | undefined> {
  return (await memberIndexQuery(db).where('e.id', '=', endpointId).executeTakeFirst()) as MemberIndexRow | undefined;
}

function memberIndexQuery(db: Executor) {
  return db
    .selectFrom('endpoints as e')
    .leftJoin('package_states as s', 's.id', 'e.current_state_id')
    .select(['e.id', 'e.name', 'e.pool_id', 'e.status', 'e.sync_status', 'e.package_summary', 'e.current_state_id', 's.package_index']);
}

/**
 * Pools with a member whose stored drift was not computed against the pool's current target. A
 * member with a state, in a pool with a target, stores the target it was computed against
 * (package_summary.target_state_id), so any other value means a recomputation did not reach it.
 * A member whose current_state_id names no stored state has nothing to compute (its summary stays
 * empty) and is left out, or its pool would be recomputed on every run.
 */
export async function listStaleDriftPools(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom('endpoints as e')
    .innerJoin('package_states as t', (j) => j.onRef('t.pool_id', '=', 'e.pool_id').on('t.is_target', '=', true))
    .innerJoin('package_states as s', 's.id', 'e.current_state_id')
    .select('t.pool_id')
    .distinct()
    .where(sql<boolean>`coalesce(e.package_summary ->> 'target_state_id', '') <> cast(t.id as text)`)
    .execute();
  return rows.map((r) => r.pool_id as string);
}

/** A state's package data alone (for a state stored without a package index). */
export async function findStateData(db: Executor, stateId: string): Promise<PackageStateData | null> {
  const row = await db.selectFrom('package_states').select('state_data').where('id', '=', stateId).executeTakeFirst();
  return row?.state_data ?? null;
}

/** Stores a state's package index (filling one written without it). */
export async function setPackageIndex(db: Executor, stateId: string, packageIndex: string): Promise<void> {
  await db.updateTable('package_states').set({ package_index: packageIndex }).where('id', '=', stateId).execute();
}

// ---- drift history ----------------------------------------------------------------------------

export async function latestDriftSample(db: Executor, poolId: string): Promise<DriftSampleRow | undefined> {
  return db
    .selectFrom('drift_history')
    .selectAll()
    .where('pool_id', '=', poolId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertDriftSample(db: Executor, row: Insertable<DriftHistoryTable>): Promise<void> {
  await db.insertInto('drift_history').values(row).execute();
}

/** Deletes the pool's samples older than its `keep` newest. Returns how many went. */
export async function pruneDriftHistory(db: Executor, poolId: string, keep: number): Promise<number> {
  const boundary = await db
    .selectFrom('drift_history')
    .select('created_at')
    .where('pool_id', '=', poolId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .offset(keep - 1)
    .executeTakeFirst();
  if (!boundary) return 0;
  const res = await db.deleteFrom('drift_history').where('pool_id', '=', poolId).where('created_at', '<', boundary.created_at).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** The newest `limit` samples of a pool (at or after `since`), returned oldest first. */
export async function listDriftHistory(db: Executor, poolId: string, opts: { since?: string; limit: number }): Promise<DriftSampleRow[]> {
  let q = db.selectFrom('drift_history').selectAll().where('pool_id', '=', poolId);
  if (opts.since) q = q.where('created_at', '>=', new Date(opts.since).toISOString());
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
  return rows.reverse();
}

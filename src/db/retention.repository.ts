// Retention queries (seed "Cleanup Old Data"): what may go, counted or deleted in batches. Every
// delete is one short statement of at most `batch` rows (its own transaction), so a huge table
// never holds one long transaction or lock on PostgreSQL; the service loops until nothing is left.
import { sql } from 'kysely';
import type { Executor } from './executor.js';
import { ACTIVE_STATUSES } from './operation.repository.js';
import type { PoolSettings } from './schema.js';

/** Severities the events retention never deletes (seed: `severity NOT IN ('error', 'critical')`). */
export const KEPT_SEVERITIES = ['error', 'critical'] as const;

// ---- sync_operations, system_events, drift_history: by age ------------------------------------

/** Operations created before `cutoff`, except active ones (an agent may still report on them). */
function oldOperations(db: Executor, cutoff: string) {
  return db.selectFrom('sync_operations').where('created_at', '<', cutoff).where('status', 'not in', ACTIVE_STATUSES);
}

function oldEvents(db: Executor, cutoff: string) {
  return db.selectFrom('system_events').where('created_at', '<', cutoff).where('severity', 'not in', KEPT_SEVERITIES);
}

function oldDriftHistory(db: Executor, cutoff: string) {
  return db.selectFrom('drift_history').where('created_at', '<', cutoff);
}

/** Finished runs of background jobs (a running one is left to the scheduler's abandoned-run rule). */
function oldJobRuns(db: Executor, cutoff: string) {
  return db.selectFrom('job_runs').where('tick', '<', cutoff).where('status', '!=', 'running');
}

export type AgedTable = 'sync_operations' | 'system_events' | 'drift_history' | 'job_runs';

const count = sql<number>`count(*)`.as('n');

/** How many rows of `table` the age rule would delete. */
export async function countAged(db: Executor, table: AgedTable, cutoff: string): Promise<number> {
  const q =
    table === 'sync_operations'
      ? oldOperations(db, cutoff).select(count)
      : table === 'system_events'
        ? oldEvents(db, cutoff).select(count)
        : table === 'job_runs'
          ? oldJobRuns(db, cutoff).select(count)
          : oldDriftHistory(db, cutoff).select(count);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Deletes at most `batch` rows of `table` the age rule selects; the number deleted. */
export async function deleteAgedBatch(db: Executor, table: AgedTable, cutoff: string, batch: number): Promise<number> {
  // `id IN (SELECT … LIMIT n)`: both engines accept it, and DELETE … LIMIT is not portable.
  const res =
    table === 'sync_operations'
      ? await db.deleteFrom('sync_operations').where('id', 'in', oldOperations(db, cutoff).select('id').limit(batch)).executeTakeFirst()
      : table === 'system_events'
        ? await db.deleteFrom('system_events').where('id', 'in', oldEvents(db, cutoff).select('id').limit(batch)).executeTakeFirst()
        : table === 'job_runs'
          ? await db.deleteFrom('job_runs').where('id', 'in', oldJobRuns(db, cutoff).select('id').limit(batch)).executeTakeFirst()
          : await db.deleteFrom('drift_history').where('id', 'in', oldDriftHistory(db, cutoff).select('id').limit(batch)).executeTakeFirst();
  return Number(res.numDeletedRows);
}

// ---- package_states: beyond the history limit per pool ----------------------------------------

/** Each pool (null: states of no pool) that has non-target states, with its stored settings. */
export async function listStateHistoryPools(db: Executor): Promise<{ pool_id: string | null; settings: PoolSettings | null }[]> {
  const groups = await db.selectFrom('package_states').select('pool_id').distinct().where('is_target', '=', false).execute();
  const ids = groups.map((g) => g.pool_id).filter((id): id is string => id !== null);
  const pools = ids.length === 0 ? [] : await db.selectFrom('pools').select(['id', 'settings']).where('id', 'in', ids).execute();
  const settings = new Map(pools.map((p) => [p.id, p.settings]));
  return groups.map((g) => ({ pool_id: g.pool_id, settings: g.pool_id === null ? null : (settings.get(g.pool_id) ?? null) }));
}

function poolNonTargets(db: Executor, poolId: string | null) {
  const q = db.selectFrom('package_states').where('is_target', '=', false);
  return poolId === null ? q.where('pool_id', 'is', null) : q.where('pool_id', '=', poolId);
}

export interface HistoryRow {
  id: string;
  /** Some endpoint has it as its current_state_id. */
  current: boolean;
}

/**
 * The pool's non-target states newest first (created_at, then id: the seed's `ROW_NUMBER() OVER
 * (PARTITION BY pool_id ORDER BY created_at DESC)`), `batch` of them from position `offset`
 * (0-based). Paging by position rather than by timestamp keeps it exact on PostgreSQL, whose
 * timestamps are finer than the millisecond ISO strings the dialect layer returns.
 */
export async function listStateHistory(db: Executor, poolId: string | null, offset: number, batch: number): Promise<HistoryRow[]> {
  const rows = await poolNonTargets(db, poolId)
    .select((eb) => [
      'id',
      eb.exists(eb.selectFrom('endpoints').select('endpoints.id').whereRef('endpoints.current_state_id', '=', 'package_states.id')).as('is_current'),
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(batch)
    .execute();
  // EXISTS is a boolean on PostgreSQL and 0/1 on SQLite.
  return rows.map((r) => ({ id: r.id, current: (r.is_current as unknown) === true || (r.is_current as unknown) === 1 }));
}

/**
 * Deletes these states, re-checking in the statement itself that none is a target or became an
 * endpoint's current state meanwhile. The number deleted.
 */
export async function deleteStates(db: Executor, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const res = await db
    .deleteFrom('package_states')
    .where('id', 'in', ids)
    .where('is_target', '=', false)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('endpoints').select('endpoints.id').whereRef('endpoints.current_state_id', '=', 'package_states.id'))),
    )
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/**
 * States that operations still point at, which retention keeps: every state named in an active
 * (pending/in_progress) operation — a revert's `revert_to_state_id`, a sync's `target_state_id`,
 * either's `pre_sync_state_id` — and, per endpoint, the `pre_sync_state_id` of its latest finished
 * sync (where a plain "revert" goes back to).
 */
export async function listStatesNamedByOperations(db: Executor): Promise<Set<string>> {
  // `->>` reads JSON text on PostgreSQL JSONB and SQLite ≥ 3.38 alike (see operation.repository).
  const active = await db
    .selectFrom('sync_operations')
    .select([
      sql<string | null>`details ->> 'revert_to_state_id'`.as('revert_to'),
      sql<string | null>`details ->> 'target_state_id'`.as('target'),
      sql<string | null>`details ->> 'pre_sync_state_id'`.as('pre_sync'),
    ])
    .where('status', 'in', ACTIVE_STATUSES)
    .execute();
  const latest = await sql<{ pre_sync: string | null }>`SELECT pre_sync FROM (
  SELECT details ->> 'pre_sync_state_id' AS pre_sync,
         ROW_NUMBER() OVER (PARTITION BY endpoint_id ORDER BY created_at DESC, id DESC) AS rn
  FROM sync_operations
  WHERE endpoint_id IS NOT NULL
    AND operation_type = 'sync_to_latest'
    AND status IN ('completed', 'failed', 'cancelled')
    AND coalesce(cast(details ->> 'dry_run' as text), 'false') NOT IN ('true', '1')
) AS latest WHERE rn = 1`.execute(db);
  const out = new Set<string>();
  for (const r of active) for (const id of [r.revert_to, r.target, r.pre_sync]) if (typeof id === 'string') out.add(id);
  for (const r of latest.rows) if (typeof r.pre_sync === 'string') out.add(r.pre_sync);
  return out;
}

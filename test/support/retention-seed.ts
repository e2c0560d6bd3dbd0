// A database with old and new rows of every table retention touches, and the exact set the seed's
// rules delete (`expected`), for the retention service and `db cleanup` tests. Times are relative
// to `now`, so the CLI (on the real clock) and the service (on a fake one) see the same ages.
import type { Kysely } from 'kysely';
import { newId } from '../../src/db/dialect.js';
import type { Database } from '../../src/db/schema.js';
import { state } from './package-states.js';

const DAY = 24 * 60 * 60 * 1000;

export interface RetentionSeed {
  /** Ids the rules delete, per table. */
  deleted: { package_states: string[]; sync_operations: string[]; system_events: string[]; drift_history: string[] };
  /** Ids that must survive although old: targets, current states, states operations name, error/critical events, an active operation. */
  protectedIds: string[];
}

/**
 * Pool A keeps 3 (its own settings.max_history), pool B and states of no pool keep the global
 * default, which the caller sets to 2. Operations keep 90 days, events 30, drift history 90.
 */
export async function seedRetention(db: Kysely<Database>, now: Date): Promise<RetentionSeed> {
  const ago = (days: number, minutes = 0) => new Date(now.getTime() - days * DAY - minutes * 60_000).toISOString();
  const deleted: RetentionSeed['deleted'] = { package_states: [], sync_operations: [], system_events: [], drift_history: [] };
  const protectedIds: string[] = [];

  const poolA = newId();
  const poolB = newId();
  await db
    .insertInto('pools')
    .values([
      { id: poolA, name: 'pool-a', settings: { max_history: 3 } },
      { id: poolB, name: 'pool-b', settings: {} },
    ])
    .execute();
  const ep = async (name: string, pool: string | null) => {
    const id = newId();
    await db
      .insertInto('endpoints')
      .values({ id, name, hostname: `${name}.lan`, pool_id: pool, api_key_hash: `hash-${name}`, approval: 'approved' })
      .execute();
    return id;
  };
  const e1 = await ep('e1', poolA);
  const e2 = await ep('e2', poolA);
  const e3 = await ep('e3', poolB);
  const e4 = await ep('e4', null);
  const st = async (pool: string | null, endpoint: string | null, days: number, isTarget = false) => {
    const id = newId();
    await db
      .insertInto('package_states')
      .values({ id, pool_id: pool, endpoint_id: endpoint, state_data: state({ bash: `5.${days}-1` }), is_target: isTarget, created_at: ago(days) })
      .execute();
    return id;
  };

  // Pool A: an old target, and 10 non-target states 1..10 days old; 1..3 are within its limit.
  protectedIds.push(await st(poolA, null, 300, true));
  const a: Record<number, string> = {};
  for (let d = 1; d <= 10; d += 1) a[d] = await st(poolA, d === 6 ? e2 : d % 2 === 0 ? null : e1, d);
  // 6: e2's current state; 7: a pending revert goes back to it; 8: e1's latest finished sync
  // started from it (a plain revert returns there). 4, 5, 9, 10 go.
  protectedIds.push(a[6] as string, a[7] as string, a[8] as string);
  deleted.package_states.push(a[4] as string, a[5] as string, a[9] as string, a[10] as string);
  // Pool B (global default 2): 1, 2 stay, 3, 4 go. No pool: 1, 2 stay, 3 goes.
  const b: Record<number, string> = {};
  for (let d = 1; d <= 4; d += 1) b[d] = await st(poolB, e3, d);
  deleted.package_states.push(b[3] as string, b[4] as string);
  const n: Record<number, string> = {};
  for (let d = 1; d <= 3; d += 1) n[d] = await st(null, e4, d);
  deleted.package_states.push(n[3] as string);

  await db.updateTable('endpoints').set({ current_state_id: a[1] }).where('id', '=', e1).execute();
  await db.updateTable('endpoints').set({ current_state_id: a[6] }).where('id', '=', e2).execute();
  await db.updateTable('endpoints').set({ current_state_id: b[1] }).where('id', '=', e3).execute();
  await db.updateTable('endpoints').set({ current_state_id: n[1] }).where('id', '=', e4).execute();

  const op = async (endpoint: string, pool: string | null, type: string, status: string, days: number, details: Record<string, unknown>) => {
    const id = newId();
    await db
      .insertInto('sync_operations')
      .values({ id, pool_id: pool, endpoint_id: endpoint, operation_type: type, status, details, created_at: ago(days), started_at: ago(days) })
      .execute();
    return id;
  };
  // Old finished operations go (their pre_sync states are not what a revert returns to now).
  for (const days of [100, 120, 400])
    deleted.sync_operations.push(await op(e1, poolA, 'sync_to_latest', 'completed', days, { pre_sync_state_id: a[9], dry_run: false }));
  await op(e1, poolA, 'sync_to_latest', 'completed', 10, { pre_sync_state_id: a[8], dry_run: false });
  // Active and 200 days old: kept, and so is the state it goes back to.
  protectedIds.push(await op(e2, poolA, 'revert_to_previous', 'pending', 200, { revert_to_state_id: a[7], pre_sync_state_id: a[6] }));
  await op(e3, poolB, 'sync_to_latest', 'failed', 89, { pre_sync_state_id: b[1] });

  const ev = async (severity: string, days: number) => {
    const id = newId();
    await db
      .insertInto('system_events')
      .values({ id, event_type: 'test_event', severity, message: `${severity} ${days}d`, created_at: ago(days) })
      .execute();
    return id;
  };
  for (const s of ['info', 'info', 'warning']) deleted.system_events.push(await ev(s, 31));
  protectedIds.push(await ev('error', 400), await ev('critical', 31));
  await ev('info', 29);
  await ev('warning', 1);

  const dh = async (days: number) => {
    const id = newId();
    await db
      .insertInto('drift_history')
      .values({ id, pool_id: poolA, in_sync: 1, total: 1, created_at: ago(days) })
      .execute();
    return id;
  };
  deleted.drift_history.push(await dh(91), await dh(365));
  await dh(89);

  return { deleted, protectedIds };
}

/** Every id of the tables retention touches. */
export async function retainedIds(
  db: Kysely<Database>,
): Promise<Record<'package_states' | 'sync_operations' | 'system_events' | 'drift_history', string[]>> {
  const ids = async (table: 'package_states' | 'sync_operations' | 'system_events' | 'drift_history') =>
    (await db.selectFrom(table).select('id').execute()).map((r) => r.id).sort();
  return {
    package_states: await ids('package_states'),
    sync_operations: await ids('sync_operations'),
    system_events: await ids('system_events'),
    drift_history: await ids('drift_history'),
  };
}

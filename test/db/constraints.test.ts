// What the schema itself guarantees, on both engines: one target state per pool (the seed's
// partial unique index), one active operation per endpoint (migration 004) and the seed's
// ON DELETE actions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageStateData } from '../../src/core/package-state.js';
import { newId } from '../../src/db/dialect.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../src/db/errors.js';
import { type TestDatabase, DIALECTS, createTestDatabase } from '../support/database.js';

const state: PackageStateData = {
  packages: { firefox: { version: '110.0-1', repository: 'extra', size: 52428800, dependencies: ['gtk3'], install_date: '2024-01-15T10:30:00Z' } },
  metadata: { total_packages: 1, total_size: 52428800, capture_method: 'pacman_query', excluded_packages: [] },
};

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the database to refuse this');
}

describe.each(DIALECTS)('schema constraints on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await t.destroy();
  });

  const pool = async (name: string) => {
    const id = newId();
    await t.db.insertInto('pools').values({ id, name }).execute();
    return id;
  };
  const endpoint = async (name: string, poolId: string | null) => {
    const id = newId();
    await t.db
      .insertInto('endpoints')
      .values({ id, name, hostname: `${name}.lan`, pool_id: poolId, api_key_hash: `hash-${name}` })
      .execute();
    return id;
  };
  const addState = (poolId: string | null, endpointId: string | null, isTarget: boolean) =>
    t.db
      .insertInto('package_states')
      .values({ id: newId(), pool_id: poolId, endpoint_id: endpointId, state_data: state, is_target: isTarget })
      .execute();

  it('refuses a second target state for one pool, but not for another pool or a non-target', async () => {
    const lab = await pool('lab');
    const farm = await pool('farm');
    await addState(lab, null, true);
    const err = await rejection(addState(lab, null, true));
    expect(isUniqueViolation(err)).toBe(true);

    await addState(farm, null, true);
    await addState(lab, null, false);
    await addState(lab, null, false);
    const targets = await t.db.selectFrom('package_states').select('pool_id').where('is_target', '=', true).execute();
    expect(targets.map((r) => r.pool_id).sort()).toEqual([lab, farm].sort());

    // Clearing the old target first makes room for a new one (what set-latest does).
    await t.db.updateTable('package_states').set({ is_target: false }).where('pool_id', '=', lab).where('is_target', '=', true).execute();
    await addState(lab, null, true);
    const labTargets = await t.db.selectFrom('package_states').select('id').where('pool_id', '=', lab).where('is_target', '=', true).execute();
    expect(labTargets).toHaveLength(1);
  });

  it('refuses a second active (pending or in_progress) operation for one endpoint, whoever writes it', async () => {
    const lab = await pool('lab');
    const ws1 = await endpoint('ws1', lab);
    const ws2 = await endpoint('ws2', lab);
    const op = (endpointId: string, status: string) =>
      t.db
        .insertInto('sync_operations')
        .values({ id: newId(), pool_id: lab, endpoint_id: endpointId, operation_type: 'sync_to_latest', status })
        .execute();
    const first = newId();
    await t.db
      .insertInto('sync_operations')
      .values({ id: first, pool_id: lab, endpoint_id: ws1, operation_type: 'sync_to_latest', status: 'pending' })
      .execute();

    for (const status of ['pending', 'in_progress']) expect(isUniqueViolation(await rejection(op(ws1, status)))).toBe(true);
    // Finished operations do not count, nor does another endpoint's, nor pool-level operations.
    for (const status of ['completed', 'failed', 'cancelled', 'completed']) await op(ws1, status);
    await op(ws2, 'in_progress');
    await t.db
      .insertInto('sync_operations')
      .values({ id: newId(), pool_id: lab, endpoint_id: null, operation_type: 'repository_analysis', status: 'pending' })
      .execute();
    await t.db
      .insertInto('sync_operations')
      .values({ id: newId(), pool_id: lab, endpoint_id: null, operation_type: 'repository_analysis', status: 'pending' })
      .execute();
    // Turning a finished operation active again is refused too; once the first one ends, a new one may start.
    const done = await t.db
      .selectFrom('sync_operations')
      .select('id')
      .where('endpoint_id', '=', ws1)
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow();
    expect(
      isUniqueViolation(await rejection(t.db.updateTable('sync_operations').set({ status: 'in_progress' }).where('id', '=', done.id).execute())),
    ).toBe(true);
    await t.db.updateTable('sync_operations').set({ status: 'completed' }).where('id', '=', first).execute();
    await op(ws1, 'pending');

    const active = await t.db
      .selectFrom('sync_operations')
      .select('endpoint_id')
      .where('status', 'in', ['pending', 'in_progress'])
      .where('endpoint_id', 'is not', null)
      .execute();
    expect(active.map((r) => r.endpoint_id).sort()).toEqual([ws1, ws2].sort());
  });

  it('deleting a pool deletes its states, operations and drift history and detaches its endpoints and events', async () => {
    const lab = await pool('lab');
    const other = await pool('other');
    const ws1 = await endpoint('ws1', lab);
    const ws2 = await endpoint('ws2', other);
    await addState(lab, null, true);
    await addState(lab, ws1, false);
    await addState(other, ws2, true);
    await t.db
      .insertInto('sync_operations')
      .values([
        { id: newId(), pool_id: lab, endpoint_id: ws1, operation_type: 'sync_to_latest' },
        { id: newId(), pool_id: other, endpoint_id: ws2, operation_type: 'sync_to_latest' },
      ])
      .execute();
    await t.db
      .insertInto('system_events')
      .values({ id: newId(), event_type: 'pool_update', message: 'target set', pool_id: lab, endpoint_id: ws1 })
      .execute();
    await t.db.insertInto('drift_history').values({ id: newId(), pool_id: lab, in_sync: 1, total: 1 }).execute();

    await t.db.deleteFrom('pools').where('id', '=', lab).execute();

    expect(await t.db.selectFrom('package_states').select('pool_id').execute()).toEqual([{ pool_id: other }]);
    expect(await t.db.selectFrom('sync_operations').select('pool_id').execute()).toEqual([{ pool_id: other }]);
    expect(await t.db.selectFrom('drift_history').select('id').execute()).toEqual([]);
    const endpoints = await t.db.selectFrom('endpoints').select(['name', 'pool_id']).orderBy('name').execute();
    expect(endpoints).toEqual([
      { name: 'ws1', pool_id: null },
      { name: 'ws2', pool_id: other },
    ]);
    const events = await t.db.selectFrom('system_events').select(['pool_id', 'endpoint_id', 'message']).execute();
    expect(events).toEqual([{ pool_id: null, endpoint_id: ws1, message: 'target set' }]);
  });

  it('deleting an endpoint deletes its reports, operations, keys and repositories; events keep the text', async () => {
    const lab = await pool('lab');
    const ws1 = await endpoint('ws1', lab);
    await addState(lab, null, true); // the pool's target belongs to the pool
    await addState(lab, ws1, false);
    await t.db.insertInto('sync_operations').values({ id: newId(), pool_id: lab, endpoint_id: ws1, operation_type: 'sync_to_latest' }).execute();
    await t.db.insertInto('api_keys').values({ id: newId(), endpoint_id: ws1, key_hash: 'k1' }).execute();
    await t.db.insertInto('repositories').values({ id: newId(), endpoint_id: ws1, repo_name: 'core' }).execute();
    await t.db
      .insertInto('system_events')
      .values({ id: newId(), event_type: 'endpoint_registered', message: 'ws1 registered', endpoint_id: ws1 })
      .execute();

    await t.db.deleteFrom('endpoints').where('id', '=', ws1).execute();

    const states = await t.db.selectFrom('package_states').select(['pool_id', 'endpoint_id', 'is_target']).execute();
    expect(states).toEqual([{ pool_id: lab, endpoint_id: null, is_target: true }]);
    expect(await t.db.selectFrom('sync_operations').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('api_keys').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('repositories').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('system_events').select(['endpoint_id', 'message']).execute()).toEqual([
      { endpoint_id: null, message: 'ws1 registered' },
    ]);
  });

  it("deleting an endpoint's current state clears endpoints.current_state_id", async () => {
    const ws1 = await endpoint('ws1', null);
    const stateId = newId();
    await t.db.insertInto('package_states').values({ id: stateId, endpoint_id: ws1, state_data: state }).execute();
    await t.db.updateTable('endpoints').set({ current_state_id: stateId }).where('id', '=', ws1).execute();
    await t.db.deleteFrom('package_states').where('id', '=', stateId).execute();
    const row = await t.db.selectFrom('endpoints').select('current_state_id').where('id', '=', ws1).executeTakeFirstOrThrow();
    expect(row.current_state_id).toBeNull();
  });

  it('refuses references to rows that do not exist, and duplicate repository names per endpoint', async () => {
    const missing = newId();
    expect(isForeignKeyViolation(await rejection(endpoint('ghost', missing)))).toBe(true);
    const ws1 = await endpoint('ws1', null);
    await t.db.insertInto('repositories').values({ id: newId(), endpoint_id: ws1, repo_name: 'core' }).execute();
    const dup = await rejection(t.db.insertInto('repositories').values({ id: newId(), endpoint_id: ws1, repo_name: 'core' }).execute());
    expect(isUniqueViolation(dup)).toBe(true);
  });
});

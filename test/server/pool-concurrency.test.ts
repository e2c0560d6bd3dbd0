// Changes of a pool's members racing changes of its target, on both engines: deleting a pool (with
// force) while its members call set-latest, and moving members in and out while the target
// changes. Every transaction that changes a pool's members or target takes the pool's lock first,
// so on PostgreSQL they wait for each other instead of deadlocking: every call answers with a
// clear status — never a 500 — and the data ends consistent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

const MEMBERS = 6;
const ROUNDS = 4;

describe.each(DIALECTS)('pool membership racing target changes (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect);
  });
  afterAll(() => api.close());

  /** A pool with MEMBERS members that have each reported a (different) state, and a target. */
  const fleet = async () => {
    const pool = await makePool(api);
    const members: { id: string; key: string }[] = [];
    for (let m = 0; m < MEMBERS; m++) {
      const ep = await makeEndpoint(api, pool);
      const r = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: state({ glibc: '2.39-1', app: `1.${m}-1` }) });
      expect(r.statusCode, r.body).toBe(200);
      members.push(ep);
    }
    const first = members[0] as { id: string; key: string };
    expect((await api.request('POST', `/endpoints/${first.id}/set-latest`, { key: first.key, body: {} })).statusCode).toBe(201);
    return { pool, members };
  };

  it(`deleting a pool (force) while every member calls set-latest: never a 500, the pool is gone with its targets (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { pool, members } = await fleet();
      const setLatest = members.map((ep, i) =>
        api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: { message: `call ${i}` } }),
      );
      // The delete starts in the middle of the set-latest calls.
      const del = api.request<{ unassigned_endpoints: number }>('DELETE', `/pools/${pool}`, { query: { force: 'true' } });
      const more = members.map((ep) => api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: {} }));
      const [deleted, ...calls] = await Promise.all([del, ...setLatest, ...more]);

      const failures = calls.filter((r) => r.statusCode >= 500).map((r) => r.body);
      expect(failures, `round ${round}`).toEqual([]);
      expect(deleted?.statusCode, deleted?.body).toBe(200);
      expect(deleted?.json().data.unassigned_endpoints).toBe(MEMBERS);
      for (const r of calls) {
        // Applied before the delete (201), or after it: the pool is gone (404) or the machine is in no pool (422).
        expect([201, 404, 422], r.body).toContain(r.statusCode);
        if (r.statusCode === 404) expect(r.json().error).toMatchObject({ code: 'RESOURCE_NOT_FOUND', details: { resource: 'pool' } });
        if (r.statusCode === 422) expect(r.json().error?.message).toMatch(/is in no pool/);
      }

      const db = api.db;
      expect(await db.selectFrom('pools').select('id').where('id', '=', pool).execute()).toEqual([]);
      expect(await db.selectFrom('package_states').select('id').where('pool_id', '=', pool).execute()).toEqual([]);
      const left = await db
        .selectFrom('endpoints')
        .select(['pool_id', 'sync_status'])
        .where(
          'id',
          'in',
          members.map((m) => m.id),
        )
        .execute();
      expect(left).toEqual(members.map(() => ({ pool_id: null, sync_status: 'unknown' })));
      const deletedEvents = await db.selectFrom('system_events').select('details').where('event_type', '=', 'pool_deleted').execute();
      expect(deletedEvents.filter((e) => (e.details as { pool_id?: string }).pool_id === pool)).toHaveLength(1);
    }
  });

  it('assigning and unassigning members while they call set-latest: never a 500, one target, drift against it', async () => {
    const { pool, members } = await fleet();
    const other = await makePool(api);
    const moving = members.slice(0, 3);
    const calls = await Promise.all([
      ...members.map((ep) => api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: {} })),
      ...moving.map((ep) => api.request('POST', `/pools/${other}/endpoints`, { body: { endpoint_id: ep.id } })),
      ...moving.map((ep) => api.request('DELETE', `/pools/${other}/endpoints/${ep.id}`)),
      ...moving.map((ep) => api.request('POST', `/pools/${pool}/endpoints`, { body: { endpoint_id: ep.id } })),
      api.request('PUT', `/pools/${pool}`, { body: { settings: { excluded_packages: ['app'] } } }),
      api.request('POST', `/pools/${pool}/revert-target`, { body: {} }),
    ]);
    expect(calls.filter((r) => r.statusCode >= 500).map((r) => r.body)).toEqual([]);
    for (const r of calls) expect([200, 201, 404, 409, 422], r.body).toContain(r.statusCode);

    const db = api.db;
    const targets = await db.selectFrom('package_states').select('id').where('pool_id', '=', pool).where('is_target', '=', true).execute();
    expect(targets).toHaveLength(1);
    // Every member's stored drift is against the pool's final target and settings: `app` is
    // excluded, so every member that reported glibc 2.39-1 is in sync (none has an operation).
    const rows = await db
      .selectFrom('endpoints')
      .select(['id', 'pool_id', 'sync_status', 'package_summary'])
      .where(
        'id',
        'in',
        members.map((m) => m.id),
      )
      .execute();
    for (const r of rows.filter((x) => x.pool_id === pool)) {
      expect(r.sync_status, r.id).toBe('in_sync');
      expect((r.package_summary as { target_state_id?: string }).target_state_id).toBe(targets[0]?.id);
    }
  });
});

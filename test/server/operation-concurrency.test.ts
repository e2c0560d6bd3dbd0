// The one-active-operation rule when the service's own check cannot see the competitor: another
// writer (a second server instance, a job, an administrator's INSERT) adds an active operation for
// the endpoint in a transaction that commits only after the sync request has checked. Then the
// database's unique index (migration 004) refuses the request's insert, and the answer is the
// same 409 SYNC_IN_PROGRESS as from the check — never a 500 — with nothing of the request stored.
//
// PostgreSQL only: SQLite has one writer at a time, so its transactions cannot interleave like
// this (the index itself is tested on both engines in test/db/constraints.test.ts).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';
import { until } from '../support/wait.js';

describe.each(DIALECTS)('one active operation per endpoint, racing another writer (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect);
  });
  afterAll(() => api.close());

  it.runIf(dialect === 'pg')('a sync request that loses to an operation committed after its check answers 409 SYNC_IN_PROGRESS', async () => {
    const pool = await makePool(api);
    const ref = await makeEndpoint(api, pool);
    const ep = await makeEndpoint(api, pool);
    for (const [who, s] of [
      [ref, state({ bash: '5.2.026-2' })],
      [ep, state({ bash: '5.2.015-1' })],
    ] as const) {
      expect((await api.request('POST', `/endpoints/${who.id}/state`, { key: who.key, body: s })).statusCode).toBe(200);
    }
    expect((await api.request('POST', `/endpoints/${ref.id}/set-latest`, { key: ref.key, body: {} })).statusCode).toBe(201);

    const db = api.db;
    const theirs = newId();
    let inserted!: () => void;
    let commit!: () => void;
    const insertedP = new Promise<void>((r) => (inserted = r));
    const commitP = new Promise<void>((r) => (commit = r));
    const writer = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sync_operations')
        .values({ id: theirs, pool_id: pool, endpoint_id: ep.id, operation_type: 'sync_to_latest', status: 'pending' })
        .execute();
      inserted();
      await commitP;
    });
    await insertedP;
    const before = await api.rowCounts();

    const request = api.request('POST', `/endpoints/${ep.id}/sync`, { key: ep.key, body: {} });
    // The request has checked (it saw no active operation) and now waits on the index entry of
    // the uncommitted row.
    const waiting = async () => {
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
      return (rows[0]?.n ?? 0) > 0;
    };
    await until('the sync request to wait for the other writer', waiting);
    commit();
    await writer;

    const res = await request;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'SYNC_IN_PROGRESS', details: { endpoint_id: ep.id } });
    expect(res.json().error?.message).toMatch(/already has an active operation/);
    // Nothing of the request was stored: only the other writer's operation was added.
    expect(await api.rowCounts()).toEqual({ ...before, sync_operations: (before.sync_operations ?? 0) + 1 });
    const active = await db
      .selectFrom('sync_operations')
      .select('id')
      .where('endpoint_id', '=', ep.id)
      .where('status', 'in', ['pending', 'in_progress'])
      .execute();
    expect(active).toEqual([{ id: theirs }]);
    const row = await db.selectFrom('endpoints').select('sync_status').where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(row.sync_status).toBe('behind');
  });
});

// 50 set-latest calls on one pool at the same moment, over real HTTP (a listening server, many
// connections): every call is applied in turn or refused with a clear 409 — never a 500 — and the
// pool ends with exactly one target and a history in which each target names the one it replaced.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

const MACHINES = 10;
const CALLS = 50;

describe.each(DIALECTS)('concurrent set-latest (%s)', (dialect) => {
  let api: TestApp;
  let base: string;
  beforeAll(async () => {
    api = await createTestApp(dialect);
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/api/v1`;
  });
  afterAll(() => api.close());

  const post = async (path: string, key: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { success: boolean; data: Record<string, unknown>; error?: { code: string; message: string } },
    };
  };

  it(`${CALLS} simultaneous calls from ${MACHINES} machines leave one target and a consistent history, never a 500`, async () => {
    const pool = await makePool(api);
    const machines: { id: string; key: string }[] = [];
    for (let m = 0; m < MACHINES; m++) {
      const ep = await makeEndpoint(api, pool);
      // Each machine has its own version of `app`, so every target differs from the one before.
      const r = await post(`/endpoints/${ep.id}/state`, ep.key, state({ glibc: '2.39-1', bash: '5.2.026-2', app: `1.${m}-1` }));
      expect(r.status).toBe(200);
      machines.push(ep);
    }

    const results = await Promise.all(
      Array.from({ length: CALLS }, (_, k) => {
        const ep = machines[k % MACHINES] as { id: string; key: string };
        return post(`/endpoints/${ep.id}/set-latest`, ep.key, { message: `call ${k}` });
      }),
    );

    const statuses = results.map((r) => r.status);
    expect(
      statuses.filter((s) => s !== 201 && s !== 409),
      JSON.stringify(results.filter((r) => r.status >= 500)),
    ).toEqual([]);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.error?.code).toBe('RESOURCE_CONFLICT');
      expect(r.body.error?.message).toMatch(/retry/);
    }
    const applied = results
      .filter((r) => r.status === 201)
      .map((r) => r.body.data as { target_state: { id: string }; previous_target_id: string | null; operation: { id: string } });
    expect(applied.length).toBeGreaterThan(0);

    const db = api.db;
    const targets = await db
      .selectFrom('package_states')
      .select(['id', 'is_target', 'created_at', 'message'])
      .where('pool_id', '=', pool)
      .where('endpoint_id', 'is', null)
      .orderBy('created_at')
      .execute();
    expect(targets.filter((t) => t.is_target)).toHaveLength(1);
    expect(targets).toHaveLength(applied.length);
    expect(new Set(targets.map((t) => t.created_at)).size).toBe(targets.length);
    expect(targets.at(-1)?.is_target).toBe(true);

    // Applied in order: each target replaced exactly the one stored just before it.
    const previousOf = new Map(applied.map((a) => [a.target_state.id, a.previous_target_id]));
    targets.forEach((t, i) => expect(previousOf.get(t.id), `target ${i}`).toBe(i === 0 ? null : targets[i - 1]?.id));

    const ops = await db
      .selectFrom('sync_operations')
      .select(['id', 'status'])
      .where('pool_id', '=', pool)
      .where('operation_type', '=', 'set_as_latest')
      .execute();
    expect(ops).toHaveLength(applied.length);
    expect(ops.every((o) => o.status === 'completed')).toBe(true);
    const events = await db
      .selectFrom('system_events')
      .select('id')
      .where('pool_id', '=', pool)
      .where('event_type', '=', 'pool_target_set')
      .execute();
    expect(events).toHaveLength(applied.length);

    // Every member's drift is against the final target: its setter is in sync; machine m, whose
    // `app` is 1.m-1, is behind a setter with a higher number and ahead of one with a lower.
    const last = targets.at(-1)?.message ?? '';
    const s = Number(/call (\d+)/.exec(last)?.[1]) % MACHINES;
    const members = new Map(
      (await db.selectFrom('endpoints').select(['id', 'sync_status']).where('pool_id', '=', pool).execute()).map((m) => [m.id, m.sync_status]),
    );
    machines.forEach((ep, m) => expect(members.get(ep.id), `machine ${m}`).toBe(m === s ? 'in_sync' : m < s ? 'behind' : 'ahead'));
  });
});

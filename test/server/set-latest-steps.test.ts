// Set-latest recomputes a pool's drift in steps that commit one by one, after the new target has
// committed (DriftTracker.recomputePoolInSteps): other requests are answered between the steps
// instead of waiting for the whole pool, the answer still carries every member's counts against
// the new target, and a recomputation cut short is finished by the recompute-stale-drift job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

const MEMBERS = 120;
const OLD = state({ glibc: '2.39-1', bash: '5.2.026-2', firefox: '124.0.2-1' });
const NEW = state({ glibc: '2.39-1', bash: '5.2.026-2', firefox: '125.0-1' });

describe.each(DIALECTS)('set-latest recomputes drift in steps (%s)', (dialect) => {
  let api: TestApp;
  let pool: string;
  let source: { id: string; key: string };
  const members: { id: string; key: string }[] = [];
  beforeAll(async () => {
    api = await createTestApp(dialect);
    pool = await makePool(api);
    source = await makeEndpoint(api, pool);
    await report(source, OLD);
    for (let i = 0; i < MEMBERS; i++) {
      const ep = await makeEndpoint(api, pool);
      await report(ep, OLD);
      members.push(ep);
    }
    expect((await api.request('POST', `/endpoints/${source.id}/set-latest`, { key: source.key, body: {} })).statusCode).toBe(201);
  }, 120_000);
  afterAll(() => api.close());

  async function report(ep: { id: string; key: string }, body: unknown): Promise<void> {
    const res = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body });
    expect(res.statusCode, res.body).toBe(200);
  }
  const statuses = async () =>
    (await api.db.selectFrom('endpoints').select(['sync_status', 'package_summary']).where('pool_id', '=', pool).execute()).map((r) => ({
      sync_status: r.sync_status,
      target: r.package_summary.target_state_id,
    }));

  it('a read sent while the members are recomputed is answered before set-latest, which answers every member against the new target', async () => {
    await report(source, NEW);
    const order: string[] = [];
    let read: Promise<void> | undefined;
    let job: Promise<unknown> | undefined;
    // The first member recomputed against the new target (its sync_status message) starts a read,
    // and the recompute-stale-drift job, which must leave the pool to the steps under way.
    const stop = api.app.deps.services.notifier.subscribe((n) => {
      if (n.type !== 'sync_status' || read) return;
      read = api.request('GET', `/endpoints/${members[0]?.id}`).then((res) => {
        expect(res.statusCode).toBe(200);
        order.push('read');
      });
      job = api.app.deps.services.driftTracker.recomputeStaleDrift();
    });
    const res = await api.request<{ target_state: { id: string }; pool_drift: Record<string, number> }>(
      'POST',
      `/endpoints/${source.id}/set-latest`,
      {
        key: source.key,
        body: {},
      },
    );
    order.push('set-latest');
    stop();
    await read;
    expect(await job).toEqual({ pools_recomputed: 0, members_changed: 0 });
    expect(res.statusCode, res.body).toBe(201);
    expect(order).toEqual(['read', 'set-latest']);
    const target = res.json().data.target_state.id;
    expect(res.json().data.pool_drift).toMatchObject({ in_sync: 1, behind: MEMBERS, total: MEMBERS + 1 });
    const all = await statuses();
    expect(all.filter((m) => m.target !== target)).toEqual([]);
    expect(all.filter((m) => m.sync_status === 'behind')).toHaveLength(MEMBERS);
  });

  it('the recompute-stale-drift job finishes a recomputation cut short, and then has nothing to do', async () => {
    const target = (
      await api.db.selectFrom('package_states').select('id').where('pool_id', '=', pool).where('is_target', '=', true).executeTakeFirstOrThrow()
    ).id;
    // As if the server had stopped after the target committed and before the steps reached these
    // members: their drift is still against an earlier target.
    const cutShort = members.slice(40).map((m) => m.id);
    await api.db
      .updateTable('endpoints')
      .set({ sync_status: 'in_sync', package_summary: { in_sync: 3, target_state_id: 'a-superseded-target' } })
      .where('id', 'in', cutShort)
      .execute();

    expect((await api.request<{ name: string }[]>('GET', '/jobs')).json().data.map((j) => j.name)).toContain('recompute-stale-drift');
    const drift = api.app.deps.services.driftTracker;
    const updates: unknown[] = [];
    const stop = api.app.deps.services.notifier.subscribe((n) => {
      if (n.type === 'pool_update') updates.push(n.data);
    });
    expect(await drift.recomputeStaleDrift()).toEqual({ pools_recomputed: 1, members_changed: cutShort.length });
    stop();
    // Web UIs on the pool's page hear of it, with the counts against the target.
    expect(updates).toEqual([
      { pool_id: pool, reason: 'pool_changed', target_state_id: target, counts: expect.objectContaining({ behind: MEMBERS, total: MEMBERS + 1 }) },
    ]);
    const all = await statuses();
    expect(all.filter((m) => m.target !== target)).toEqual([]);
    expect(all.filter((m) => m.sync_status === 'behind')).toHaveLength(MEMBERS);
    expect(await drift.recomputeStaleDrift()).toEqual({ pools_recomputed: 0, members_changed: 0 });
  });
});

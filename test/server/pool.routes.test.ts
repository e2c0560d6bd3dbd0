// Pools over HTTP: CRUD, membership, statistics, state history, target revert, state diff.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool, makeState } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

interface PoolData {
  id: string;
  name: string;
  settings: Record<string, unknown>;
  endpoint_count: number;
  target_state_id: string | null;
  members: { id: string }[];
  statistics: { total_endpoints: number; by_sync_status: Record<string, number>; by_status: Record<string, number> };
  target_state: { id: string; total_packages: number } | null;
}

describe.each(DIALECTS)('pools (%s)', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect);
  });
  afterEach(() => api.close());

  const events = async (type: string) =>
    (
      await api.request<{ items: { event_type: string; user_id: string; details: Record<string, unknown>; pool_id: string | null }[] }>(
        'GET',
        `/events?event_type=${type}`,
      )
    ).json().data.items;

  it('creates a pool with default settings, lists it with its member count, and audits the change', async () => {
    const res = await api.request<PoolData>('POST', '/pools', {
      body: { name: 'render farm', settings: { excluded_packages: ['linux*', 'nvidia'], remove_extra: true } },
    });
    expect(res.statusCode).toBe(201);
    const pool = res.json().data;
    expect(pool.settings).toEqual({
      auto_sync: false,
      conflict_resolution: 'manual',
      excluded_packages: ['linux*', 'nvidia'],
      excluded_repos: [],
      max_history: 50,
      sync_schedule: null,
      schedule_timezone: 'UTC',
      remove_extra: true,
      set_latest_by: 'members',
    });
    await makeEndpoint(api, pool.id);
    await makeEndpoint(api, pool.id);
    const list = (await api.request<{ items: PoolData[]; total: number }>('GET', '/pools')).json().data;
    expect(list.total).toBe(1);
    expect(list.items[0]?.endpoint_count).toBe(2);
    const [created] = await events('pool_created');
    expect(created?.pool_id).toBe(pool.id);
    expect(created?.user_id).toMatch(/^admin \(generated at first start\) \([0-9a-f-]{36}\)$/);
  });

  it('refuses a second pool with the same name (409) and a rename onto a taken name', async () => {
    await makePool(api, 'lab');
    const other = await makePool(api, 'office');
    const before = await api.rowCounts();
    const dup = await api.request('POST', '/pools', { body: { name: 'lab' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error?.code).toBe('RESOURCE_CONFLICT');
    const rename = await api.request('PUT', `/pools/${other}`, { body: { name: 'lab' } });
    expect(rename.statusCode).toBe(409);
    expect(await api.rowCounts()).toEqual(before);
  });

  it('merges a settings update into the stored settings and validates the cron schedule', async () => {
    const id = await makePool(api, 'lab', { excluded_packages: ['linux'] });
    const ok = await api.request<PoolData>('PUT', `/pools/${id}`, { body: { settings: { auto_sync: true, sync_schedule: '30 3 * * 1-5' } } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().data.settings).toMatchObject({ auto_sync: true, sync_schedule: '30 3 * * 1-5', excluded_packages: ['linux'] });
    const bad = await api.request('PUT', `/pools/${id}`, { body: { settings: { sync_schedule: '0 25 * * *' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error?.message).toMatch(/sync_schedule/);
    const after = (await api.request<PoolData>('GET', `/pools/${id}`)).json().data;
    expect(after.settings.sync_schedule).toBe('30 3 * * 1-5');
  });

  it('shows members, the target summary and member counts per sync status', async () => {
    const id = await makePool(api);
    const eps = await Promise.all([1, 2, 3, 4].map(() => makeEndpoint(api, id)));
    const statuses = ['in_sync', 'in_sync', 'behind', 'ahead'];
    for (const [i, ep] of eps.entries()) {
      await api.db.updateTable('endpoints').set({ sync_status: statuses[i] }).where('id', '=', ep.id).execute();
    }
    await api.db
      .updateTable('endpoints')
      .set({ status: 'offline' })
      .where('id', '=', eps[3]?.id ?? '')
      .execute();
    const target = await makeState(api, {
      poolId: id,
      at: '2024-01-14T00:00:00.000Z',
      data: state({ a: '1-1', b: '1-1', c: '1-1' }),
      message: 'baseline',
    });
    const detail = (await api.request<PoolData>('GET', `/pools/${id}`)).json().data;
    expect(detail.members.map((m) => m.id).sort()).toEqual(eps.map((e) => e.id).sort());
    expect(detail.statistics).toEqual({
      total_endpoints: 4,
      by_sync_status: { in_sync: 2, behind: 1, ahead: 1, sync_pending: 0, unknown: 0 },
      by_status: { online: 3, offline: 1, error: 0 },
    });
    expect(detail.target_state).toMatchObject({ id: target, total_packages: 3, message: 'baseline' });
    expect(detail.target_state_id).toBe(target);
  });

  it('an endpoint reading its own pool does not see the other machines in it', async () => {
    const id = await makePool(api);
    const me = await makeEndpoint(api, id);
    await makeEndpoint(api, id);
    const res = await api.request<PoolData>('GET', `/pools/${id}`, { key: me.key });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.members).toEqual([]);
    expect(res.json().data.statistics.total_endpoints).toBe(2);
  });

  it('deletes a pool with members only with force=true; members are left without a pool', async () => {
    const id = await makePool(api);
    const ep = await makeEndpoint(api, id);
    await api.db.updateTable('endpoints').set({ sync_status: 'in_sync' }).where('id', '=', ep.id).execute();
    const before = await api.rowCounts();
    const refused = await api.request('DELETE', `/pools/${id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error?.message).toMatch(/force=true/);
    expect(await api.rowCounts()).toEqual(before);

    const forced = await api.request('DELETE', `/pools/${id}?force=true`);
    expect(forced.statusCode).toBe(200);
    expect((await api.request('GET', `/pools/${id}`)).statusCode).toBe(404);
    const row = await api.db.selectFrom('endpoints').select(['pool_id', 'sync_status']).where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ pool_id: null, sync_status: 'unknown' });
    const [deleted] = await events('pool_deleted');
    expect(deleted?.details).toMatchObject({ pool_id: id, unassigned_endpoints: [ep.id] });
  });

  it('assigning moves an endpoint between pools; unassigning needs membership', async () => {
    const a = await makePool(api);
    const b = await makePool(api);
    const ep = await makeEndpoint(api, a);
    const moved = await api.request<{ pool_id: string }>('POST', `/pools/${b}/endpoints`, { body: { endpoint_id: ep.id } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().data.pool_id).toBe(b);
    const counts = (await api.request<{ items: PoolData[] }>('GET', '/pools')).json().data.items;
    expect(Object.fromEntries(counts.map((p) => [p.id, p.endpoint_count]))).toEqual({ [a]: 0, [b]: 1 });
    const [assigned] = await events('endpoint_assigned');
    expect(assigned?.details).toMatchObject({ endpoint_id: ep.id, from_pool_id: a, to_pool_id: b });

    const notMember = await api.request('DELETE', `/pools/${a}/endpoints/${ep.id}`);
    expect(notMember.statusCode).toBe(404);
    const out = await api.request<{ pool_id: string | null }>('DELETE', `/pools/${b}/endpoints/${ep.id}`);
    expect(out.statusCode).toBe(200);
    expect(out.json().data.pool_id).toBeNull();
  });

  it('recomputes drift when an endpoint moves pools and when a pool changes its exclusions', async () => {
    const a = await makePool(api);
    const b = await makePool(api);
    await makeState(api, { poolId: b, at: '2024-01-01T00:00:00.000Z', data: state({ linux: '6.7.1-1', vim: '9.1-1' }) });
    const ep = await makeEndpoint(api, a);
    const report = await makeState(api, {
      poolId: a,
      endpointId: ep.id,
      at: '2024-01-02T00:00:00.000Z',
      data: state({ linux: '6.6.9-1', vim: '9.1-1' }),
    });
    await api.db.updateTable('endpoints').set({ current_state_id: report }).where('id', '=', ep.id).execute();

    const moved = await api.request<{ sync_status: string; package_summary: Record<string, number> }>('POST', `/pools/${b}/endpoints`, {
      body: { endpoint_id: ep.id },
    });
    expect(moved.json().data).toMatchObject({ sync_status: 'behind', package_summary: { behind: 1, in_sync: 1 } });

    const updated = await api.request('PUT', `/pools/${b}`, { body: { settings: { excluded_packages: ['linux*'] } } });
    expect(updated.statusCode).toBe(200);
    const after = (await api.request<{ sync_status: string; package_summary: Record<string, number> }>('GET', `/endpoints/${ep.id}`)).json().data;
    expect(after).toMatchObject({ sync_status: 'in_sync', package_summary: { behind: 0, in_sync: 1, excluded: 1 } });

    const out = await api.request<{ sync_status: string; package_summary: Record<string, number> }>('DELETE', `/pools/${b}/endpoints/${ep.id}`);
    expect(out.json().data.sync_status).toBe('unknown');
    expect(out.json().data.package_summary).toEqual({});
  });

  it('lists a pool history newest first with filters and pagination', async () => {
    const id = await makePool(api);
    const ep = await makeEndpoint(api, id);
    const t1 = await makeState(api, { poolId: id, at: '2024-01-01T00:00:00.000Z' });
    const r1 = await makeState(api, { poolId: id, endpointId: ep.id, at: '2024-01-02T00:00:00.000Z', data: state({ a: '1-1' }) });
    const t2 = await makeState(api, { poolId: id, at: '2024-01-03T00:00:00.000Z' });
    type Page = { items: { id: string; kind: string; is_target: boolean; total_packages: number }[]; total: number; has_more: boolean };
    const all = (await api.request<Page>('GET', `/pools/${id}/states`)).json().data;
    expect(all.items.map((s) => s.id)).toEqual([t2, r1, t1]);
    expect(all.items.map((s) => [s.kind, s.is_target])).toEqual([
      ['target', true],
      ['report', false],
      ['target', false],
    ]);
    expect(all.items[1]?.total_packages).toBe(1);
    const targets = (await api.request<Page>('GET', `/pools/${id}/states?kind=target`)).json().data;
    expect(targets.items.map((s) => s.id)).toEqual([t2, t1]);
    const current = (await api.request<Page>('GET', `/pools/${id}/states?is_target=true`)).json().data;
    expect(current.items.map((s) => s.id)).toEqual([t2]);
    const mine = (await api.request<Page>('GET', `/pools/${id}/states?endpoint_id=${ep.id}`)).json().data;
    expect(mine.items.map((s) => s.id)).toEqual([r1]);
    const page = (await api.request<Page>('GET', `/pools/${id}/states?limit=2&offset=1`)).json().data;
    expect(page).toMatchObject({ total: 3, has_more: false });
    expect(page.items.map((s) => s.id)).toEqual([r1, t1]);
  });

  it('reverts the target to the previous one, then further back, keeping exactly one target', async () => {
    const id = await makePool(api);
    const ep = await makeEndpoint(api, id);
    const v1 = state({ bash: '5.1-1' });
    const v2 = state({ bash: '5.2-1', zsh: '5.9-1' });
    await makeState(api, { poolId: id, at: '2024-01-01T00:00:00.000Z', data: v1 });
    await makeState(api, { poolId: id, at: '2024-01-02T00:00:00.000Z', data: v2 });
    await makeState(api, { poolId: id, at: '2024-01-03T00:00:00.000Z', data: state({ bash: '5.3-1' }) });
    // The machine is still at the 5.2 set.
    const report = await makeState(api, { poolId: id, endpointId: ep.id, at: '2024-01-04T00:00:00.000Z', data: v2 });
    await api.db.updateTable('endpoints').set({ current_state_id: report, sync_status: 'behind' }).where('id', '=', ep.id).execute();
    const drift = async () =>
      api.db.selectFrom('endpoints').select(['sync_status', 'package_summary']).where('id', '=', ep.id).executeTakeFirstOrThrow();

    const targetPackages = async () => {
      const pool = (await api.request<PoolData>('GET', `/pools/${id}`)).json().data;
      const st = await api.request<{ state_data: { packages: Record<string, { version: string }> } }>('GET', `/states/${pool.target_state?.id}`);
      return Object.fromEntries(Object.entries(st.json().data.state_data.packages).map(([n, p]) => [n, p.version]));
    };
    const targets = async () =>
      Number(
        (
          await api.db
            .selectFrom('package_states')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('pool_id', '=', id)
            .where('is_target', '=', true)
            .executeTakeFirstOrThrow()
        ).n,
      );

    const first = await api.request('POST', `/pools/${id}/revert-target`, { body: { message: 'bad kernel' } });
    expect(first.statusCode).toBe(200);
    expect(await targetPackages()).toEqual({ bash: '5.2-1', zsh: '5.9-1' });
    expect(await targets()).toBe(1);
    // Members' drift is recomputed against the restored target: the machine now matches it.
    expect(await drift()).toMatchObject({ sync_status: 'in_sync', package_summary: { in_sync: 2, behind: 0, ahead: 0, missing: 0 } });

    api.clock.advance(60_000);
    const second = await api.request('POST', `/pools/${id}/revert-target`, { body: {} });
    expect(second.statusCode).toBe(200);
    expect(await targetPackages()).toEqual({ bash: '5.1-1' });
    expect(await targets()).toBe(1);
    // bash 5.2 is newer than the target's 5.1; zsh is an extra the pool does not remove.
    expect(await drift()).toMatchObject({ sync_status: 'ahead', package_summary: { ahead: 1, extra: 1 } });
    const history = await api.db
      .selectFrom('drift_history')
      .select(['in_sync', 'ahead', 'total'])
      .where('pool_id', '=', id)
      .orderBy('created_at')
      .execute();
    expect(history).toEqual([
      { in_sync: 1, ahead: 0, total: 1 },
      { in_sync: 0, ahead: 1, total: 1 },
    ]);

    // A new target after the reverts: reverting it restores what was the target just before it
    // (the 5.1 copy), not the 5.3 target that was reverted away from.
    api.clock.advance(60_000);
    await makeState(api, { poolId: id, at: api.clock.now().toISOString(), data: state({ bash: '5.4-1' }) });
    api.clock.advance(60_000);
    expect((await api.request('POST', `/pools/${id}/revert-target`, { body: {} })).statusCode).toBe(200);
    expect(await targetPackages()).toEqual({ bash: '5.1-1' });

    const [audit] = await events('pool_target_reverted');
    expect(audit?.pool_id).toBe(id);
  });

  it('reverts to a chosen earlier target, and refuses a report or a pool without history', async () => {
    const id = await makePool(api);
    const ep = await makeEndpoint(api, id);
    const old = await makeState(api, { poolId: id, at: '2024-01-01T00:00:00.000Z', data: state({ vim: '9.0-1' }) });
    await makeState(api, { poolId: id, at: '2024-01-02T00:00:00.000Z' });
    await makeState(api, { poolId: id, at: '2024-01-03T00:00:00.000Z' });
    const report = await makeState(api, { poolId: id, endpointId: ep.id, at: '2024-01-04T00:00:00.000Z' });

    const chosen = await api.request<{ restored_state_id: string; target_state: { total_packages: number } }>('POST', `/pools/${id}/revert-target`, {
      body: { state_id: old },
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().data).toMatchObject({ restored_state_id: old, target_state: { total_packages: 1 } });

    const empty = await makePool(api);
    const before = await api.rowCounts();
    const notTarget = await api.request('POST', `/pools/${id}/revert-target`, { body: { state_id: report } });
    expect(notTarget.statusCode).toBe(400);
    expect(notTarget.json().error?.message).toMatch(/^state_id/);

    const none = await api.request('POST', `/pools/${empty}/revert-target`, { body: {} });
    expect(none.statusCode).toBe(422);
    expect(none.json().error?.code).toBe('INVALID_STATE');
    expect(await api.rowCounts()).toEqual(before);
  });

  it('concurrent reverts on one pool serialise: every call answers (never 500), one target remains', async () => {
    const id = await makePool(api);
    for (let i = 1; i <= 4; i++) await makeState(api, { poolId: id, at: `2024-01-0${i}T00:00:00.000Z`, data: state({ bash: `5.${i}-1` }) });
    const results = await Promise.all(Array.from({ length: 6 }, () => api.request('POST', `/pools/${id}/revert-target`, { body: {} })));
    const codes = results.map((r) => r.statusCode).sort();
    // Three earlier targets to walk back through, then nothing left.
    expect(codes).toEqual([200, 200, 200, 422, 422, 422]);
    const targets = await api.db.selectFrom('package_states').select('id').where('pool_id', '=', id).where('is_target', '=', true).execute();
    expect(targets).toHaveLength(1);
    const pool = (await api.request<PoolData>('GET', `/pools/${id}`)).json().data;
    const st = await api.request<{ state_data: { packages: Record<string, { version: string }> } }>('GET', `/states/${pool.target_state?.id}`);
    expect(st.json().data.state_data.packages.bash?.version).toBe('5.1-1');
  });

  it('diffs two states with pacman version ordering', async () => {
    const id = await makePool(api);
    const a = await makeState(api, {
      poolId: id,
      at: '2024-01-01T00:00:00.000Z',
      data: state({ bash: '5.2-1', gone: '1-1', same: '1-1', epoch: '2.0-1', older: '1.10-1', zero: '1.0-1' }),
    });
    const b = await makeState(api, {
      poolId: id,
      at: '2024-01-02T00:00:00.000Z',
      data: state({ bash: '5.2-2', added: '0.1-1', same: '1-1', epoch: '1:1.0-1', older: '1.9-1', zero: '0:1.0-1' }),
    });
    const res = await api.request('GET', `/states/${a}/diff/${b}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({
      from: a,
      to: b,
      added: [{ name: 'added', version: '0.1-1' }],
      removed: [{ name: 'gone', version: '1-1' }],
      changed: [
        { name: 'bash', from_version: '5.2-1', to_version: '5.2-2', direction: 'upgrade' },
        { name: 'epoch', from_version: '2.0-1', to_version: '1:1.0-1', direction: 'upgrade' },
        { name: 'older', from_version: '1.10-1', to_version: '1.9-1', direction: 'downgrade' },
        { name: 'zero', from_version: '1.0-1', to_version: '0:1.0-1', direction: 'equivalent' },
      ],
      unchanged: 1,
    });
    expect((await api.request('GET', `/states/${a}/diff/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });
});

// Operations over HTTP: a sync's life cycle as the agent drives it, the one-active-operation rule
// (409 SYNC_IN_PROGRESS), impossible transitions (422 INVALID_STATE), failure and cancel, revert
// to the state before the last sync, the operation lists, pool "sync all", and the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageStateData } from '../../src/core/package-state.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

interface Op {
  id: string;
  status: string;
  progress: number;
  operation_type: string;
  error_message: string | null;
  details: Record<string, unknown> & { pre_sync_state_id?: string; post_state_id?: string; last_progress?: Record<string, unknown> };
  completed_at: string | null;
}
interface Plan {
  packages_to_install: { name: string; to_version: string }[];
  packages_to_upgrade: { name: string; from_version: string; to_version: string }[];
  packages_to_downgrade: { name: string; from_version: string; to_version: string }[];
  packages_to_remove: { name: string }[];
  total_packages: number;
}

const TARGET = state({ bash: '5.2.026-2', glibc: '2.39-1', curl: '8.6.0-1' });
const OLD = state({ bash: '5.2.015-1', glibc: '2.39-1' });

describe.each(DIALECTS)('operations (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect);
  });
  afterAll(() => api.close());

  type Who = { id: string; key: string };
  const report = async (ep: Who, s: PackageStateData) => {
    const res = await api.request<{ state_id: string; sync_status: string }>('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: s });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  };
  const call = <T = Op>(method: 'GET' | 'POST', path: string, key: string, body?: unknown) =>
    api.request<T>(method, path, { key, ...(body !== undefined ? { body } : {}) });
  const syncStatus = async (ep: Who) =>
    await api.db.selectFrom('endpoints').select(['sync_status', 'status']).where('id', '=', ep.id).executeTakeFirstOrThrow();

  /** A pool whose target is TARGET (set by a reference machine) and a member at OLD. */
  const fleet = async (settings?: Record<string, unknown>) => {
    const pool = await makePool(api, undefined, settings);
    const ref = await makeEndpoint(api, pool);
    await report(ref, TARGET);
    expect((await call('POST', `/endpoints/${ref.id}/set-latest`, ref.key, {})).statusCode).toBe(201);
    const ep = await makeEndpoint(api, pool);
    await report(ep, OLD);
    return { pool, ref, ep };
  };

  it('a sync runs pending → in_progress → completed as its agent reports; sync_pending meanwhile, in sync after', async () => {
    const { ep } = await fleet();
    const created = await call<{ operation: Op; plan: Plan }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {});
    expect(created.statusCode, created.body).toBe(201);
    const { operation: op, plan } = created.json().data;
    expect(op).toMatchObject({ status: 'pending', progress: 0, operation_type: 'sync_to_latest' });
    expect(plan.packages_to_install.map((p) => [p.name, p.to_version])).toEqual([['curl', '8.6.0-1']]);
    expect(plan.packages_to_upgrade.map((p) => [p.name, p.from_version, p.to_version])).toEqual([['bash', '5.2.015-1', '5.2.026-2']]);
    expect(op.details).toMatchObject({ packages_to_install: [{ name: 'curl' }], dry_run: false, target_state_id: expect.any(String) });
    expect((await syncStatus(ep)).sync_status).toBe('sync_pending');

    const p1 = await call('POST', `/operations/${op.id}/progress`, ep.key, { progress: 10, step: 'downloading', packages_total: 2 });
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.json().data).toMatchObject({
      status: 'in_progress',
      progress: 10,
      details: { last_progress: { step: 'downloading', packages_total: 2 } },
    });
    const p2 = await call('POST', `/operations/${op.id}/progress`, ep.key, { progress: 60, packages_processed: 1, current_package: 'bash' });
    expect(p2.json().data).toMatchObject({
      status: 'in_progress',
      progress: 60,
      details: { last_progress: { step: 'downloading', current_package: 'bash' } },
    });

    const done = await call('POST', `/operations/${op.id}/complete`, ep.key, { result: { pacman_exit: 0 }, state: TARGET });
    expect(done.statusCode, done.body).toBe(200);
    const completed = done.json().data;
    expect(completed).toMatchObject({ status: 'completed', progress: 100, details: { result: { pacman_exit: 0 } } });
    expect(completed.completed_at).not.toBeNull();
    expect(await syncStatus(ep)).toEqual({ sync_status: 'in_sync', status: 'online' });
    const current = await api.db.selectFrom('endpoints').select('current_state_id').where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(completed.details.post_state_id).toBe(current.current_state_id);

    // A finished operation cannot move again.
    for (const [path, body] of [
      ['progress', { progress: 5 }],
      ['complete', {}],
      ['fail', { error_message: 'x' }],
      ['cancel', undefined],
    ] as const) {
      const res = await call('POST', `/operations/${op.id}/${path}`, ep.key, body ?? {});
      expect(res.statusCode, path).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'INVALID_STATE', details: { status: 'completed' } });
      expect(res.json().error?.message).toContain('completed');
    }
  });

  it('one active operation per endpoint: a second sync or revert is 409 SYNC_IN_PROGRESS naming it; a dry run still plans', async () => {
    const { ep } = await fleet();
    const first = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().data.operation;
    const before = await api.rowCounts();
    for (const path of ['sync', 'revert']) {
      const res = await call(
        'POST',
        `/endpoints/${ep.id}/${path}`,
        api.adminKey,
        path === 'revert' ? { target_state_id: first.details.pre_sync_state_id } : {},
      );
      expect(res.statusCode, path).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'SYNC_IN_PROGRESS', details: { operation_id: first.id } });
    }
    expect(await api.rowCounts()).toEqual(before);
    // A dry run is a plan, not an operation: it is answered while another one is active, and it
    // stores nothing (no "last sync", nothing in the operation log).
    const dry = await call<{ operation: Op | null; plan: Plan }>('POST', `/endpoints/${ep.id}/sync`, ep.key, { dry_run: true });
    expect(dry.statusCode).toBe(201);
    expect(dry.json().data.operation).toBeNull();
    expect(dry.json().data.plan.packages_to_install.map((p) => p.name)).toEqual(['curl']);
    expect(await api.rowCounts()).toEqual(before);
    // Ten simultaneous requests: still exactly one active operation.
    await call('POST', `/operations/${first.id}/cancel`, ep.key);
    const racing = await Promise.all(Array.from({ length: 10 }, () => call('POST', `/endpoints/${ep.id}/sync`, ep.key, {})));
    expect(racing.map((r) => r.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    const active = await api.db
      .selectFrom('sync_operations')
      .select('id')
      .where('endpoint_id', '=', ep.id)
      .where('status', 'in', ['pending', 'in_progress'])
      .execute();
    expect(active).toHaveLength(1);
  });

  it('a failure stores pacman’s message and the state reached, and puts the endpoint in error until an operation completes', async () => {
    const { ep } = await fleet();
    const op = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().data.operation;
    await call('POST', `/operations/${op.id}/progress`, ep.key, { progress: 30 });
    const half = state({ bash: '5.2.026-2', glibc: '2.39-1' }); // bash upgraded, curl not installed
    const failed = await call('POST', `/operations/${op.id}/fail`, ep.key, {
      error_message: 'error: failed to commit transaction (conflicting files)',
      state: half,
    });
    expect(failed.statusCode, failed.body).toBe(200);
    expect(failed.json().data).toMatchObject({ status: 'failed', error_message: 'error: failed to commit transaction (conflicting files)' });
    expect(await syncStatus(ep)).toEqual({ sync_status: 'behind', status: 'error' });
    const detail = (await call<{ package_summary: Record<string, number> }>('GET', `/endpoints/${ep.id}`, api.adminKey)).json().data;
    expect(detail.package_summary).toMatchObject({ missing: 1, behind: 0 });
    const events = (
      await call<{ items: { event_type: string; severity: string; endpoint_id: string }[] }>(
        'GET',
        `/events?event_type=operation_failed&endpoint_id=${ep.id}`,
        api.adminKey,
      )
    ).json().data.items;
    expect(events).toHaveLength(1);
    expect(events[0]?.severity).toBe('error');

    const retry = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().data.operation;
    expect((await call('POST', `/operations/${retry.id}/complete`, ep.key, { state: TARGET })).statusCode).toBe(200);
    expect(await syncStatus(ep)).toEqual({ sync_status: 'in_sync', status: 'online' });
  });

  it('only the operation’s endpoint drives it; cancel is its endpoint’s or an admin’s, and audited', async () => {
    const { ep, ref } = await fleet();
    const op = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, api.adminKey, {})).json().data.operation;
    const readKey = (await makeKey(api, 'read')).key;
    for (const key of [ref.key, api.adminKey]) {
      const res = await call('POST', `/operations/${op.id}/progress`, key, { progress: 1 });
      expect(res.statusCode).toBe(403);
      expect(res.json().error?.code).toBe('INSUFFICIENT_PERMISSIONS');
    }
    expect((await call('POST', `/operations/${op.id}/cancel`, ref.key)).statusCode).toBe(403);
    expect((await call('GET', `/operations/${op.id}`, ref.key)).statusCode).toBe(403);
    expect((await call('GET', `/operations/${op.id}`, readKey)).statusCode).toBe(200);
    expect((await call('GET', `/operations/${op.id}`, ep.key)).statusCode).toBe(200);
    expect((await syncStatus(ep)).sync_status).toBe('sync_pending');

    const cancelled = await call('POST', `/operations/${op.id}/cancel`, api.adminKey);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().data.status).toBe('cancelled');
    expect((await syncStatus(ep)).sync_status).toBe('behind');
    const events = (
      await call<{ items: { user_id: string; details: { operation_id: string } }[] }>('GET', `/events?event_type=operation_cancelled`, api.adminKey)
    ).json().data.items;
    expect(events.find((e) => e.details.operation_id === op.id)?.user_id).toMatch(/^admin/);
    const unknown = await call('POST', `/operations/00000000-0000-4000-8000-000000000001/cancel`, api.adminKey);
    expect(unknown.statusCode).toBe(404);
  });

  it('revert plans the way back to the state the machine had when its last sync started', async () => {
    const { ep } = await fleet();
    expect((await call('POST', `/endpoints/${ep.id}/revert`, ep.key, { dry_run: true })).json().error?.code).toBe('INVALID_STATE');
    const op = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().data.operation;
    // The machine changes on its own before the agent starts the sync: that is the state to return to.
    const own = state({ bash: '5.2.015-1', glibc: '2.39-1', vim: '9.1-1' });
    const before = await report(ep, own);
    await call('POST', `/operations/${op.id}/progress`, ep.key, { progress: 1 });
    expect((await call('GET', `/operations/${op.id}`, ep.key)).json().data.details.pre_sync_state_id).toBe(before.state_id);
    await call('POST', `/operations/${op.id}/complete`, ep.key, {
      state: state({ bash: '5.2.026-2', glibc: '2.39-1', curl: '8.6.0-1', vim: '9.1-1' }),
    });

    const dry = await call<{ operation: Op; plan: Plan }>('POST', `/endpoints/${ep.id}/revert`, ep.key, { dry_run: true });
    expect(dry.statusCode, dry.body).toBe(201);
    const plan = dry.json().data.plan;
    expect(plan.packages_to_remove.map((p) => p.name)).toEqual(['curl']);
    expect(plan.packages_to_downgrade.map((p) => [p.name, p.from_version, p.to_version])).toEqual([['bash', '5.2.026-2', '5.2.015-1']]);
    expect(dry.json().data.operation).toBeNull();

    const real = await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/revert`, ep.key, {});
    expect(real.json().data.operation.status).toBe('pending');
    expect((await syncStatus(ep)).sync_status).toBe('sync_pending');
    const audit = (
      await call<{ items: { event_type: string }[] }>('GET', `/events?endpoint_id=${ep.id}&event_type=endpoint_revert_requested`, api.adminKey)
    ).json().data.items;
    expect(audit).toHaveLength(1);
  });

  it('an operation its agent never picks up expires after operation_pickup_timeout: an event, and the endpoint may sync again', async () => {
    const { ep } = await fleet();
    const left = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().data.operation;
    api.clock.advance(29 * 60_000);
    expect((await call('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().error?.code).toBe('SYNC_IN_PROGRESS');
    api.clock.advance(60_000); // 30 minutes: the default
    const next = await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {});
    expect(next.statusCode, next.body).toBe(201);
    const old = (await call<Op>('GET', `/operations/${left.id}`, ep.key)).json().data;
    expect(old).toMatchObject({ status: 'expired', error_message: 'not picked up by its agent within 30 minute(s): expired, nothing was changed' });
    const events = (
      await call<{ items: { details: { operation_id: string } }[] }>('GET', `/events?event_type=operation_expired&endpoint_id=${ep.id}`, api.adminKey)
    ).json().data.items;
    expect(events.map((e) => e.details.operation_id)).toEqual([left.id]);
    // An operation already under way is never expired: its agent is working on it.
    const running = next.json().data.operation;
    await call('POST', `/operations/${running.id}/progress`, ep.key, { progress: 10 });
    api.clock.advance(120 * 60_000);
    expect((await call('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().error?.code).toBe('SYNC_IN_PROGRESS');
  });

  it('lists operations per endpoint and per pool, newest first, paginated and filtered', async () => {
    const { pool, ep, ref } = await fleet();
    for (let i = 0; i < 3; i++) {
      api.clock.advance(1000);
      const op = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().data.operation;
      await call('POST', `/operations/${op.id}/cancel`, ep.key);
      await call('POST', `/endpoints/${ep.id}/sync`, ep.key, { dry_run: true }); // stores nothing
    }
    api.clock.advance(1000);
    const pending = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().data.operation;
    type P = { items: Op[]; total: number; has_more: boolean };
    const mine = (await call<P>('GET', `/endpoints/${ep.id}/operations?limit=2`, ep.key)).json().data;
    expect(mine).toMatchObject({ total: 4, has_more: true });
    expect(mine.items[0]?.id).toBe(pending.id);
    expect((await call<P>('GET', `/endpoints/${ep.id}/operations?status=pending`, ep.key)).json().data.items.map((o) => o.id)).toEqual([pending.id]);
    const poolOps = (await call<P>('GET', `/pools/${pool}/operations?operation_type=set_as_latest`, api.adminKey)).json().data;
    expect(poolOps.total).toBe(1);
    expect((await call<P>('GET', `/pools/${pool}/operations`, api.adminKey)).json().data.total).toBe(5);
    expect((await call('GET', `/endpoints/${ep.id}/operations`, ref.key)).statusCode).toBe(403);
    expect((await call('GET', `/endpoints/${ep.id}/operations?status=done`, ep.key)).statusCode).toBe(400);
  });

  it('sync-all creates a pending sync per member, skipping members with an active operation or no state', async () => {
    const { pool, ep, ref } = await fleet();
    const busy = (await call<{ operation: Op }>('POST', `/endpoints/${ep.id}/sync`, ep.key, {})).json().data.operation;
    const silent = await makeEndpoint(api, pool);
    const behind = await makeEndpoint(api, pool);
    await report(behind, OLD);
    const res = await call<{
      created: { endpoint_id: string; operation_id: string }[];
      skipped: { endpoint_id: string; code: string; operation_id: string | null }[];
    }>('POST', `/pools/${pool}/sync-all`, api.adminKey, {});
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json().data;
    expect(r.created.map((c) => c.endpoint_id)).toEqual([behind.id]);
    // ref already is the target: no operation that only a daemon could close.
    expect(r.skipped.map((s) => [s.endpoint_id, s.code, s.operation_id]).sort()).toEqual(
      [
        [ep.id, 'SYNC_IN_PROGRESS', busy.id],
        [silent.id, 'INVALID_STATE', null],
        [ref.id, 'NOTHING_TO_DO', null],
      ].sort(),
    );
    expect((await syncStatus(behind)).sync_status).toBe('sync_pending');
    expect((await syncStatus(ref)).sync_status).toBe('in_sync');
    expect((await call<{ total: number }>('GET', `/endpoints/${ref.id}/operations`, api.adminKey)).json().data.total).toBe(1); // its set-latest
    const audit = (
      await call<{ items: { details: { operations: string[] } }[] }>('GET', `/events?event_type=pool_sync_all&pool_id=${pool}`, api.adminKey)
    ).json().data.items;
    expect(audit[0]?.details.operations).toEqual([r.created[0]?.operation_id]);
    const bad = await call('POST', `/pools/${pool}/sync-all`, api.adminKey, { packages: ['no-such-package'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error?.message).toContain('no-such-package');
  });

  it('set-latest refuses an inconsistent partial promotion (422 listing what is unsatisfied), stores it flagged with force', async () => {
    const pool = await makePool(api);
    const ref = await makeEndpoint(api, pool);
    await report(
      ref,
      state({
        glibc: '2.38-1',
        openssl: { version: '3.1-1', repository: 'core', size: 1, dependencies: ['glibc'], install_date: null, reason: 'explicit', provides: [] },
      }),
    );
    await call('POST', `/endpoints/${ref.id}/set-latest`, ref.key, {});
    const ep = await makeEndpoint(api, pool);
    const newer = state({
      glibc: '2.39-1',
      openssl: { version: '3.2-1', repository: 'core', size: 1, dependencies: ['glibc>=2.39'], install_date: null, reason: 'explicit', provides: [] },
    });
    await report(ep, newer);
    const before = await api.rowCounts();
    const refused = await call('POST', `/endpoints/${ep.id}/set-latest`, ep.key, { packages: ['openssl'] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'INVALID_STATE',
      details: { unsatisfied_dependencies: [{ package: 'openssl', dependency: 'glibc>=2.39', reason: 'version' }] },
    });
    expect(refused.json().error?.message).toContain('openssl needs glibc>=2.39');
    expect(await api.rowCounts()).toEqual(before);
    const preview = await call<{ applied: boolean; inconsistent: boolean; target_state: null }>('POST', `/endpoints/${ep.id}/set-latest`, ep.key, {
      packages: ['openssl'],
      dry_run: true,
    });
    expect(preview.json().data).toMatchObject({ applied: false, inconsistent: true, target_state: null });
    // force is an admin's decision (an endpoint key's force is refused: enrollment.routes.test.ts).
    const forced = await call<{ target_state: { id: string }; inconsistent: boolean }>('POST', `/endpoints/${ep.id}/set-latest`, api.adminKey, {
      packages: ['openssl'],
      force: true,
    });
    expect(forced.statusCode).toBe(201);
    const stored = (
      await call<{ state_data: { metadata: Record<string, unknown>; packages: Record<string, { version: string }> } }>(
        'GET',
        `/states/${forced.json().data.target_state.id}`,
        api.adminKey,
      )
    ).json().data;
    expect(stored.state_data.metadata).toMatchObject({ inconsistent: true, unsatisfied_dependencies: [{ package: 'openssl' }] });
    expect(stored.state_data.packages.openssl?.version).toBe('3.2-1');
    expect(stored.state_data.packages.glibc?.version).toBe('2.38-1');
  });

  it('the OpenAPI document lists every route of this API part', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/docs/json' });
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    for (const p of [
      '/api/v1/endpoints/{id}/state',
      '/api/v1/endpoints/{id}/repositories',
      '/api/v1/endpoints/{id}/sync',
      '/api/v1/endpoints/{id}/set-latest',
      '/api/v1/endpoints/{id}/revert',
      '/api/v1/endpoints/{id}/operations',
      '/api/v1/pools/{id}/operations',
      '/api/v1/pools/{id}/sync-all',
      '/api/v1/pools/{id}/analyze',
      '/api/v1/pools/{id}/analysis',
      '/api/v1/pools/{id}/drift-history',
      '/api/v1/operations/{id}',
      '/api/v1/operations/{id}/progress',
      '/api/v1/operations/{id}/complete',
      '/api/v1/operations/{id}/fail',
      '/api/v1/operations/{id}/cancel',
      '/api/v1/ws',
    ]) {
      expect(paths, p).toContain(p);
    }
  });
});

// The background jobs on a real database with a fake clock (issue #12): a pool's schedule fires
// once per tick and creates operations only for behind members; a silent endpoint goes offline;
// an operation without progress fails; every run is recorded once per tick and shown by GET /jobs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackageStateData } from '../../../src/core/package-state.js';
import type { JobView } from '../../../src/contracts/job.contract.js';
import { JobScheduler } from '../../../src/server/jobs/scheduler.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { makeEndpoint, makePool } from '../../support/api-fixtures.js';
import { fakeClock } from '../../support/clock.js';
import { DIALECTS } from '../../support/database.js';
import { state } from '../../support/package-states.js';

const TARGET = state({ bash: '5.2.026-2', glibc: '2.39-1', curl: '8.6.0-1' });
const OLD = state({ bash: '5.2.015-1', glibc: '2.39-1' });
const MINUTE = 60_000;

describe.each(DIALECTS)('background jobs (%s)', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect, {
      clock: fakeClock('2026-03-02T09:59:30.000Z'),
      env: { PACSYNC_FEATURES_OFFLINE_AFTER: '10', PACSYNC_FEATURES_SYNC_TIMEOUT: '30' },
    });
  });
  afterEach(() => api.close());

  type Who = { id: string; key: string };
  const report = async (ep: Who, s: PackageStateData) => {
    const res = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: s });
    expect(res.statusCode, res.body).toBe(200);
  };
  const operationsOf = (poolId: string) =>
    api.db
      .selectFrom('sync_operations')
      .select(['endpoint_id', 'status', 'operation_type'])
      .where('pool_id', '=', poolId)
      .where('operation_type', '=', 'sync_to_latest')
      .execute();
  const runDue = () => api.app.deps.jobs.runDue();
  const jobs = async () => {
    const res = await api.request<JobView[]>('GET', '/jobs');
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(res.json().data.map((j) => [j.name, j]));
  };

  it('a pool schedule fires once per tick, in its time zone, and syncs only members that are behind and free', async () => {
    // 11:00 in Europe/Berlin (UTC+1 in March) is 10:00 UTC.
    const pool = await makePool(api, 'nightly', { auto_sync: true, sync_schedule: '0 11 * * *', schedule_timezone: 'Europe/Berlin' });
    const ref = await makeEndpoint(api, pool);
    await report(ref, TARGET);
    expect((await api.request('POST', `/endpoints/${ref.id}/set-latest`, { key: ref.key, body: {} })).statusCode).toBe(201);
    const behind = await makeEndpoint(api, pool);
    await report(behind, OLD);
    const busy = await makeEndpoint(api, pool);
    await report(busy, OLD);
    const busyOp = await api.request<{ operation: { id: string } }>('POST', `/endpoints/${busy.id}/sync`, { key: busy.key, body: {} });
    expect(busyOp.statusCode).toBe(201);
    const silent = await makeEndpoint(api, pool);
    await report(silent, OLD);
    await api.db.updateTable('endpoints').set({ status: 'offline' }).where('id', '=', silent.id).execute();
    const unscheduled = await makePool(api, 'manual', { auto_sync: false, sync_schedule: '0 11 * * *' });
    const other = await makeEndpoint(api, unscheduled);
    await report(other, OLD);

    await runDue(); // 09:59: not due
    expect((await operationsOf(pool)).filter((o) => o.endpoint_id !== busy.id)).toEqual([]);

    api.clock.set('2026-03-02T10:00:05.000Z');
    const outcomes = await runDue();
    const fired = outcomes.find((o) => o.job === 'sync-pool-schedules');
    expect(fired).toMatchObject({ status: 'succeeded', counts: { pools_due: 1, operations_created: 1, skipped_active: 1, skipped_offline: 1 } });
    const ops = await operationsOf(pool);
    expect(ops.filter((o) => o.endpoint_id === behind.id)).toEqual([{ endpoint_id: behind.id, status: 'pending', operation_type: 'sync_to_latest' }]);
    expect(ops.filter((o) => o.endpoint_id === ref.id || o.endpoint_id === silent.id)).toEqual([]);
    expect(ops.filter((o) => o.endpoint_id === busy.id)).toHaveLength(1);
    expect(await operationsOf(unscheduled)).toEqual([]);

    // The same tick again, in this instance or in a second one on the same database: nothing more.
    api.clock.set('2026-03-02T10:00:40.000Z');
    expect((await runDue()).find((o) => o.job === 'sync-pool-schedules')).toBeUndefined();
    const second = new JobScheduler(api.app.deps.jobs.jobs, api.db, api.clock, 'second:8080');
    expect(await second.runDue()).toEqual([]);
    api.clock.set('2026-03-02T10:01:00.000Z');
    expect((await runDue()).find((o) => o.job === 'sync-pool-schedules')?.counts).toMatchObject({ pools_due: 0, operations_created: 0 });
    expect(await operationsOf(pool)).toHaveLength(2);

    const runs = await api.db
      .selectFrom('job_runs')
      .select(['job', 'tick', 'status'])
      .where('job', '=', 'sync-pool-schedules')
      .orderBy('tick')
      .execute();
    expect(runs.map((r) => r.tick)).toEqual(['2026-03-02T09:59:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-02T10:01:00.000Z']);
    const listed = (await jobs())['sync-pool-schedules'];
    expect(listed).toMatchObject({
      schedule: '* * * * *',
      enabled: true,
      next_run: '2026-03-02T10:02:00.000Z',
      last_run: { tick: '2026-03-02T10:01:00.000Z', status: 'succeeded' },
    });
  });

  it('an endpoint silent for offline_after minutes goes offline once, with an event and a WebSocket message', async () => {
    const pool = await makePool(api);
    const quiet = await makeEndpoint(api, pool);
    const chatty = await makeEndpoint(api, pool);
    await report(quiet, OLD);
    await report(chatty, OLD);
    const messages: { type: string; data: Record<string, unknown> }[] = [];
    api.app.deps.services.notifier.subscribe((n) => messages.push(n));

    api.clock.advance(9 * MINUTE);
    await report(chatty, OLD);
    await runDue();
    expect((await api.db.selectFrom('endpoints').select('status').where('id', '=', quiet.id).executeTakeFirstOrThrow()).status).toBe('online');

    api.clock.advance(2 * MINUTE); // quiet: 11 minutes of silence; chatty: 2
    const out = await runDue();
    expect(out.find((o) => o.job === 'detect-offline-endpoints')?.counts).toEqual({ endpoints_offline: 1 });
    const statuses = Object.fromEntries(
      (await api.db.selectFrom('endpoints').select(['id', 'status']).where('pool_id', '=', pool).execute()).map((r) => [r.id, r.status]),
    );
    expect(statuses).toEqual({ [quiet.id]: 'offline', [chatty.id]: 'online' });
    const events = await api.db
      .selectFrom('system_events')
      .select(['event_type', 'endpoint_id', 'severity'])
      .where('event_type', '=', 'endpoint_offline')
      .execute();
    expect(events).toEqual([{ event_type: 'endpoint_offline', endpoint_id: quiet.id, severity: 'warning' }]);
    expect(messages.filter((m) => m.type === 'endpoint_status').map((m) => [m.data.endpoint_id, m.data.status])).toEqual([[quiet.id, 'offline']]);

    api.clock.advance(MINUTE);
    await runDue();
    expect(await api.db.selectFrom('system_events').select('id').where('event_type', '=', 'endpoint_offline').execute()).toHaveLength(1);
    // Heard from again: online.
    await report(quiet, OLD);
    expect((await api.db.selectFrom('endpoints').select('status').where('id', '=', quiet.id).executeTakeFirstOrThrow()).status).toBe('online');
  });

  it('an operation without progress for sync_timeout minutes fails with a clear message and the drift is recomputed', async () => {
    const pool = await makePool(api);
    const ref = await makeEndpoint(api, pool);
    await report(ref, TARGET);
    expect((await api.request('POST', `/endpoints/${ref.id}/set-latest`, { key: ref.key, body: {} })).statusCode).toBe(201);
    const ep = await makeEndpoint(api, pool);
    await report(ep, OLD);
    const created = await api.request<{ operation: { id: string } }>('POST', `/endpoints/${ep.id}/sync`, { key: ep.key, body: {} });
    const opId = created.json().data.operation.id;
    expect((await api.request('POST', `/operations/${opId}/progress`, { key: ep.key, body: { progress: 20, step: 'downloading' } })).statusCode).toBe(
      200,
    );
    expect((await api.db.selectFrom('endpoints').select('sync_status').where('id', '=', ep.id).executeTakeFirstOrThrow()).sync_status).toBe(
      'sync_pending',
    );

    api.clock.advance(29 * MINUTE);
    await runDue();
    expect((await api.db.selectFrom('sync_operations').select('status').where('id', '=', opId).executeTakeFirstOrThrow()).status).toBe('in_progress');

    api.clock.advance(2 * MINUTE);
    const out = await runDue();
    expect(out.find((o) => o.job === 'fail-stale-operations')?.counts).toEqual({ operations_failed: 1, operations_expired: 0 });
    const op = await api.db
      .selectFrom('sync_operations')
      .select(['status', 'error_message', 'completed_at'])
      .where('id', '=', opId)
      .executeTakeFirstOrThrow();
    expect(op.status).toBe('failed');
    expect(op.error_message).toContain('no progress from the agent for 30 minute(s) (sync_timeout)');
    expect(op.completed_at).not.toBeNull();
    const after = await api.db.selectFrom('endpoints').select(['sync_status', 'status']).where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(after).toEqual({ sync_status: 'behind', status: 'error' });
    expect(await api.db.selectFrom('system_events').select('severity').where('event_type', '=', 'operation_timed_out').execute()).toEqual([
      { severity: 'error' },
    ]);
    // The agent's late word is refused: the operation is over.
    const late = await api.request('POST', `/operations/${opId}/complete`, { key: ep.key, body: {} });
    expect(late.statusCode).toBe(422);
    // A new sync may start.
    expect((await api.request('POST', `/endpoints/${ep.id}/sync`, { key: ep.key, body: {} })).statusCode).toBe(201);

    const listed = await jobs();
    expect(listed['fail-stale-operations']?.last_run).toMatchObject({ status: 'succeeded', counts: { operations_failed: 1 } });
  });

  it('a job that throws is recorded failed with its message, and the others still run', async () => {
    await api.db
      .insertInto('pools')
      .values({ id: '6f1c2f7e-0000-4000-8000-000000000001', name: 'broken', settings: { auto_sync: true, sync_schedule: '* * * * *' } })
      .execute();
    const original = api.app.deps.services.syncs.syncAll.bind(api.app.deps.services.syncs);
    api.app.deps.services.syncs.syncAll = async () => {
      throw new Error('disk on fire');
    };
    try {
      api.clock.advance(MINUTE);
      const out = await runDue();
      expect(out.find((o) => o.job === 'sync-pool-schedules')).toMatchObject({
        status: 'failed',
        error_message: expect.stringContaining("pool 'broken': disk on fire"),
      });
      expect(out.find((o) => o.job === 'detect-offline-endpoints')?.status).toBe('succeeded');
      expect((await jobs())['sync-pool-schedules']?.last_run).toMatchObject({
        status: 'failed',
        error_message: expect.stringContaining("pool 'broken': disk on fire"),
      });
      // Readiness says so (degraded, still 200) and /metrics counts it.
      const ready = await api.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().data.status).toBe('degraded');
      expect(ready.json().data.jobs.find((j: JobView) => j.name === 'sync-pool-schedules').last_run.status).toBe('failed');
      // (the error text only for keys: /health/ready is public)
      expect(ready.body).not.toContain('disk on fire');
      const metrics = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
      expect(metrics).toContain('pacman_sync_job_runs{job="sync-pool-schedules",status="failed"} 1');
      expect(metrics).toMatch(/pacman_sync_job_runs\{job="detect-offline-endpoints",status="succeeded"\} [1-9]/);
    } finally {
      api.app.deps.services.syncs.syncAll = original;
    }
  });

  it('the alert job raises an alert once across ticks and readiness is degraded meanwhile', async () => {
    await api.close();
    api = await createTestApp(dialect, { clock: fakeClock('2026-03-02T09:59:30.000Z'), env: { PACSYNC_ALERTS_DATABASE_SIZE: '64KiB' } });
    for (let i = 0; i < 3; i += 1) {
      api.clock.advance(MINUTE);
      expect((await runDue()).find((o) => o.job === 'evaluate-alerts')?.status).toBe('succeeded');
    }
    const raised = await api.db.selectFrom('system_events').select(['severity']).where('event_type', '=', 'alert_raised').execute();
    expect(raised).toHaveLength(1);
    const ready = (await api.app.inject({ method: 'GET', url: '/health/ready' })).json().data;
    expect(ready.status).toBe('degraded');
    expect(ready.alerts.map((a: { name: string }) => a.name)).toEqual(['database_size']);
    expect((await jobs())['evaluate-alerts']?.last_run?.counts).toMatchObject({ active: 1 });
  });

  it('the retention job runs at its daily tick (03:30 UTC) with the same rules as db cleanup', async () => {
    const old = new Date(api.clock.now().getTime() - 40 * 24 * 60 * MINUTE).toISOString();
    await api.db
      .insertInto('system_events')
      .values({ id: '6f1c2f7e-0000-4000-8000-000000000010', event_type: 'pool_created', severity: 'info', message: 'old', created_at: old })
      .execute();
    await api.db
      .insertInto('system_events')
      .values({
        id: '6f1c2f7e-0000-4000-8000-000000000011',
        event_type: 'operation_failed',
        severity: 'error',
        message: 'old but an error',
        created_at: old,
      })
      .execute();
    await api.db
      .insertInto('job_runs')
      .values({
        id: '6f1c2f7e-0000-4000-8000-000000000012',
        job: 'evaluate-alerts',
        tick: old,
        instance: 'x',
        status: 'succeeded',
        started_at: old,
        finished_at: old,
      })
      .execute();
    // Today's 03:30 tick was before the fake clock's start: the first runDue catches it up.
    const first = (await runDue()).find((o) => o.job === 'clean-up-retention');
    expect(first).toMatchObject({ tick: '2026-03-02T03:30:00.000Z', status: 'succeeded', counts: { system_events: 1, job_runs: 1 } });
    const left = await api.db
      .selectFrom('system_events')
      .select('message')
      .where('id', 'in', ['6f1c2f7e-0000-4000-8000-000000000010', '6f1c2f7e-0000-4000-8000-000000000011'])
      .execute();
    expect(left).toEqual([{ message: 'old but an error' }]);
    api.clock.advance(60 * MINUTE);
    expect((await runDue()).find((o) => o.job === 'clean-up-retention')).toBeUndefined();
    api.clock.set('2026-03-03T03:30:10.000Z');
    expect((await runDue()).find((o) => o.job === 'clean-up-retention')?.tick).toBe('2026-03-03T03:30:00.000Z');
    expect((await jobs())['clean-up-retention']).toMatchObject({ schedule: '30 3 * * *', enabled: true, next_run: '2026-03-04T03:30:00.000Z' });
  });

  it('a run left running by a dead instance is marked failed after an hour', async () => {
    await api.db
      .insertInto('job_runs')
      .values({
        id: '6f1c2f7e-0000-4000-8000-000000000002',
        job: 'detect-offline-endpoints',
        tick: '2026-03-02T08:00:00.000Z',
        instance: 'gone:8080',
        status: 'running',
        started_at: '2026-03-02T08:00:01.000Z',
      })
      .execute();
    await runDue();
    const row = await api.db.selectFrom('job_runs').select(['status', 'error_message']).where('instance', '=', 'gone:8080').executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.error_message).toContain('server instance running it stopped');
  });

  it('pool settings refuse an unknown time zone, naming the field', async () => {
    const res = await api.request('POST', '/pools', { body: { name: 'tz', settings: { schedule_timezone: 'Mars/Olympus' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error?.message).toContain('settings.schedule_timezone');
    // A schedule the scheduler could not run is refused too, not saved to never fire.
    const stepped = await api.request('POST', '/pools', { body: { name: 'stepped', settings: { sync_schedule: '0/15 * * * *' } } });
    expect(stepped.statusCode, stepped.body).toBe(400);
    expect(stepped.json().error?.message).toContain('settings.sync_schedule');
  });
});

describe('jobs switched off', () => {
  it('auto_cleanup_old_states = false: the retention job is listed disabled and deletes nothing', async () => {
    const api = await createTestApp('sqlite', { env: { PACSYNC_FEATURES_AUTO_CLEANUP_OLD_STATES: 'false' } });
    try {
      expect((await api.app.deps.jobs.runDue()).map((o) => o.job)).not.toContain('clean-up-retention');
      const res = await api.request<JobView[]>('GET', '/jobs');
      expect(res.json().data.find((j) => j.name === 'clean-up-retention')).toMatchObject({ enabled: false, next_run: null });
    } finally {
      await api.close();
    }
  });

  it('[jobs] enabled = false lists the jobs as disabled and runs none', async () => {
    const api = await createTestApp('sqlite', { env: { PACSYNC_JOBS_ENABLED: 'false' } });
    try {
      expect(await api.app.deps.jobs.runDue()).toEqual([]);
      const res = await api.request<JobView[]>('GET', '/jobs');
      expect(res.json().data.every((j) => !j.enabled && j.next_run === null)).toBe(true);
    } finally {
      await api.close();
    }
  });
});

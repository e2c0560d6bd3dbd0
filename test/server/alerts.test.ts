// Alerts (issue #12, item 6): a reading over its `[alerts]` threshold raises the alert — one
// `alert_raised` event however often it is evaluated, also by a restarted server — makes
// /health/ready `degraded` (still 200) and shows in GET /api/v1/alerts; once the reading is back
// under (a higher threshold after a restart, or time passing until the failures leave the
// window) one `alert_cleared` event is written and readiness is `ready` again.
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/dialect.js';
import { AlertService } from '../../src/server/services/alert.service.js';
import type { AlertThresholds } from '../../src/server/services/alert-checks.js';
import { createTestApp, refusedWithoutWrites, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/database.js';

interface Ready {
  status: string;
  alerts: { name: string; severity: string; active: boolean; value: number; threshold: number; message: string }[];
  pool: { max: number; open: number; in_use: number; waiting: number };
  database: { reachable: boolean };
}

describe.each(DIALECTS)('alerts (%s)', (dialect) => {
  let api: TestApp;
  afterEach(() => api.close());

  const ready = async () => {
    const res = await api.app.inject({ method: 'GET', url: '/health/ready' });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { data: Ready }).data;
  };
  const events = async (type: string) =>
    api.db.selectFrom('system_events').select(['severity', 'message', 'details', 'user_id']).where('event_type', '=', type).execute();
  /** The alert service a server restarted with other thresholds would have. */
  const restartedWith = (changes: Partial<AlertThresholds>) =>
    new AlertService({ db: api.db, clock: api.clock }, dialect, { ...api.config.alerts, ...changes });

  it(
    'a database over alerts.database_size: degraded with one event, however ' +
      'often evaluated; a higher threshold clears it with one recovery event',
    async () => {
      api = await createTestApp(dialect, { env: { PACSYNC_ALERTS_DATABASE_SIZE: '1KiB' } });
      const before = await ready();
      expect(before).toMatchObject({ status: 'ready', alerts: [], database: { reachable: true } });
      expect(before.pool).toEqual(dialect === 'pg' ? expect.objectContaining({ max: 5, waiting: 0 }) : { max: 1, open: 1, in_use: 0, waiting: 0 });

      const { alerts } = api.app.deps.services;
      // Two instances evaluating the same minute: one raise between them.
      const [mine, other] = await Promise.all([alerts.evaluate(), restartedWith({}).evaluate()]);
      expect([...mine.raised, ...other.raised]).toEqual(['database_size']);
      expect(mine).toMatchObject({ active: ['database_size'], errors: [] });
      for (let i = 0; i < 3; i++) {
        api.clock.advance(60_000);
        expect(await alerts.evaluate()).toMatchObject({ raised: [], active: ['database_size'] });
      }
      // A restarted server (same thresholds) finds it raised and writes nothing either.
      expect((await restartedWith({}).evaluate()).raised).toEqual([]);
      const raised = await events('alert_raised');
      expect(raised).toHaveLength(1);
      expect(raised[0]).toMatchObject({ severity: 'warning', user_id: 'system', details: { alert: 'database_size', threshold: 1024 } });
      expect(raised[0]?.message).toMatch(/^alert database_size raised: database size [\d.]+ (KiB|MiB) \(threshold 1 KiB: alerts\.database_size\)$/);

      const degraded = await ready();
      expect(degraded.status).toBe('degraded');
      expect(degraded.alerts).toEqual([expect.objectContaining({ name: 'database_size', severity: 'warning', active: true, threshold: 1024 })]);
      expect(degraded.alerts[0]?.value).toBeGreaterThan(1024);
      const listed = await api.request<{ items: Ready['alerts'] }>('GET', '/alerts');
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.json().data.items.map((a) => [a.name, a.active])).toEqual([['database_size', true]]);

      // Restarted with the seed's 10 GiB: cleared once.
      const relaxed = restartedWith({ database_size: 10 * 1024 ** 3 });
      api.clock.advance(60_000);
      expect(await relaxed.evaluate()).toMatchObject({ cleared: ['database_size'], active: [] });
      expect((await relaxed.evaluate()).cleared).toEqual([]);
      expect(await alerts.active()).toEqual([]);
      const cleared = await events('alert_cleared');
      expect(cleared).toHaveLength(1);
      expect(cleared[0]).toMatchObject({ severity: 'info', details: { alert: 'database_size', threshold: 10 * 1024 ** 3 } });
      expect(await events('alert_raised')).toHaveLength(1);
      expect(await ready()).toMatchObject({ status: 'ready', alerts: [] });
      expect((await api.request<{ items: unknown[] }>('GET', '/alerts')).json().data.items).toEqual([]);
      const recent = await api.request<{ items: Ready['alerts'] }>('GET', '/alerts', { query: { include_cleared: 'true' } });
      expect(recent.json().data.items.map((a) => [a.name, a.active])).toEqual([['database_size', false]]);
    },
  );

  it('failed operations over the rate in the window raise it (not below the minimum count); it clears once they leave the window', async () => {
    api = await createTestApp(dialect, {
      env: {
        PACSYNC_ALERTS_FAILED_OPERATION_PERCENT: '25',
        PACSYNC_ALERTS_FAILED_OPERATION_WINDOW: '30',
        PACSYNC_ALERTS_FAILED_OPERATION_MIN_COUNT: '4',
      },
    });
    const { alerts } = api.app.deps.services;
    const finish = async (status: 'completed' | 'failed', type = 'sync_to_latest') => {
      const at = api.clock.now();
      await api.db
        .insertInto('sync_operations')
        .values({ id: newId(), operation_type: type, status, started_at: new Date(at.getTime() - 30_000), completed_at: at, created_at: at })
        .execute();
    };
    // 1 failure of 1, then of 3: too few to say anything.
    await finish('failed');
    await finish('completed');
    await finish('completed');
    expect((await alerts.evaluate()).active).toEqual([]);
    // Set-latest records are complete when stored: they do not dilute the rate.
    for (let i = 0; i < 5; i++) await finish('completed', 'set_as_latest');
    await finish('failed');
    // 2 of 4 sync operations failed: 50 % > 25 %.
    api.clock.advance(5 * 60_000);
    expect(await alerts.evaluate()).toMatchObject({ raised: ['failed_operations'] });
    expect((await alerts.evaluate()).raised).toEqual([]);
    const degraded = await ready();
    expect(degraded.status).toBe('degraded');
    expect(degraded.alerts).toEqual([expect.objectContaining({ name: 'failed_operations', value: 50, threshold: 25 })]);
    expect(degraded.alerts[0]?.message).toContain('2 of 4 sync/revert operations failed in the last 30 min');

    // 26 minutes on, the window (30 min) no longer holds them.
    api.clock.advance(26 * 60_000);
    expect(await alerts.evaluate()).toMatchObject({ cleared: ['failed_operations'] });
    await alerts.evaluate();
    expect(await events('alert_raised')).toHaveLength(1);
    expect(await events('alert_cleared')).toHaveLength(1);
    expect((await ready()).status).toBe('ready');

    // A new episode is a new raise (and a new event).
    for (const s of ['failed', 'failed', 'failed', 'completed'] as const) await finish(s);
    expect((await alerts.evaluate()).raised).toEqual(['failed_operations']);
    expect(await events('alert_raised')).toHaveLength(2);
  });

  it.runIf(dialect === 'pg')('a query running longer than alerts.slow_query_ms raises slow_queries while it runs', async () => {
    api = await createTestApp(dialect, { env: { PACSYNC_ALERTS_SLOW_QUERY_MS: '200' } });
    const { alerts } = api.app.deps.services;
    expect((await alerts.evaluate()).active).toEqual([]);
    const { sql } = await import('kysely');
    const slow = sql`SELECT pg_sleep(2.5)`.execute(api.db);
    let raised: string[] = [];
    for (let i = 0; i < 40 && raised.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      raised = (await alerts.evaluate()).raised;
    }
    expect(raised).toEqual(['slow_queries']);
    expect((await alerts.active())[0]).toMatchObject({ name: 'slow_queries', threshold: 200, details: { queries: 1 } });
    await slow;
    expect((await alerts.evaluate()).cleared).toEqual(['slow_queries']);
  });

  it.runIf(dialect === 'sqlite')('connections and running queries do not apply to SQLite: never raised', async () => {
    api = await createTestApp(dialect, { env: { PACSYNC_ALERTS_CONNECTION_PERCENT: '1', PACSYNC_ALERTS_SLOW_QUERY_MS: '1' } });
    expect(await api.app.deps.services.alerts.evaluate()).toEqual({ raised: [], cleared: [], active: [], errors: [] });
  });

  it.runIf(dialect === 'pg')('connections over alerts.connection_percent of max_connections raise connection_usage', async () => {
    api = await createTestApp(dialect, { env: { PACSYNC_ALERTS_CONNECTION_PERCENT: '1' } });
    const { sql } = await import('kysely');
    const max = Number((await sql<{ max_connections: string }>`SHOW max_connections`.execute(api.db)).rows[0]?.max_connections);
    // Hold enough connections of the app's pool (5) to be over 1 % of max_connections.
    const need = Math.min(5, Math.floor(max / 100) + 1);
    const held = Array.from({ length: need }, () => sql`SELECT pg_sleep(1)`.execute(api.db));
    await new Promise((r) => setTimeout(r, 200));
    const result = await api.app.deps.services.alerts.evaluate();
    await Promise.all(held);
    const [alert] = await api.app.deps.services.alerts.active();
    expect(result.raised).toEqual(['connection_usage']);
    expect(alert).toMatchObject({ name: 'connection_usage', severity: 'critical', threshold: 1, details: { max_connections: max } });
  });

  it('GET /alerts refuses bad query input with a 400 naming it, writing nothing', async () => {
    api = await createTestApp(dialect);
    for (const [query, mentions] of [
      ['include_cleared=maybe', 'include_cleared'],
      ['cleared_within=0', 'cleared_within'],
      ['cleared_within=lots', 'cleared_within'],
      ['severity=critical', 'severity'],
    ] as const) {
      await refusedWithoutWrites(api, { method: 'GET', path: `/alerts?${query}`, options: {}, status: 400, mentions });
    }
  });
});

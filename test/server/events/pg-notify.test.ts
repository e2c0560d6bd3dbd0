// Realtime messages across server instances on one PostgreSQL (issue #15): what one instance
// publishes reaches the listeners of another (through LISTEN/NOTIFY) and its own exactly once; a
// message over NOTIFY's 8000-byte limit arrives whole; after the listening connection is killed
// (as by a database restart) the instance listens again by itself and later messages arrive.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/db/database.js';
import { type App, buildApp } from '../../../src/server/app.js';
import type { Notification } from '../../../src/server/events/notifier.js';
import { PgNotifyTransport } from '../../../src/server/events/pg-notify-transport.js';
import { createTestApp, type TestApp, testConfig } from '../../support/app.js';
import { makeEndpoint, makePool } from '../../support/api-fixtures.js';
import { state } from '../../support/package-states.js';

describe('events across instances (pg)', () => {
  let one: TestApp;
  let two: App;
  beforeEach(async () => {
    one = await createTestApp('pg');
    const url = one.database.url as string;
    two = await buildApp({ database: openDatabase({ dialect: 'pg', url, poolMax: 3 }), config: testConfig({ DATABASE_URL: url }), clock: one.clock });
    await Promise.all([transportOf(one.app).ready, transportOf(two).ready]);
  });
  afterEach(async () => {
    await two.close();
    await two.deps.database.destroy();
    await one.close();
  });

  const transportOf = (app: App) => app.deps.services.notifier.transport as PgNotifyTransport;
  const listen = (app: App) => {
    const got: Required<Notification>[] = [];
    app.deps.services.notifier.subscribe((n) => got.push(n));
    return got;
  };

  it("a state report on one instance reaches the other instance's listeners, and its own once", async () => {
    const pool = await makePool(one);
    const ref = await makeEndpoint(one, pool);
    expect((await one.request('POST', `/endpoints/${ref.id}/state`, { key: ref.key, body: state({ bash: '5.2.026-2' }) })).statusCode).toBe(200);
    expect((await one.request('POST', `/endpoints/${ref.id}/set-latest`, { key: ref.key, body: {} })).statusCode).toBe(201);
    const ep = await makeEndpoint(one, pool);
    const onOne = listen(one.app);
    const onTwo = listen(two);
    const res = await one.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: state({ bash: '5.2.015-1' }) });
    expect(res.statusCode, res.body).toBe(200);
    await vi.waitFor(() => expect(onTwo.some((n) => n.type === 'sync_status' && n.data.endpoint_id === ep.id)).toBe(true), { timeout: 5000 });
    const mine = onOne.filter((n) => n.type === 'sync_status' && n.data.endpoint_id === ep.id);
    await new Promise((r) => setTimeout(r, 200)); // the echo would have come back by now
    expect(onOne.filter((n) => n.type === 'sync_status' && n.data.endpoint_id === ep.id)).toHaveLength(mine.length);
    expect(onTwo.filter((n) => n.type === 'sync_status' && n.data.endpoint_id === ep.id)).toEqual(mine);
  });

  it('a message larger than NOTIFY allows arrives whole', async () => {
    const onTwo = listen(two);
    const big = 'x'.repeat(20_000);
    one.app.deps.services.notifier.publish({ type: 'pool_update', channels: ['pool.big'], data: { big } });
    await vi.waitFor(() => expect(onTwo.find((n) => n.channels[0] === 'pool.big')?.data.big).toBe(big), { timeout: 5000 });
  });

  it('garbage NOTIFYs on the channel (any database role may send them) are ignored, and later messages still arrive', async () => {
    const onTwo = listen(two);
    for (const payload of ['null', '1', '"x"', '{"o":"someone","ref":"not-a-uuid"}', '{"o":"someone","n":{"type":"pool_update"}}', 'not json']) {
      await sql`SELECT pg_notify('pacsync_events', ${payload})`.execute(one.db);
    }
    one.app.deps.services.notifier.publish({ type: 'pool_update', channels: ['pool.later'], data: { n: 1 } });
    await vi.waitFor(() => expect(onTwo.some((n) => n.channels[0] === 'pool.later')).toBe(true), { timeout: 5000 });
    expect(onTwo.filter((n) => n.channels[0] !== 'pool.later')).toEqual([]);
  });

  it('after its listening connection is killed, an instance listens again and hears later messages', async () => {
    const onTwo = listen(two);
    const t = transportOf(two);
    await one.db.executeQuery({
      sql: "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pacsync-server events' AND datname = current_database()",
      parameters: [],
      query: { kind: 'RawNode' } as never,
    } as never);
    await vi.waitFor(() => expect(t.reconnects).toBeGreaterThan(0), { timeout: 5000 });
    await vi.waitFor(() => expect(t.listening).toBe(true), { timeout: 10_000 });
    await transportOf(one.app).ready;
    one.app.deps.services.notifier.publish({ type: 'pool_update', channels: ['pool.after'], data: { n: 1 } });
    await vi.waitFor(() => expect(onTwo.some((n) => n.channels[0] === 'pool.after')).toBe(true), { timeout: 5000 });
  });
});

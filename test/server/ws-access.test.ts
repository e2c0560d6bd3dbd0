// The WebSocket follows the keys and memberships behind its sockets: a revoked (or expired) key's
// socket is closed with WS_CLOSE_ACCESS_REVOKED and hears nothing more, also when the key was
// revoked by another process (re-checked on subscribe and periodically); a deleted endpoint's
// socket is closed; an endpoint moved to another pool loses its old pool's subscription, is told,
// and no longer hears that pool's news.
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WS_CLOSE_ACCESS_REVOKED } from '../../src/contracts/realtime.contract.js';
import { deactivateApiKey } from '../../src/db/api-key.repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { connectWs, type WsTestClient } from '../support/ws-client.js';

describe.each(DIALECTS)('WebSocket access changes (%s)', (dialect) => {
  let api: TestApp;
  let url: string;
  let pool: string;
  let other: string;
  let pokes = 0;

  beforeEach(async () => {
    api = await createTestApp(dialect);
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    url = `ws://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/api/v1/ws`;
    pool = await makePool(api);
    other = await makePool(api);
  });
  afterEach(() => api.close());

  /** Makes pool `id` publish a pool_update (its exclusions change, so its drift is recomputed). */
  async function poke(id: string): Promise<void> {
    pokes += 1;
    const res = await api.request('PUT', `/pools/${id}`, { body: { settings: { excluded_packages: [`poke-${pokes}`] } } });
    expect(res.statusCode).toBe(200);
  }

  /** The pool_update messages `c` received for `channel` after a ping round trip (a fence). */
  async function poolUpdates(c: WsTestClient, channel: string): Promise<number> {
    c.send({ action: 'ping' });
    await c.next((m) => m.type === 'pong');
    return c.messages.filter((m) => m.type === 'pool_update' && m.channel === channel).length;
  }

  it('a revoked read key’s socket is closed with a code and reason and hears no more pool news', async () => {
    const read = await makeKey(api, 'read');
    const revoked = await connectWs(url, { key: read.key });
    const witness = await connectWs(url, { key: api.adminKey });
    expect((await revoked.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    expect((await witness.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    await poke(pool);
    await revoked.next((m) => m.type === 'pool_update');

    expect((await api.request('DELETE', `/keys/${read.id}`)).statusCode).toBe(200);
    expect(await revoked.closed).toEqual({ code: WS_CLOSE_ACCESS_REVOKED, reason: 'API key has been revoked' });
    expect(revoked.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'AUTHENTICATION_REQUIRED', message: 'API key has been revoked' } });
    const heard = revoked.messages.length;

    await poke(pool);
    await witness.next((m) => m.type === 'pool_update');
    await witness.next((m) => m.type === 'pool_update');
    expect(revoked.messages.length).toBe(heard);
    expect(api.app.deps.services.realtime.subscribers(`pool.${pool}`)).toBe(1);
    await witness.close();
  });

  it('a key revoked by another process is refused at its next subscribe, and an idle one at the periodic re-check', async () => {
    const a = await makeKey(api, 'read');
    const b = await makeKey(api, 'read');
    const busy = await connectWs(url, { key: a.key });
    const idle = await connectWs(url, { key: b.key });
    expect((await busy.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    expect((await idle.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    // As `pacsync-server keys revoke` does from its own process: no notification reaches this one.
    await deactivateApiKey(api.db, a.id);
    await deactivateApiKey(api.db, b.id);

    busy.send({ action: 'subscribe', channel: `pool.${other}` });
    expect((await busy.next((m) => m.type === 'error')).error).toEqual({ code: 'AUTHENTICATION_REQUIRED', message: 'API key has been revoked' });
    expect((await busy.closed).code).toBe(WS_CLOSE_ACCESS_REVOKED);
    expect(busy.messages.some((m) => m.type === 'subscribed' && m.channel === `pool.${other}`)).toBe(false);

    await api.app.deps.services.realtime.recheckAll();
    expect(await idle.closed).toEqual({ code: WS_CLOSE_ACCESS_REVOKED, reason: 'API key has been revoked or has expired' });
    expect(api.app.deps.services.realtime.subscribers(`pool.${pool}`)).toBe(0);
  });

  it('a key that expires while connected stops hearing at its expiry', async () => {
    const soon = await makeKey(api, 'read', { expires_at: new Date(api.clock.now().getTime() + 3_600_000).toISOString() });
    const c = await connectWs(url, { key: soon.key });
    expect((await c.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    api.clock.advance(2 * 3_600_000);
    await poke(pool);
    expect(await c.closed).toEqual({ code: WS_CLOSE_ACCESS_REVOKED, reason: 'API key has expired' });
    expect(c.messages.filter((m) => m.type === 'pool_update')).toEqual([]);
  });

  it('an endpoint moved to another pool loses its old pool’s subscription, is told, and no longer hears that pool', async () => {
    const ep = await makeEndpoint(api, pool);
    const c = await connectWs(url, { key: ep.key });
    expect((await c.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    await poke(pool);
    expect(await poolUpdates(c, `pool.${pool}`)).toBe(1);

    expect((await api.request('POST', `/pools/${other}/endpoints`, { body: { endpoint_id: ep.id } })).statusCode).toBe(200);
    const told = await c.next((m) => m.type === 'unsubscribed');
    expect(told).toMatchObject({ channel: `pool.${pool}`, reason: 'endpoint moved to another pool', data: { pool_id: other } });
    await poke(pool);
    expect(await poolUpdates(c, `pool.${pool}`)).toBe(1);
    expect((await c.subscribe(`pool.${pool}`)).error?.code).toBe('INSUFFICIENT_PERMISSIONS');
    expect((await c.subscribe(`pool.${other}`)).type).toBe('subscribed');

    // Moved by an endpoint update, and out of any pool: the same.
    expect((await api.request('PUT', `/endpoints/${ep.id}`, { body: { pool_id: null } })).statusCode).toBe(200);
    expect(await c.next((m) => m.type === 'unsubscribed')).toMatchObject({ channel: `pool.${other}`, data: { pool_id: null } });
    await poke(other);
    expect(await poolUpdates(c, `pool.${other}`)).toBe(0);
    expect(c.messages.some((m) => m.type === 'error' && m.error?.code === 'AUTHENTICATION_REQUIRED')).toBe(false);
    await c.close();
  });

  it('a deleted endpoint’s socket is closed, and other subscribers to it are told', async () => {
    const ep = await makeEndpoint(api, pool);
    const own = await connectWs(url, { key: ep.key });
    const admin = await connectWs(url, { key: api.adminKey });
    expect((await own.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    expect((await admin.subscribe(`endpoint.${ep.id}`)).type).toBe('subscribed');

    expect((await api.request('DELETE', `/endpoints/${ep.id}`)).statusCode).toBe(200);
    expect(await own.closed).toEqual({ code: WS_CLOSE_ACCESS_REVOKED, reason: 'endpoint deleted' });
    expect(await admin.next((m) => m.type === 'unsubscribed')).toMatchObject({ channel: `endpoint.${ep.id}`, reason: 'endpoint deleted' });
    expect(api.app.deps.services.realtime.subscribers(`pool.${pool}`)).toBe(0);
    await admin.close();
  });
});

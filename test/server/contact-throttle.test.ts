// Reads must not write (issue #17): api_keys.last_used and endpoints.last_seen are written at
// most once a minute per key/endpoint (a quarter of offline_after when that is shorter), decided
// from the stored value, so several instances on one database throttle alike — and a heartbeating
// endpoint still never looks silent to the detect-offline-endpoints job.
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../src/server/app.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';

describe.each(DIALECTS)('contact bookkeeping (%s)', (dialect) => {
  let api: TestApp;
  let second: App | null = null;
  afterEach(async () => {
    await second?.close();
    second = null;
    await api.close();
  });

  const rowsOf = async (endpointId: string) => ({
    endpoint: await api.db.selectFrom('endpoints').selectAll().where('id', '=', endpointId).executeTakeFirstOrThrow(),
    keys: await api.db.selectFrom('api_keys').selectAll().orderBy('id').execute(),
  });

  it('a minute of GETs by an endpoint and a read key writes neither last_seen nor last_used after the first', async () => {
    api = await createTestApp(dialect);
    const ep = await makeEndpoint(api, null);
    const reader = await makeKey(api, 'read');
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    await api.request('GET', `/endpoints/${ep.id}`, { key: reader.key });
    const before = await rowsOf(ep.id);
    for (let i = 0; i < 60; i++) {
      api.clock.advance(999);
      expect((await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key })).statusCode).toBe(200);
      expect((await api.request('GET', '/endpoints', { key: reader.key })).statusCode).toBe(200);
    }
    expect(await rowsOf(ep.id)).toEqual(before);
    api.clock.advance(60); // a minute after the first request
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    const after = await rowsOf(ep.id);
    expect(after.endpoint.last_seen).toBe(api.clock.now().toISOString());
  });

  it('a heartbeat about every minute keeps the endpoint online through offline detection; silence makes it offline', async () => {
    api = await createTestApp(dialect, { env: { PACSYNC_FEATURES_OFFLINE_AFTER: '4' } });
    const ep = await makeEndpoint(api, null);
    const upkeep = api.app.deps.services.upkeep;
    const seenValues = new Set<string>();
    const status = async () => api.db.selectFrom('endpoints').select(['status', 'last_seen']).where('id', '=', ep.id).executeTakeFirstOrThrow();
    // 30 minutes: a heartbeat every 59 s, so every other one falls inside the resolution and is
    // not written; the job runs between heartbeats.
    for (let beat = 0; beat < 30; beat++) {
      await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
      api.clock.advance(30_000);
      await upkeep.markSilentEndpointsOffline(api.clock.now());
      const s = await status();
      expect(s.status, `after heartbeat ${beat}`).toBe('online');
      seenValues.add(s.last_seen ?? '');
      api.clock.advance(29_000);
    }
    // About every other heartbeat was written, never two within a minute.
    expect(seenValues.size).toBeGreaterThanOrEqual(14);
    expect(seenValues.size).toBeLessThanOrEqual(16);
    const written = [...seenValues].map((t) => Date.parse(t)).sort((a, b) => a - b);
    written.slice(1).forEach((t, i) => expect(t - (written[i] as number)).toBeGreaterThanOrEqual(60_000));
    // Silence: offline once offline_after minutes have passed since the last contact written.
    api.clock.advance(2 * 60_000);
    await upkeep.markSilentEndpointsOffline(api.clock.now());
    expect((await status()).status).toBe('online');
    api.clock.advance(2 * 60_000);
    expect(await upkeep.markSilentEndpointsOffline(api.clock.now())).toEqual({ endpoints_offline: 1 });
    expect((await status()).status).toBe('offline');
    // The next contact is written at once, whatever the throttle.
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect(await status()).toEqual({ status: 'online', last_seen: api.clock.now().toISOString() });
  });

  it('with a short offline_after the resolution shrinks to a quarter of it', async () => {
    api = await createTestApp(dialect, { env: { PACSYNC_FEATURES_OFFLINE_AFTER: '1' } });
    const ep = await makeEndpoint(api, null);
    const lastSeen = async () =>
      (await api.db.selectFrom('endpoints').select('last_seen').where('id', '=', ep.id).executeTakeFirstOrThrow()).last_seen;
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    const first = await lastSeen();
    api.clock.advance(14_999);
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect(await lastSeen()).toBe(first);
    api.clock.advance(1);
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect(await lastSeen()).toBe(api.clock.now().toISOString());
    // Heartbeats every 30 s: never offline.
    for (let i = 0; i < 20; i++) {
      api.clock.advance(30_000);
      await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
      await api.app.deps.services.upkeep.markSilentEndpointsOffline(api.clock.now());
    }
    expect((await api.db.selectFrom('endpoints').select('status').where('id', '=', ep.id).executeTakeFirstOrThrow()).status).toBe('online');
  });

  it('two instances on one database share the throttle: one write a minute between them', async () => {
    api = await createTestApp(dialect);
    second = await buildApp({ database: api.database.handle, config: api.config, clock: api.clock });
    const ep = await makeEndpoint(api, null);
    const instances = [api.app, second];
    const lastSeen = async () =>
      (await api.db.selectFrom('endpoints').select('last_seen').where('id', '=', ep.id).executeTakeFirstOrThrow()).last_seen;
    const writes = new Set<string>();
    for (let i = 0; i < 120; i++) {
      const app = instances[i % 2] as App;
      const res = await app.inject({ method: 'GET', url: `/api/v1/endpoints/${ep.id}`, headers: { authorization: `Bearer ${ep.key}` } });
      expect(res.statusCode).toBe(200);
      writes.add((await lastSeen()) ?? '');
      api.clock.advance(5_000);
    }
    // 10 minutes of requests every 5 s from alternating instances: one last_seen a minute.
    expect(writes.size).toBe(10);
  });
});

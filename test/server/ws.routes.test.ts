// The WebSocket at /api/v1/ws against a listening server: authentication (header or ?token=, never
// logged), channel scoping per key (refusals are messages, the connection stays usable), the
// messages services publish after their transaction commits — and none for a refused request.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';
import { connectWs, refusedUpgrade } from '../support/ws-client.js';

describe.each(DIALECTS)('WebSocket (%s)', (dialect) => {
  let api: TestApp;
  let url: string;
  const logs: string[] = [];
  let pool: string;
  let other: string;
  let ep: { id: string; key: string };
  let stranger: { id: string; key: string };

  beforeAll(async () => {
    api = await createTestApp(dialect, { logSink: (line) => logs.push(line) });
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    url = `ws://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/api/v1/ws`;
    pool = await makePool(api);
    other = await makePool(api);
    ep = await makeEndpoint(api, pool);
    stranger = await makeEndpoint(api, other);
    await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: state({ bash: '5.2.026-2' }) });
    await api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: {} });
  });
  afterAll(() => api.close());

  it('refuses an upgrade without a valid key (401) and accepts the key as a header or ?token=, which is never logged', async () => {
    expect(await refusedUpgrade(url)).toBe(401);
    expect(await refusedUpgrade(url, { authorization: 'Bearer psk_not-a-real-key-at-all-xxxxxxxx' })).toBe(401);
    expect(await refusedUpgrade(`${url}?token=psk_not-a-real-key-at-all-xxxxxxxx`)).toBe(401);

    const byHeader = await connectWs(url, { key: ep.key });
    const welcome = await byHeader.next((m) => m.type === 'welcome');
    expect(welcome.data?.channels).toEqual([`endpoint.${ep.id}`, `pool.${pool}`]);
    await byHeader.close();

    const byToken = await connectWs(`${url}?token=${encodeURIComponent(api.adminKey)}`);
    expect((await byToken.next((m) => m.type === 'welcome')).data?.channels).toEqual(['pool.*', 'endpoint.*']);
    expect((await byToken.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    await byToken.close();

    const text = logs.join('\n');
    expect(text).toContain('/api/v1/ws?token=[redacted]');
    expect(text).not.toContain(api.adminKey);
    expect(text).not.toContain(ep.key);
  });

  it('a plain GET answers the channels the key may use', async () => {
    const res = await api.request<{ channels: string[]; message_types: string[] }>('GET', '/ws', { key: ep.key });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      channels: [`endpoint.${ep.id}`, `pool.${pool}`],
      message_types: ['sync_status', 'pool_update', 'endpoint_status', 'operation_progress'],
    });
  });

  it('an endpoint key subscribes to its own endpoint and pool only; refusals and bad messages do not close the socket', async () => {
    const c = await connectWs(url, { key: ep.key });
    expect((await c.subscribe(`endpoint.${ep.id}`)).type).toBe('subscribed');
    expect((await c.subscribe(`pool.${pool}`)).type).toBe('subscribed');
    for (const channel of [`endpoint.${stranger.id}`, `pool.${other}`]) {
      const refused = await c.subscribe(channel);
      expect(refused).toMatchObject({ type: 'error', channel, error: { code: 'INSUFFICIENT_PERMISSIONS' } });
    }
    c.sendRaw('{not json');
    expect((await c.next((m) => m.type === 'error')).error?.message).toContain('not valid JSON');
    c.send({ action: 'subscribe', channel: 'pools.everything' });
    expect((await c.next((m) => m.type === 'error')).error?.message).toContain('channel');
    c.send({ action: 'dance' });
    expect((await c.next((m) => m.type === 'error')).error?.message).toContain('action');
    c.send({ action: 'ping' });
    expect((await c.next((m) => m.type === 'pong')).type).toBe('pong');
    await c.close();

    const enroll = await connectWs(url, { key: (await makeKey(api, 'enroll')).key });
    expect((await enroll.subscribe(`pool.${pool}`)).error?.code).toBe('INSUFFICIENT_PERMISSIONS');
    await enroll.close();
    const admin = await connectWs(url, { key: api.adminKey });
    expect((await admin.subscribe('pool.00000000-0000-4000-8000-000000000000')).error?.code).toBe('RESOURCE_NOT_FOUND');
    await admin.close();
  });

  it('an operation’s progress and its endpoint’s status reach subscribers; a refused request publishes nothing', async () => {
    const c = await connectWs(url, { key: (await makeKey(api, 'read')).key });
    await c.subscribe(`endpoint.${ep.id}`);
    // Refused (nothing to promote from a state without zsh): no message may leave.
    const refused = await api.request('POST', `/endpoints/${ep.id}/set-latest`, { key: ep.key, body: { packages: ['zsh'] } });
    expect(refused.statusCode).toBe(400);

    const op = (await api.request<{ operation: { id: string } }>('POST', `/endpoints/${ep.id}/sync`, { key: ep.key, body: {} })).json().data.operation
      .id;
    const created = await c.next((m) => m.type === 'operation_progress');
    expect(created).toMatchObject({ channel: `endpoint.${ep.id}`, data: { operation_id: op, status: 'pending' } });
    expect((await c.next((m) => m.type === 'sync_status')).data).toMatchObject({ sync_status: 'sync_pending', previous_sync_status: 'in_sync' });
    // The refused request came first, yet nothing of it was published.
    expect(c.messages.filter((m) => m.type === 'pool_update')).toEqual([]);

    await api.request('POST', `/operations/${op}/progress`, { key: ep.key, body: { progress: 40, step: 'installing', current_package: 'bash' } });
    expect((await c.next((m) => m.type === 'operation_progress')).data).toMatchObject({
      operation_id: op,
      status: 'in_progress',
      progress: 40,
      step: 'installing',
      current_package: 'bash',
    });
    await api.request('POST', `/operations/${op}/fail`, { key: ep.key, body: { error_message: 'error: target not found: bash' } });
    expect((await c.next((m) => m.type === 'operation_progress')).data).toMatchObject({
      status: 'failed',
      error_message: 'error: target not found: bash',
    });
    expect((await c.next((m) => m.type === 'endpoint_status')).data).toMatchObject({
      endpoint_id: ep.id,
      status: 'error',
      previous_status: 'online',
    });
    expect((await c.next((m) => m.type === 'sync_status')).data).toMatchObject({ sync_status: 'in_sync', previous_sync_status: 'sync_pending' });

    c.send({ action: 'unsubscribe', channel: `endpoint.${ep.id}` });
    await c.next((m) => m.type === 'unsubscribed');
    const count = c.messages.length;
    await api.request('POST', `/endpoints/${ep.id}/sync`, { key: ep.key, body: {} });
    c.send({ action: 'ping' });
    await c.next((m) => m.type === 'pong');
    expect(c.messages.slice(count).map((m) => m.type)).toEqual(['pong']);
    await c.close();
  });
});

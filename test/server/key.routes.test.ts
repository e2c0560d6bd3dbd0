// API keys over HTTP: creation per role and its rules, shown-once secrets, expiry, revocation,
// last_used bookkeeping, the first-start admin key, and secrets never reaching the log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';

interface KeyData {
  id: string;
  name: string;
  role: string;
  pool_id: string | null;
  endpoint_id: string | null;
  is_active: boolean;
  last_used: string | null;
  expires_at: string | null;
  api_key?: string;
}

describe.each(DIALECTS)('API keys (%s)', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect);
  });
  afterEach(() => api.close());

  it('creates keys of each role; the secret is in the creation answer only', async () => {
    const pool = await makePool(api);
    const ep = await makeEndpoint(api, pool);
    const bodies = [
      { role: 'admin', name: 'second admin' },
      { role: 'read', name: 'grafana' },
      { role: 'enroll', name: 'lab enrollment', pool_id: pool, expires_at: '2024-02-01T00:00:00Z' },
      { role: 'endpoint', name: 'rotated', endpoint_id: ep.id },
    ];
    const secrets: string[] = [];
    for (const body of bodies) {
      const res = await api.request<KeyData>('POST', '/keys', { body });
      expect(res.statusCode, res.body).toBe(201);
      const k = res.json().data;
      expect(k).toMatchObject({
        role: body.role,
        name: body.name,
        is_active: true,
        pool_id: body.pool_id ?? null,
        endpoint_id: body.endpoint_id ?? null,
      });
      expect(k.api_key).toMatch(/^psk_/);
      secrets.push(k.api_key ?? '');
    }
    const list = await api.request<KeyData[]>('GET', '/keys');
    // + the bootstrap admin; the endpoint's first key is revoked by the new one (issue #10).
    expect(list.json().data).toHaveLength(5);
    expect((await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key })).statusCode).toBe(401);
    for (const k of list.json().data)
      expect(Object.keys(k).sort()).toEqual([
        'auto_approve',
        'created_at',
        'endpoint_id',
        'expires_at',
        'id',
        'is_active',
        'last_used',
        'max_uses',
        'name',
        'pool_id',
        'role',
        'uses',
      ]);
    const everything = [list.body, (await api.request('GET', '/events?limit=1000')).body].join('\n');
    for (const s of secrets) expect(everything).not.toContain(s);
    expect((await api.request<KeyData[]>('GET', '/keys?role=enroll')).json().data.map((k) => k.name)).toEqual(['lab enrollment']);
    // A new endpoint key works as that endpoint, and becomes the endpoint's own-key hash.
    expect((await api.request('GET', `/endpoints/${ep.id}`, { key: secrets[3] ?? '' })).statusCode).toBe(200);
  });

  it('enforces which scope fits which role', async () => {
    const pool = await makePool(api);
    const before = await api.rowCounts();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ role: 'endpoint', name: 'x' }, 400, /^endpoint_id: is required/],
      [{ role: 'read', name: 'x', pool_id: pool }, 400, /^pool_id: is only allowed for role enroll/],
      [{ role: 'enroll', name: 'x', endpoint_id: pool }, 400, /^endpoint_id: is only allowed for role endpoint/],
      [{ role: 'enroll', name: 'x', pool_id: '00000000-0000-4000-8000-000000000001' }, 404, /pool/],
      [{ role: 'endpoint', name: 'x', endpoint_id: '00000000-0000-4000-8000-000000000001' }, 404, /endpoint/],
      [{ role: 'read', name: 'x', expires_at: '2024-01-15T09:59:59Z' }, 400, /^expires_at: must be in the future/],
    ];
    for (const [body, status, message] of cases) {
      const res = await api.request('POST', '/keys', { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error?.message).toMatch(message);
    }
    expect(await api.rowCounts()).toEqual(before);
  });

  it('an expiring key works until its expiry, then is refused as expired', async () => {
    const res = await api.request<KeyData>('POST', '/keys', { body: { role: 'read', name: 'temp', expires_at: '2024-01-15T11:00:00Z' } });
    const key = res.json().data.api_key ?? '';
    expect((await api.request('GET', '/pools', { key })).statusCode).toBe(200);
    api.clock.set('2024-01-15T11:00:00Z');
    const late = await api.request('GET', '/pools', { key });
    expect(late.statusCode).toBe(401);
    expect(late.json().error).toMatchObject({ code: 'AUTHENTICATION_REQUIRED', message: 'API key has expired' });
  });

  it('revokes keys at once, keeps them listed with include_revoked, and keeps the last admin key', async () => {
    const res = await api.request<KeyData>('POST', '/keys', { body: { role: 'read', name: 'old' } });
    const { id, api_key: key } = res.json().data;
    expect((await api.request('GET', '/pools', { key })).statusCode).toBe(200);
    const del = await api.request<KeyData>('DELETE', `/keys/${id}`);
    expect(del.json().data.is_active).toBe(false);
    const after = await api.request('GET', '/pools', { key });
    expect(after.statusCode).toBe(401);
    expect(after.json().error?.message).toBe('API key has been revoked');
    expect((await api.request<KeyData[]>('GET', '/keys')).json().data.map((k) => k.id)).not.toContain(id);
    expect((await api.request<KeyData[]>('GET', '/keys?include_revoked=true')).json().data.map((k) => k.id)).toContain(id);
    expect((await api.request('DELETE', '/keys/00000000-0000-4000-8000-000000000001')).statusCode).toBe(404);

    const admins = (await api.request<KeyData[]>('GET', '/keys?role=admin')).json().data;
    expect(admins).toHaveLength(1);
    const last = await api.request('DELETE', `/keys/${admins[0]?.id}`);
    expect(last.statusCode).toBe(409);
    expect((await api.request('GET', '/keys')).statusCode).toBe(200);
    const [revoked] = (await api.request<{ items: { details: Record<string, unknown> }[] }>('GET', '/events?event_type=api_key_revoked')).json().data
      .items;
    expect(revoked?.details).toMatchObject({ key_id: id, role: 'read', name: 'old' });
  });

  it('records last_used at most once a minute', async () => {
    const res = await api.request<KeyData>('POST', '/keys', { body: { role: 'read', name: 'ui' } });
    const { id, api_key: key } = res.json().data;
    const lastUsed = async () => (await api.db.selectFrom('api_keys').select('last_used').where('id', '=', id).executeTakeFirstOrThrow()).last_used;
    expect(await lastUsed()).toBeNull();
    await api.request('GET', '/pools', { key });
    const first = api.clock.now().toISOString();
    expect(await lastUsed()).toBe(first);
    api.clock.advance(30_000);
    await api.request('GET', '/pools', { key });
    expect(await lastUsed()).toBe(first);
    api.clock.advance(30_000);
    await api.request('GET', '/pools', { key });
    expect(await lastUsed()).toBe(api.clock.now().toISOString());
  });

  it('first start: PACSYNC_ADMIN_KEY becomes the admin key only while no admin key exists', async () => {
    const keys = api.app.deps.services.apiKeys;
    const configured = 'my-long-configured-admin-secret-0123';
    // An admin key exists already (the test harness made one): nothing happens.
    expect(await keys.ensureAdminKey(configured)).toEqual({ created: false });
    expect((await api.request('GET', '/keys', { key: configured })).statusCode).toBe(401);
    // Without a usable admin key (the only one expired), the configured key becomes one.
    await api.db.updateTable('api_keys').set({ expires_at: '2024-01-01T00:00:00.000Z' }).execute();
    const boot = await keys.ensureAdminKey(configured);
    expect(boot).toMatchObject({ created: true, source: 'config' });
    expect((await api.request('GET', '/keys', { key: configured })).statusCode).toBe(200);
    expect(await keys.ensureAdminKey(configured)).toEqual({ created: false });
    await expect(keys.ensureAdminKey('short')).rejects.toThrow(/PACSYNC_ADMIN_KEY: must be at least 24/);
  });

  it('first start: instances bootstrapping the same PACSYNC_ADMIN_KEY at once all start', async () => {
    const keys = api.app.deps.services.apiKeys;
    const configured = 'my-long-configured-admin-secret-0123';
    // Three instances behind one load balancer start together: whichever commits first makes
    // the key, and the others (which saw no admin key a statement earlier) must not call it revoked.
    for (let round = 0; round < 15; round++) {
      await api.db.updateTable('api_keys').set({ expires_at: '2024-01-01T00:00:00.000Z' }).execute();
      await api.db.deleteFrom('api_keys').where('name', '=', 'admin (PACSYNC_ADMIN_KEY)').execute();
      const boots = await Promise.allSettled([1, 2, 3, 4].map(() => keys.ensureAdminKey(configured)));
      expect(boots.filter((b) => b.status === 'rejected')).toEqual([]);
      expect(boots.filter((b) => b.status === 'fulfilled' && b.value.created)).toHaveLength(1);
    }
    expect((await api.request('GET', '/keys', { key: configured })).statusCode).toBe(200);
  });

  it('never writes a key to the log', async () => {
    const lines: string[] = [];
    const logged = await createTestApp(dialect, { logSink: (l) => lines.push(l) });
    try {
      const pool = await makePool(logged, 'lab');
      const created = await logged.request<KeyData>('POST', '/keys', { body: { role: 'enroll', name: 'lab', pool_id: pool } });
      const enrollKey = created.json().data.api_key ?? '';
      const reg = await logged.request<{ api_key: string; id: string }>('POST', '/endpoints', {
        key: enrollKey,
        body: { name: 'ws', hostname: 'ws' },
      });
      const endpointKey = reg.json().data.api_key;
      await logged.request('GET', `/endpoints/${reg.json().data.id}`, { key: endpointKey });
      await logged.request('GET', '/keys', { key: endpointKey }); // 403
      await logged.request('GET', '/pools', { key: `${enrollKey}x` }); // 401 unknown key
      await logged.request('GET', '/pools', { headers: { authorization: `Basic ${endpointKey}` }, key: null }); // malformed
      await logged.request('POST', '/pools', { rawBody: `{"name": "${endpointKey}`, key: logged.adminKey }); // bad JSON containing a key
      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThan(10);
      expect(text).toContain('/api/v1/endpoints');
      for (const secret of [logged.adminKey, enrollKey, endpointKey]) {
        expect(secret.length).toBeGreaterThan(40);
        expect(text).not.toContain(secret);
        expect(text).not.toContain(secret.slice(4));
      }
    } finally {
      await logged.close();
    }
  });
});

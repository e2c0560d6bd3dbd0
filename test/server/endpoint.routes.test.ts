// Endpoints over HTTP: registration (and the enroll key's pool binding), list filters and
// pagination, detail with recent activity, update rules, deletion, and agent contact.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/db/dialect.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { state } from '../support/package-states.js';
import { DIALECTS } from '../support/database.js';

interface EndpointData {
  id: string;
  name: string;
  hostname: string;
  pool_id: string | null;
  status: string;
  sync_status: string;
  last_seen: string | null;
  system_info: Record<string, unknown>;
  api_key?: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(DIALECTS)('endpoints (%s)', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect);
  });
  afterEach(() => api.close());

  it('registration takes the pool by name too; an unknown name is a 404, both forms a 400, nothing written', async () => {
    const pool = await makePool(api, 'lab-by-name');
    const res = await api.request<EndpointData>('POST', '/endpoints', { body: { name: 'named-01', hostname: 'n1.lan', pool: 'lab-by-name' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().data.pool_id).toBe(pool);
    const before = await api.rowCounts();
    const unknown = await api.request('POST', '/endpoints', { body: { name: 'named-02', hostname: 'n2.lan', pool: 'no-such-pool' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error?.message).toContain('no-such-pool');
    const both = await api.request('POST', '/endpoints', { body: { name: 'named-03', hostname: 'n3.lan', pool: 'lab-by-name', pool_id: pool } });
    expect(both.statusCode).toBe(400);
    expect(both.json().error?.message).toMatch(/^body\.pool: /);
    expect(await api.rowCounts()).toEqual(before);
    // An enroll key's pool by name too.
    const key = await api.request<{ pool_id: string }>('POST', '/keys', { body: { role: 'enroll', name: 'lab', pool: 'lab-by-name' } });
    expect(key.statusCode, key.body).toBe(201);
    expect(key.json().data.pool_id).toBe(pool);
  });

  it("system_info.total_packages follows the machine's reports (never a count beside a different one)", async () => {
    const pool = await makePool(api);
    const res = await api.request<EndpointData>('POST', '/endpoints', {
      body: { name: 'ws-02', hostname: 'ws-02.lan', pool_id: pool, system_info: { architecture: 'x86_64', total_packages: 5 } },
    });
    const ep = { id: res.json().data.id, key: res.json().data.api_key ?? '' };
    const report = await api.request('POST', `/endpoints/${ep.id}/state`, {
      key: ep.key,
      body: state({ a: '1-1', b: '1-1', c: '1-1', d: '1-1', e: '1-1', f: '1-1' }),
    });
    expect(report.statusCode, report.body).toBe(200);
    const detail = (await api.request<EndpointData & { package_summary: { total_packages: number } }>('GET', `/endpoints/${ep.id}`)).json().data;
    expect(detail.system_info).toMatchObject({ architecture: 'x86_64', total_packages: 6 });
  });

  it('registers a machine and answers its own key once; only the key hash is stored', async () => {
    const pool = await makePool(api);
    const res = await api.request<EndpointData>('POST', '/endpoints', {
      body: {
        name: 'ws-01',
        hostname: 'ws-01.lab.example.org',
        pool_id: pool,
        system_info: { architecture: 'x86_64', kernel: '6.7.1-arch1-1', custom: { gpu: 'none' } },
      },
    });
    expect(res.statusCode).toBe(201);
    const ep = res.json().data;
    expect(ep).toMatchObject({
      name: 'ws-01',
      pool_id: pool,
      status: 'online',
      sync_status: 'unknown',
      system_info: { architecture: 'x86_64', custom: { gpu: 'none' } },
    });
    const key = ep.api_key ?? '';
    expect(key).toMatch(/^psk_[A-Za-z0-9_-]{43}$/);

    // The key works for the endpoint itself…
    expect((await api.request('GET', `/endpoints/${ep.id}`, { key })).statusCode).toBe(200);
    // …and is stored only as its SHA-256, in both places.
    const row = await api.db.selectFrom('endpoints').select('api_key_hash').where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(row.api_key_hash).toBe(sha256(key));
    const keyRow = await api.db.selectFrom('api_keys').selectAll().where('endpoint_id', '=', ep.id).executeTakeFirstOrThrow();
    expect(keyRow.key_hash).toBe(sha256(key));
    expect(JSON.stringify(keyRow)).not.toContain(key);
    // No later answer carries it.
    for (const path of [`/endpoints/${ep.id}`, '/endpoints', '/keys', '/events', `/pools/${pool}`]) {
      expect((await api.request('GET', path)).body, path).not.toContain(key);
    }
  });

  it('an enroll key bound to a pool registers into that pool only', async () => {
    const lab = await makePool(api);
    const office = await makePool(api);
    const enroll = await makeKey(api, 'enroll', { pool_id: lab });
    const unbound = await api.request<EndpointData>('POST', '/endpoints', { key: enroll.key, body: { name: 'a', hostname: 'a' } });
    expect(unbound.statusCode).toBe(201);
    expect(unbound.json().data.pool_id).toBe(lab);

    const before = await api.rowCounts();
    const elsewhere = await api.request('POST', '/endpoints', { key: enroll.key, body: { name: 'b', hostname: 'b', pool_id: office } });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error?.message).toContain(lab);
    expect(await api.rowCounts()).toEqual(before);

    const anyPool = await makeKey(api, 'enroll');
    api.clock.advance(1000);
    const free = await api.request<EndpointData>('POST', '/endpoints', { key: anyPool.key, body: { name: 'c', hostname: 'c', pool_id: office } });
    expect(free.json().data.pool_id).toBe(office);
    const [event] = (
      await api.request<{ items: { details: Record<string, unknown>; user_id: string }[] }>('GET', '/events?event_type=endpoint_registered&limit=1')
    ).json().data.items;
    expect(event?.details).toMatchObject({ name: 'c', registered_with: 'enroll' });
    expect(event?.user_id).toContain(anyPool.id);
  });

  it('refuses a name that is taken instead of taking the endpoint over', async () => {
    const first = await makeEndpoint(api, null, 'ws-01');
    const before = await api.rowCounts();
    const again = await api.request('POST', '/endpoints', { body: { name: 'ws-01', hostname: 'elsewhere' } });
    expect(again.statusCode).toBe(409);
    expect(await api.rowCounts()).toEqual(before);
    expect((await api.request('GET', `/endpoints/${first.id}`, { key: first.key })).statusCode).toBe(200);
  });

  it('lists with filters and limit/offset pagination', async () => {
    const lab = await makePool(api);
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo'];
    const ids: Record<string, string> = {};
    for (const n of names) ids[n] = (await makeEndpoint(api, n === 'echo' ? null : lab, n)).id;
    await api.db
      .updateTable('endpoints')
      .set({ sync_status: 'behind' })
      .where('id', 'in', [ids.bravo ?? '', ids.delta ?? ''])
      .execute();
    await api.db
      .updateTable('endpoints')
      .set({ status: 'offline' })
      .where('id', '=', ids.charlie ?? '')
      .execute();
    type Page = { items: EndpointData[]; total: number; limit: number; offset: number; has_more: boolean };
    const get = async (q: string) => (await api.request<Page>('GET', `/endpoints${q}`)).json().data;

    const p1 = await get('?limit=2');
    expect(p1).toMatchObject({ total: 5, limit: 2, offset: 0, has_more: true });
    expect(p1.items.map((e) => e.name)).toEqual(['alpha', 'bravo']);
    const p3 = await get('?limit=2&offset=4');
    expect(p3.items.map((e) => e.name)).toEqual(['echo']);
    expect(p3.has_more).toBe(false);
    expect((await get(`?pool_id=${lab}`)).total).toBe(4);
    expect((await get('?sync_status=behind')).items.map((e) => e.name)).toEqual(['bravo', 'delta']);
    expect((await get('?status=offline')).items.map((e) => e.name)).toEqual(['charlie']);
    expect((await get(`?pool_id=${lab}&sync_status=behind&status=online`)).total).toBe(2);
    expect((await get('?search=HAR')).items.map((e) => e.name)).toEqual(['charlie']);
    expect((await get('?search=%25')).total).toBe(0);
  });

  it('shows recent operations and events, newest first', async () => {
    const pool = await makePool(api);
    const ep = await makeEndpoint(api, pool);
    for (let i = 0; i < 12; i++) {
      await api.db
        .insertInto('sync_operations')
        .values({
          id: newId(),
          pool_id: pool,
          endpoint_id: ep.id,
          operation_type: 'sync_to_latest',
          status: 'completed',
          progress: 100,
          details: { n: i },
          created_at: new Date(Date.UTC(2024, 0, 1, i)),
        })
        .execute();
    }
    const res = await api.request<{
      recent_activity: { operations: { details: { n: number } }[]; events: { event_type: string }[] };
      pool: { id: string };
    }>('GET', `/endpoints/${ep.id}`);
    const data = res.json().data;
    expect(data.pool.id).toBe(pool);
    expect(data.recent_activity.operations.map((o) => o.details.n)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    expect(data.recent_activity.events.map((e) => e.event_type)).toEqual(['endpoint_registered']);
  });

  it('the endpoint may update itself but not move itself to another pool; admin may', async () => {
    const lab = await makePool(api);
    const office = await makePool(api);
    const ep = await makeEndpoint(api, lab, 'ws-01');
    const self = await api.request<EndpointData>('PUT', `/endpoints/${ep.id}`, {
      key: ep.key,
      body: { hostname: 'ws-01.new', system_info: { kernel: '6.8.0' } },
    });
    expect(self.statusCode).toBe(200);
    expect(self.json().data).toMatchObject({ hostname: 'ws-01.new', system_info: { kernel: '6.8.0' }, pool_id: lab });

    const before = await api.rowCounts();
    const move = await api.request('PUT', `/endpoints/${ep.id}`, { key: ep.key, body: { pool_id: office } });
    expect(move.statusCode).toBe(403);
    expect(await api.rowCounts()).toEqual(before);

    api.clock.advance(1000);
    const admin = await api.request<EndpointData>('PUT', `/endpoints/${ep.id}`, { body: { pool_id: office, name: 'ws-01b' } });
    expect(admin.json().data).toMatchObject({ pool_id: office, name: 'ws-01b' });
    await makeEndpoint(api, null, 'taken');
    expect((await api.request('PUT', `/endpoints/${ep.id}`, { body: { name: 'taken' } })).statusCode).toBe(409);
    const updates = (await api.request<{ items: { details: { changed: string[] } }[] }>('GET', '/events?event_type=endpoint_updated')).json().data
      .items;
    expect(updates.map((e) => e.details.changed)).toEqual([
      ['name', 'pool_id'],
      ['hostname', 'system_info'],
    ]);
  });

  it('deleting an endpoint removes its key with it', async () => {
    const ep = await makeEndpoint(api, await makePool(api));
    const del = await api.request('DELETE', `/endpoints/${ep.id}`, { key: ep.key });
    expect(del.statusCode).toBe(200);
    const after = await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect(after.statusCode).toBe(401);
    expect((await api.request('GET', `/endpoints/${ep.id}`)).statusCode).toBe(404);
    const keys = await api.db.selectFrom('api_keys').select('id').where('endpoint_id', '=', ep.id).execute();
    expect(keys).toEqual([]);
  });

  it('agent contact marks the endpoint online and refreshes last_seen (at most once a minute)', async () => {
    const ep = await makeEndpoint(api, null);
    const seen = async () => api.db.selectFrom('endpoints').select(['status', 'last_seen']).where('id', '=', ep.id).executeTakeFirstOrThrow();
    await api.db.updateTable('endpoints').set({ status: 'offline' }).where('id', '=', ep.id).execute();
    api.clock.advance(3_600_000);
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect(await seen()).toEqual({ status: 'online', last_seen: api.clock.now().toISOString() });

    const at = api.clock.now().toISOString();
    api.clock.advance(5_000);
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect((await seen()).last_seen).toBe(at);
    api.clock.advance(54_999);
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect((await seen()).last_seen).toBe(at);
    api.clock.advance(1);
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect((await seen()).last_seen).toBe(api.clock.now().toISOString());

    // A machine in error stays in error until a report or operation clears it.
    await api.db.updateTable('endpoints').set({ status: 'error' }).where('id', '=', ep.id).execute();
    api.clock.advance(60_000);
    await api.request('GET', `/endpoints/${ep.id}`, { key: ep.key });
    expect(await seen()).toEqual({ status: 'error', last_seen: api.clock.now().toISOString() });
    // Admin requests are not agent contact.
    await api.db.updateTable('endpoints').set({ status: 'offline' }).where('id', '=', ep.id).execute();
    await api.request('GET', `/endpoints/${ep.id}`);
    expect((await seen()).status).toBe('offline');
  });
});

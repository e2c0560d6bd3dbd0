// The fleet-wide lists of the web UI: endpoints sorted by a column (`sort`, `order`, ties by id,
// never-seen endpoints the oldest) and every pool's operations (`GET /operations` with filters).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, refusedWithoutWrites, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

describe.each(DIALECTS)('fleet lists (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect);
  });
  afterAll(() => api.close());

  const get = async <T>(path: string, key = api.adminKey) => {
    const res = await api.request<T>('GET', path, { key });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().data;
  };
  const names = async (query: string) => (await get<{ items: { name: string }[] }>(`/endpoints?${query}`)).items.map((e) => e.name);
  const report = async (ep: { id: string; key: string }, packages: Record<string, string>) => {
    const res = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body: state(packages) });
    expect(res.statusCode, res.body).toBe(200);
  };

  it('sorts endpoints by name, last_seen, status, sync_status or created_at, either way, ties by id', async () => {
    const pool = await makePool(api);
    // Created in this order, a minute apart: charlie, alpha, delta, bravo.
    const eps: Record<string, { id: string; key: string }> = {};
    api.clock.set('2026-06-01T10:00:00Z');
    for (const n of ['charlie', 'alpha', 'delta', 'bravo']) {
      eps[n] = await makeEndpoint(api, pool, `sort-${n}-${dialect}`);
      api.clock.advance(60_000);
    }
    // Seen: delta first, then charlie; alpha and bravo never (registration counts as contact, so
    // their last_seen is cleared the way a row from before that rule has it).
    await api.db.updateTable('endpoints').set({ last_seen: null, status: 'offline' }).where('id', 'in', [eps.alpha!.id, eps.bravo!.id]).execute();
    api.clock.set('2026-06-01T11:00:00Z');
    await report(eps.delta!, { bash: '5.2-1' });
    api.clock.set('2026-06-01T12:00:00Z');
    await report(eps.charlie!, { bash: '5.2-1' });
    await api.db.updateTable('endpoints').set({ status: 'error' }).where('id', '=', eps.charlie!.id).execute();
    const short = (list: string[]) => list.map((n) => n.split('-')[1]);
    const q = `pool_id=${pool}`;

    expect(short(await names(q))).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
    expect(short(await names(`${q}&sort=name&order=desc`))).toEqual(['delta', 'charlie', 'bravo', 'alpha']);
    expect(short(await names(`${q}&sort=created_at`))).toEqual(['charlie', 'alpha', 'delta', 'bravo']);
    expect(short(await names(`${q}&sort=created_at&order=desc`))).toEqual(['bravo', 'delta', 'alpha', 'charlie']);
    // Never seen = the oldest, on both engines; the two never-seen ones are ordered by id.
    const neverSeen = [eps.alpha!, eps.bravo!].sort((a, b) => (a.id < b.id ? -1 : 1)).map((e) => Object.keys(eps).find((n) => eps[n] === e));
    expect(short(await names(`${q}&sort=last_seen`))).toEqual([...neverSeen, 'delta', 'charlie']);
    expect(short(await names(`${q}&sort=last_seen&order=desc`))).toEqual(['charlie', 'delta', ...[...neverSeen].reverse()]);
    // status: error < offline < online (alphabetical), ties by id.
    const byStatus = await get<{ items: { name: string; status: string; id: string }[] }>(`/endpoints?${q}&sort=status&order=desc`);
    expect(byStatus.items.map((e) => e.status)).toEqual(['online', 'offline', 'offline', 'error']);
    const offline = byStatus.items.filter((e) => e.status === 'offline').map((e) => e.id);
    expect(offline).toEqual([...offline].sort().reverse());
    const bySync = await get<{ items: { sync_status: string }[] }>(`/endpoints?${q}&sort=sync_status`);
    const sync = bySync.items.map((e) => e.sync_status);
    expect(sync).toEqual([...sync].sort());
    // Pages of a sorted list neither repeat nor skip an endpoint.
    const pages = [...(await names(`${q}&sort=status&limit=2`)), ...(await names(`${q}&sort=status&limit=2&offset=2`))];
    expect(short(pages).sort()).toEqual(['alpha', 'bravo', 'charlie', 'delta']);
  });

  it('refuses an unknown sort column or order, naming the field, and writes nothing', async () => {
    await refusedWithoutWrites(api, {
      method: 'GET',
      path: '/endpoints?sort=hostname',
      options: { key: api.adminKey },
      status: 400,
      mentions: 'sort',
    });
    await refusedWithoutWrites(api, {
      method: 'GET',
      path: '/endpoints?sort=name&order=up',
      options: { key: api.adminKey },
      status: 400,
      mentions: 'order',
    });
  });

  it("lists every pool's operations, newest first, filtered by status, type, pool or endpoint", async () => {
    const poolA = await makePool(api);
    const poolB = await makePool(api);
    api.clock.set('2026-06-02T10:00:00Z');
    const refA = await makeEndpoint(api, poolA);
    await report(refA, { bash: '5.2-2' });
    const setA = await api.request<{ operation_id?: string }>('POST', `/endpoints/${refA.id}/set-latest`, { key: refA.key, body: {} });
    expect(setA.statusCode, setA.body).toBe(201);
    api.clock.advance(60_000);
    const refB = await makeEndpoint(api, poolB);
    await report(refB, { bash: '5.2-2' });
    expect((await api.request('POST', `/endpoints/${refB.id}/set-latest`, { key: refB.key, body: {} })).statusCode).toBe(201);
    api.clock.advance(60_000);
    const member = await makeEndpoint(api, poolB);
    await report(member, { bash: '5.2-1' });
    const sync = await api.request<{ operation: { id: string } }>('POST', `/endpoints/${member.id}/sync`, { key: member.key, body: {} });
    expect(sync.statusCode, sync.body).toBe(201);

    type Ops = { items: { pool_id: string; endpoint_id: string; operation_type: string; status: string }[]; total: number };
    const mine = (ops: Ops) =>
      ops.items
        .filter((o) => o.pool_id === poolA || o.pool_id === poolB)
        .map((o) => `${o.pool_id === poolA ? 'A' : 'B'} ${o.operation_type} ${o.status}`);
    const { key: readKey } = await makeKey(api, 'read');
    expect(mine(await get<Ops>('/operations?limit=200', readKey))).toEqual([
      'B sync_to_latest pending',
      'B set_as_latest completed',
      'A set_as_latest completed',
    ]);
    expect(mine(await get<Ops>(`/operations?pool_id=${poolB}`))).toEqual(['B sync_to_latest pending', 'B set_as_latest completed']);
    expect((await get<Ops>(`/operations?pool_id=${poolB}`)).total).toBe(2);
    expect(mine(await get<Ops>(`/operations?endpoint_id=${refA.id}`))).toEqual(['A set_as_latest completed']);
    expect(mine(await get<Ops>(`/operations?pool_id=${poolB}&status=pending`))).toEqual(['B sync_to_latest pending']);
    expect(mine(await get<Ops>(`/operations?pool_id=${poolB}&operation_type=set_as_latest`))).toEqual(['B set_as_latest completed']);
    const page2 = await get<Ops & { has_more: boolean }>(`/operations?pool_id=${poolB}&limit=1&offset=1`);
    expect(mine(page2)).toEqual(['B set_as_latest completed']);
    expect(page2.has_more).toBe(false);
  });

  it('refuses bad operation filters, naming the field', async () => {
    await refusedWithoutWrites(api, {
      method: 'GET',
      path: '/operations?status=done',
      options: { key: api.adminKey },
      status: 400,
      mentions: 'status',
    });
    await refusedWithoutWrites(api, {
      method: 'GET',
      path: '/operations?pool_id=lab',
      options: { key: api.adminKey },
      status: 400,
      mentions: 'pool_id',
    });
    await refusedWithoutWrites(api, { method: 'GET', path: '/operations?limit=0', options: { key: api.adminKey }, status: 400, mentions: 'limit' });
  });
});

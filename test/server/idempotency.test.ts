// Idempotency keys (issue #16): an agent retrying a state report or an operation's
// progress/complete/fail with the same `Idempotency-Key` — because the server died after its
// commit and before its reply, or the answer timed out — gets the first answer again and nothing
// is written twice. Sending the request twice with the same key is exactly what such a retry looks
// like to the server. Also: a key reused for another request is refused, a malformed key is a 400,
// and a request without a key behaves as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectRefused, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

const TARGET = state({ bash: '5.2.026-2', glibc: '2.39-1', curl: '8.6.0-1' });
const OLD = state({ bash: '5.2.015-1', glibc: '2.39-1' });

describe.each(DIALECTS)('idempotency keys (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect);
  });
  afterAll(() => api.close());

  type Who = { id: string; key: string };
  const post = (path: string, who: Who, body: unknown, key?: string) =>
    api.request<any>('POST', path, { key: who.key, body, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });
  const count = async (table: 'package_states' | 'system_events' | 'idempotency_keys', where?: [string, string]) => {
    let q = api.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (where) q = q.where(where[0] as never, '=', where[1] as never);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };

  /** A pool with a target, a member at OLD and a pending sync of it. */
  const pendingSync = async () => {
    const pool = await makePool(api);
    const ref = await makeEndpoint(api, pool);
    expect((await post(`/endpoints/${ref.id}/state`, ref, TARGET)).statusCode).toBe(200);
    expect((await post(`/endpoints/${ref.id}/set-latest`, ref, {})).statusCode).toBe(201);
    const ep = await makeEndpoint(api, pool);
    expect((await post(`/endpoints/${ep.id}/state`, ep, OLD)).statusCode).toBe(200);
    const created = await post(`/endpoints/${ep.id}/sync`, ep, {});
    expect(created.statusCode).toBe(201);
    return { ep, opId: created.json().data.operation.id as string };
  };

  it('a state report retried with its key answers as the first did (changed: true, same state) and stores one state', async () => {
    const ep = await makeEndpoint(api, await makePool(api));
    const first = await post(`/endpoints/${ep.id}/state`, ep, OLD, 'report-1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const states = await count('package_states', ['endpoint_id', ep.id]);

    const retry = await post(`/endpoints/${ep.id}/state`, ep, OLD, 'report-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().data).toEqual(first.json().data);
    expect(retry.json().data.changed).toBe(true); // without the key the retry would say "unchanged"
    expect(retry.json().message).toBe('state stored');
    expect(await count('package_states', ['endpoint_id', ep.id])).toBe(states);

    // A later report with a new key is a new report.
    const next = await post(`/endpoints/${ep.id}/state`, ep, TARGET, 'report-2');
    expect(next.json().data.state_id).not.toBe(first.json().data.state_id);
    expect(await count('package_states', ['endpoint_id', ep.id])).toBe(states + 1);
    // …and a retry of the first one now does not turn the machine back to OLD.
    const late = await post(`/endpoints/${ep.id}/state`, ep, OLD, 'report-1');
    expect(late.json().data.state_id).toBe(first.json().data.state_id);
    const row = await api.db.selectFrom('endpoints').select('current_state_id').where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(row.current_state_id).toBe(next.json().data.state_id);
  });

  it('complete retried after it was committed answers 200 with the same operation, not 422; one state, no second event', async () => {
    const { ep, opId } = await pendingSync();
    expect((await post(`/operations/${opId}/progress`, ep, { progress: 40, step: 'upgrading' }, 'p-1')).statusCode).toBe(200);
    const statesBefore = await count('package_states', ['endpoint_id', ep.id]);
    const first = await post(`/operations/${opId}/complete`, ep, { result: { changed: ['bash'] }, state: TARGET }, 'c-1');
    expect(first.statusCode).toBe(200);
    const events = await count('system_events');

    const retry = await post(`/operations/${opId}/complete`, ep, { result: { changed: ['bash'] }, state: TARGET }, 'c-1');
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().data).toEqual(first.json().data);
    expect(retry.json().data.status).toBe('completed');
    expect(await count('package_states', ['endpoint_id', ep.id])).toBe(statesBefore + 1);
    expect(await count('system_events')).toBe(events);

    // Without a key the same retry is refused, as before: the key is what makes it safe.
    expectRefused(
      await post(`/operations/${opId}/complete`, ep, { result: { changed: ['bash'] }, state: TARGET }),
      422,
      'INVALID_STATE',
      'is completed',
    );
  });

  it('fail retried answers as it did; the operation_failed event is recorded once', async () => {
    const { ep, opId } = await pendingSync();
    const body = { error_message: 'pacman was killed by SIGKILL', state: OLD };
    const first = await post(`/operations/${opId}/fail`, ep, body, 'f-1');
    expect(first.statusCode).toBe(200);
    const failedEvents = () => count('system_events', ['event_type', 'operation_failed']);
    const n = await failedEvents();
    const retry = await post(`/operations/${opId}/fail`, ep, body, 'f-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.json().data).toEqual(first.json().data);
    expect(await failedEvents()).toBe(n);
  });

  it('a key reused for a different request is refused (422 IDEMPOTENCY_KEY_REUSED) and writes nothing', async () => {
    const { ep, opId } = await pendingSync();
    expect((await post(`/operations/${opId}/progress`, ep, { progress: 10, step: 'preparing' }, 'same')).statusCode).toBe(200);
    const before = await api.rowCounts();
    expectRefused(
      await post(`/operations/${opId}/progress`, ep, { progress: 20, step: 'preparing' }, 'same'),
      422,
      'IDEMPOTENCY_KEY_REUSED',
      "Idempotency-Key 'same' was already used",
    );
    expectRefused(await post(`/endpoints/${ep.id}/state`, ep, TARGET, 'same'), 422, 'IDEMPOTENCY_KEY_REUSED', 'different request');
    expect(await api.rowCounts()).toEqual(before);
    const op = await api.db.selectFrom('sync_operations').select('progress').where('id', '=', opId).executeTakeFirstOrThrow();
    expect(op.progress).toBe(10);
  });

  it("keys are per endpoint: another endpoint's request with the same key is its own", async () => {
    const pool = await makePool(api);
    const a = await makeEndpoint(api, pool);
    const b = await makeEndpoint(api, pool);
    const ra = await post(`/endpoints/${a.id}/state`, a, OLD, 'shared-key');
    const rb = await post(`/endpoints/${b.id}/state`, b, OLD, 'shared-key');
    expect(rb.statusCode).toBe(200);
    expect(rb.headers['idempotent-replayed']).toBeUndefined();
    expect(rb.json().data.state_id).not.toBe(ra.json().data.state_id);
  });

  it('a malformed key is a 400 naming the header, and nothing is written', async () => {
    const ep = await makeEndpoint(api, await makePool(api));
    const before = await api.rowCounts();
    for (const bad of ['has space', 'x'.repeat(256), 'quote"d']) {
      expectRefused(await post(`/endpoints/${ep.id}/state`, ep, OLD, bad), 400, 'VALIDATION_ERROR', 'header.idempotency-key');
    }
    expect(await api.rowCounts()).toEqual(before);
  });

  it('concurrent requests with one key: one is carried out, the other answers the same (or asks for a retry)', async () => {
    const { ep, opId } = await pendingSync();
    const body = { result: { changed: [] }, state: TARGET };
    const both = await Promise.all([post(`/operations/${opId}/complete`, ep, body, 'race'), post(`/operations/${opId}/complete`, ep, body, 'race')]);
    const ok = both.filter((r) => r.statusCode === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of both) expect([200, 409]).toContain(r.statusCode);
    if (ok.length === 2) expect(ok[0]!.json().data).toEqual(ok[1]!.json().data);
    expect(await count('idempotency_keys')).toBeGreaterThan(0);
    const events = await api.db.selectFrom('sync_operations').select('status').where('id', '=', opId).executeTakeFirstOrThrow();
    expect(events.status).toBe('completed');
  });

  it('the retention job deletes keys older than a week', async () => {
    const ep = await makeEndpoint(api, await makePool(api));
    await post(`/endpoints/${ep.id}/state`, ep, OLD, 'old-key');
    const n = await count('idempotency_keys');
    api.clock.advance(8 * 24 * 60 * 60 * 1000);
    const deleted = await api.app.deps.services.retention.expireIdempotencyKeys();
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await count('idempotency_keys')).toBe(n - deleted);
  });
});

// Hash-only state reports (issue #17): an agent whose package set is unchanged sends
// `{content_hash}` instead of the full state. The hash of the endpoint's current state answers as
// an unchanged full report would, writing nothing but contact; any other hash is a 409
// STATE_HASH_UNKNOWN telling the agent to send the full state, and writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectRefused, refusedWithoutWrites, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

interface Report {
  state_id: string;
  changed: boolean;
  content_hash: string;
  pool_id: string | null;
  target_state_id: string | null;
  sync_status: string;
  drift: { total_packages: number; behind: number; details?: { behind: { name: string }[] } };
}

const OTHER_HASH = 'ab'.repeat(32);

describe.each(DIALECTS)('hash-only state reports (%s)', (dialect) => {
  let api: TestApp;
  let pool: string;
  let ep: { id: string; key: string };

  const report = (body: unknown, query = '') => api.request<Report>('POST', `/endpoints/${ep.id}/state${query}`, { key: ep.key, body });
  const statesStored = async () =>
    Number(
      (
        await api.db
          .selectFrom('package_states')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeEach(async () => {
    api = await createTestApp(dialect);
    pool = await makePool(api);
    ep = await makeEndpoint(api, pool);
    // A target with a newer bash, so the endpoint is behind.
    const leader = await makeEndpoint(api, pool);
    await api.request('POST', `/endpoints/${leader.id}/state`, { key: leader.key, body: state({ bash: '5.2.026-2', zsh: '5.9-1' }) });
    expect((await api.request('POST', `/endpoints/${leader.id}/set-latest`, { key: leader.key, body: {} })).statusCode).toBe(201);
  });
  afterEach(() => api.close());

  it('answers the hash of the current state as an unchanged report, storing no state', async () => {
    const full = await report(state({ bash: '5.2.015-1', zsh: '5.9-1' }));
    expect(full.statusCode).toBe(200);
    const first = full.json().data;
    expect(first.content_hash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await statesStored();

    const res = await report({ content_hash: first.content_hash });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().message).toBe('state unchanged');
    expect(res.json().data).toEqual({ ...first, changed: false });
    expect(res.json().data.sync_status).toBe('behind');
    expect(await statesStored()).toBe(stored);

    // The same answer as the full unchanged state gets.
    const again = await report(state({ bash: '5.2.015-1', zsh: '5.9-1' }));
    expect(again.json().data).toEqual(res.json().data);

    // Per-package lists on request, from the stored state.
    const details = await report({ content_hash: first.content_hash }, '?details=true');
    expect(details.statusCode).toBe(200);
    expect(details.json().data.drift.details?.behind.map((e) => e.name)).toEqual(['bash']);
  });

  it('counts the packages of an endpoint that has no target to compare with', async () => {
    const loner = await makeEndpoint(api, null);
    const full = await api.request<Report>('POST', `/endpoints/${loner.id}/state`, { key: loner.key, body: state({ a: '1-1', b: '1-1', c: '1-1' }) });
    const res = await api.request<Report>('POST', `/endpoints/${loner.id}/state`, {
      key: loner.key,
      body: { content_hash: full.json().data.content_hash },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({ ...full.json().data, changed: false });
    expect(res.json().data.drift.total_packages).toBe(3);
  });

  it('refuses a hash the server does not have as the current state with 409 STATE_HASH_UNKNOWN, writing nothing', async () => {
    // No state reported yet.
    await refusedWithoutWrites(api, {
      method: 'POST',
      path: `/endpoints/${ep.id}/state`,
      options: { key: ep.key, body: { content_hash: OTHER_HASH } },
      status: 409,
      code: 'STATE_HASH_UNKNOWN',
      mentions: 'send the full state',
    });

    const older = (await report(state({ bash: '5.2.015-1' }))).json().data.content_hash;
    await report(state({ bash: '5.2.026-2' }));
    // A hash the endpoint had before is not its current state.
    await refusedWithoutWrites(api, {
      method: 'POST',
      path: `/endpoints/${ep.id}/state`,
      options: { key: ep.key, body: { content_hash: older } },
      status: 409,
      code: 'STATE_HASH_UNKNOWN',
      mentions: older,
    });
    await refusedWithoutWrites(api, {
      method: 'POST',
      path: `/endpoints/${ep.id}/state`,
      options: { key: ep.key, body: { content_hash: OTHER_HASH } },
      status: 409,
      code: 'STATE_HASH_UNKNOWN',
      mentions: 'send the full state',
    });
  });

  it('refuses the current hash once the endpoint has moved pools (its state must be stored in the new pool)', async () => {
    const hash = (await report(state({ bash: '5.2.015-1' }))).json().data.content_hash;
    const other = await makePool(api);
    expect((await api.request('POST', `/pools/${other}/endpoints`, { body: { endpoint_id: ep.id } })).statusCode).toBe(200);
    expectRefused(await report({ content_hash: hash }), 409, 'STATE_HASH_UNKNOWN', 'current pool');
    const full = await report(state({ bash: '5.2.015-1' }));
    expect(full.json().data).toMatchObject({ changed: true, pool_id: other, content_hash: hash });
    expect((await report({ content_hash: hash })).statusCode).toBe(200);
  });

  it('refuses malformed hash-only bodies with a 400 naming the field', async () => {
    const hash = (await report(state({ bash: '5.2.015-1' }))).json().data.content_hash;
    const bad = (body: unknown, mentions: string) =>
      refusedWithoutWrites(api, { method: 'POST', path: `/endpoints/${ep.id}/state`, options: { key: ep.key, body }, status: 400, mentions });
    await bad({ content_hash: hash.toUpperCase() }, 'body.content_hash');
    await bad({ content_hash: hash.slice(1) }, 'body.content_hash');
    await bad({ content_hash: 42 }, 'body.content_hash');
    await bad({ ...state({ bash: '5.2.015-1' }), content_hash: hash }, 'body.content_hash: send either the full state');
    await bad({ metadata: {}, content_hash: hash }, 'body.content_hash');
    await bad({}, 'body.packages: is required (or content_hash alone');
    await bad({ metadata: {} }, 'body.packages');
  });

  it('is agent contact: an offline endpoint comes back online', async () => {
    const hash = (await report(state({ bash: '5.2.015-1' }))).json().data.content_hash;
    await api.db.updateTable('endpoints').set({ status: 'offline' }).where('id', '=', ep.id).execute();
    api.clock.advance(3_600_000);
    // An admin sends it (no contact through the key), so the report itself must count.
    const res = await api.request<Report>('POST', `/endpoints/${ep.id}/state`, { body: { content_hash: hash } });
    expect(res.statusCode).toBe(200);
    const row = await api.db.selectFrom('endpoints').select(['status', 'last_seen']).where('id', '=', ep.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'online', last_seen: api.clock.now().toISOString() });
  });
});

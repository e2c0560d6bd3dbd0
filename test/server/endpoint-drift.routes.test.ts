// GET /endpoints/{id}/drift (issue #13, the endpoint page's drift table): the per-package drift of
// one endpoint against its pool's target — missing, behind, ahead, extra, foreign and excluded,
// each with both versions — computed as the agent's `?details=true` report answer is, agreeing
// with the stored counts, and read-only: nothing is stored, sampled or re-indexed by a read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, expectRefused, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { dep, pkg, state } from '../support/package-states.js';

interface Entry {
  name: string;
  installed_version: string | null;
  target_version: string | null;
  repository: string | null;
  reason?: { source: string; pattern: string };
}
interface DriftReport {
  endpoint_id: string;
  pool_id: string | null;
  target_state_id: string | null;
  state_id: string | null;
  sync_status: string;
  drift: Record<string, number> & { details: Record<'missing' | 'behind' | 'ahead' | 'extra' | 'foreign' | 'excluded', Entry[]> };
}

const TARGET = { bash: '5.2.026-2', curl: '8.6-1', glibc: '2.40-1', linux: '6.6.1-1', openssl: '3.3.0-1' };
// behind glibc, ahead bash, missing curl, excluded linux (pool rule), foreign + extra yay,
// extra htop, a dependency not in the target (libfoo: the machine's business, not drift).
const MEMBER = state({
  bash: '5.3.0-1',
  glibc: '2.39-1',
  htop: pkg('3.3.0-1', { repository: 'extra' }),
  libfoo: dep('1.0-1', { repository: 'extra' }),
  linux: '6.5.9-1',
  openssl: '3.3.0-1',
  yay: pkg('12.3.5-1', { repository: null }),
});

describe.each(DIALECTS)('GET /endpoints/{id}/drift (%s)', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect);
  });
  afterEach(() => api.close());

  async function poolWithTarget(): Promise<{ poolId: string; member: { id: string; key: string }; targetId: string }> {
    const poolId = await makePool(api, 'lab', { excluded_packages: ['linux*'] });
    const setter = await makeEndpoint(api, poolId, 'setter');
    expect((await api.request('POST', `/endpoints/${setter.id}/state`, { key: setter.key, body: state(TARGET) })).statusCode).toBe(200);
    const set = await api.request<{ target_state: { id: string } }>('POST', `/endpoints/${setter.id}/set-latest`, { key: setter.key, body: {} });
    expect(set.statusCode, set.body).toBe(201);
    const member = await makeEndpoint(api, poolId, 'member');
    expect((await api.request('POST', `/endpoints/${member.id}/state`, { key: member.key, body: MEMBER })).statusCode).toBe(200);
    return { poolId, member, targetId: set.json().data.target_state.id };
  }

  it('lists every kind of drift with both versions, and agrees with the stored counts', async () => {
    const { poolId, member, targetId } = await poolWithTarget();
    const read = await makeKey(api, 'read');
    const res = await api.request<DriftReport>('GET', `/endpoints/${member.id}/drift`, { key: read.key });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json().data;
    expect(r).toMatchObject({ endpoint_id: member.id, pool_id: poolId, target_state_id: targetId, sync_status: 'behind' });
    const d = r.drift.details;
    const pairs = (list: Entry[]) => list.map((e) => `${e.name} ${e.installed_version ?? '-'} ${e.target_version ?? '-'}`);
    expect(pairs(d.missing)).toEqual(['curl - 8.6-1']);
    expect(pairs(d.behind)).toEqual(['glibc 2.39-1 2.40-1']);
    expect(pairs(d.ahead)).toEqual(['bash 5.3.0-1 5.2.026-2']);
    expect(pairs(d.extra)).toEqual(['htop 3.3.0-1 -', 'yay 12.3.5-1 -']);
    expect(pairs(d.foreign)).toEqual(['yay 12.3.5-1 -']);
    expect(pairs(d.excluded)).toEqual(['linux 6.5.9-1 6.6.1-1']);
    expect(d.excluded[0]?.reason).toEqual({ source: 'pool', pattern: 'linux*' });
    // The same numbers as the endpoint's stored package_summary (one computation).
    const detail = (
      await api.request<{ package_summary: Record<string, number>; state_id?: string; current_state_id: string }>('GET', `/endpoints/${member.id}`)
    ).json().data;
    for (const k of ['missing', 'behind', 'ahead', 'extra', 'foreign', 'excluded', 'in_sync', 'total_packages', 'target_packages'])
      expect(r.drift[k], k).toBe(detail.package_summary[k]);
    expect(r.state_id).toBe(detail.current_state_id);
  });

  it('writes nothing: no row, no drift sample, no package index for a state stored without one', async () => {
    const { member } = await poolWithTarget();
    const { current_state_id: stateId } = await api.db
      .selectFrom('endpoints')
      .select('current_state_id')
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    await api.db.updateTable('package_states').set({ package_index: null }).where('id', '=', stateId!).execute();
    const before = await api.rowCounts();
    const row = () =>
      api.db.selectFrom('endpoints').select(['updated_at', 'package_summary', 'sync_status']).where('id', '=', member.id).executeTakeFirstOrThrow();
    const endpointBefore = await row();
    api.clock.advance(60_000);
    const res = await api.request<DriftReport>('GET', `/endpoints/${member.id}/drift`);
    expect(res.statusCode, res.body).toBe(200);
    // Read in full (no index), with the same answer.
    expect(res.json().data.drift.details.behind.map((e) => e.name)).toEqual(['glibc']);
    expect(await api.rowCounts()).toEqual(before);
    expect(await row()).toEqual(endpointBefore);
    const index = await api.db.selectFrom('package_states').select('package_index').where('id', '=', stateId!).executeTakeFirstOrThrow();
    expect(index.package_index).toBeNull();
  });

  it('is sync_pending while an operation runs, unknown without a pool, target or report, and empty lists then', async () => {
    const { member } = await poolWithTarget();
    expect((await api.request('POST', `/endpoints/${member.id}/sync`, { body: {} })).statusCode).toBe(201);
    const pending = (await api.request<DriftReport>('GET', `/endpoints/${member.id}/drift`)).json().data;
    expect(pending.sync_status).toBe('sync_pending');
    expect(pending.drift.details.behind.map((e) => e.name)).toEqual(['glibc']);

    const loose = await makeEndpoint(api, null, 'loose');
    const res = await api.request<DriftReport>('GET', `/endpoints/${loose.id}/drift`);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toEqual({
      endpoint_id: loose.id,
      pool_id: null,
      target_state_id: null,
      state_id: null,
      sync_status: 'unknown',
      drift: {
        total_packages: 0,
        target_packages: 0,
        in_sync: 0,
        missing: 0,
        behind: 0,
        ahead: 0,
        extra: 0,
        foreign: 0,
        excluded: 0,
        details: { missing: [], behind: [], ahead: [], extra: [], foreign: [], excluded: [] },
      },
    });
  });

  it('names an unknown endpoint (404) and a malformed id (400)', async () => {
    expectRefused(
      await api.request('GET', '/endpoints/00000000-0000-4000-8000-00000000abcd/drift'),
      404,
      'RESOURCE_NOT_FOUND',
      '00000000-0000-4000-8000-00000000abcd',
    );
    expectRefused(await api.request('GET', '/endpoints/not-an-id/drift'), 400, 'VALIDATION_ERROR', 'path.id');
  });
});

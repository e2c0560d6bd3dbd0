// A set-latest recomputes every member's drift from the package index stored with its report
// (migration 005) — and a member whose state has no usable index (a row from before the index,
// or text this build did not write) gets exactly the same drift from its full state, and has its
// index stored for the next recomputation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePackageIndex } from '../../src/core/package-index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { dep, pkg, state } from '../support/package-states.js';

const TARGET = state({ glibc: dep('2.39-1'), bash: '5.2.026-2', firefox: '125.0-1', git: '2.45.2-1', 'linux-lts': '6.6.30-1' });
// Behind on firefox, git missing, an excluded kernel, an extra from a repo and a foreign extra.
const MEMBER = state({
  glibc: dep('2.39-1'),
  bash: '5.2.026-2',
  firefox: '124.0.2-1',
  'linux-lts': '6.6.29-1',
  htop: '3.3.0-1',
  yay: pkg('12.3.5-1', { repository: null }),
});
const EXPECTED = { total_packages: 6, target_packages: 4, in_sync: 2, behind: 1, missing: 1, ahead: 0, extra: 2, foreign: 1, excluded: 1 };

describe.each(DIALECTS)('pool drift from package indexes (%s)', (dialect) => {
  let api: TestApp;
  beforeAll(async () => {
    api = await createTestApp(dialect);
  });
  afterAll(() => api.close());

  const report = async (ep: { id: string; key: string }, body: unknown) => {
    const res = await api.request('POST', `/endpoints/${ep.id}/state`, { key: ep.key, body });
    expect(res.statusCode, res.body).toBe(200);
  };
  const endpoint = async (id: string) =>
    (await api.request<{ sync_status: string; package_summary: Record<string, unknown> }>('GET', `/endpoints/${id}`)).json().data;

  it('members with an index, without one, with an unreadable one and with no report all get the right drift', async () => {
    const pool = await makePool(api, undefined, { excluded_packages: ['linux*'] });
    const source = await makeEndpoint(api, pool);
    const [indexed, legacy, garbled, silent] = [
      await makeEndpoint(api, pool),
      await makeEndpoint(api, pool),
      await makeEndpoint(api, pool),
      await makeEndpoint(api, pool),
    ];
    await report(source, TARGET);
    for (const ep of [indexed, legacy, garbled]) await report(ep, MEMBER);

    const stateOf = async (id: string) =>
      api.db
        .selectFrom('endpoints as e')
        .innerJoin('package_states as s', 's.id', 'e.current_state_id')
        .select(['s.id', 's.package_index'])
        .where('e.id', '=', id)
        .executeTakeFirstOrThrow();
    const stored = await stateOf(indexed.id);
    expect(Object.keys(decodePackageIndex(stored.package_index as string).packages)).toEqual([
      'bash',
      'firefox',
      'glibc',
      'htop',
      'linux-lts',
      'yay',
    ]);
    await api.db
      .updateTable('package_states')
      .set({ package_index: null })
      .where('id', '=', (await stateOf(legacy.id)).id)
      .execute();
    await api.db
      .updateTable('package_states')
      .set({ package_index: 'not an index' })
      .where('id', '=', (await stateOf(garbled.id)).id)
      .execute();

    const res = await api.request('POST', `/endpoints/${source.id}/set-latest`, { key: source.key, body: { message: 'baseline' } });
    expect(res.statusCode, res.body).toBe(201);

    for (const ep of [indexed, legacy, garbled]) {
      expect(await endpoint(ep.id)).toMatchObject({ sync_status: 'behind', package_summary: EXPECTED });
    }
    expect(await endpoint(source.id)).toMatchObject({ sync_status: 'in_sync', package_summary: { in_sync: 4, excluded: 1, missing: 0 } });
    expect((await endpoint(silent.id)).sync_status).toBe('unknown');
    // The fallback filled in the missing and the unreadable index: the same as the report stored.
    for (const ep of [legacy, garbled]) expect((await stateOf(ep.id)).package_index).toBe(stored.package_index);
  });
});

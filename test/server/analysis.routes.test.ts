// Repository reports and the pool's repository analysis over HTTP, and the drift history's
// storage rule (a sample only on change, the newest N kept).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Notifier } from '../../src/server/events/notifier.js';
import { DriftTracker } from '../../src/server/services/drift-tracker.service.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makeKey, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

type Who = { id: string; key: string };
const HASH = (c: string) => c.repeat(64);
const repo = (name: string, packages: Record<string, string>, dbHash: string | null = null) => ({
  name,
  url: `https://mirror.example.org/${name}/os/x86_64`,
  packages: Object.fromEntries(
    Object.entries(packages).map(([n, v]) => [n, { version: v, description: `${n} package`, size: 100, dependencies: [] }]),
  ),
  metadata: { db_hash: dbHash, last_sync: '2024-01-15T08:00:00Z' },
});

interface Analysis {
  operation_id: string;
  stale: boolean;
  counts: Record<string, number>;
  compatible: string[];
  incompatible: { name: string; missing_on: { endpoint_name: string }[]; versions: { version: string; count: number }[] }[];
  conflicts: {
    name: string;
    resolved_version: string | null;
    versions: { version: string; count: number; endpoints?: { endpoint_name: string }[] }[];
  }[];
  excluded: string[];
  exclusions: { automatic: string[]; manual: { packages: string[]; repos: string[] } };
  endpoints_without_repositories: { endpoint_name: string }[];
}

describe.each(DIALECTS)('repositories and analysis (%s)', (dialect) => {
  let api: TestApp;
  let pool: string;
  const m: Record<'a' | 'b' | 'c' | 'd', Who> = {} as never;
  beforeAll(async () => {
    api = await createTestApp(dialect);
    pool = await makePool(api, 'lab', { excluded_packages: ['linux*'] });
    for (const k of ['a', 'b', 'c', 'd'] as const) m[k] = await makeEndpoint(api, pool, `host-${k}`);
  });
  afterAll(() => api.close());

  const submit = (who: Who, repositories: unknown[]) =>
    api.request<{ repositories: { name: string; changed: boolean }[]; removed: string[] }>('POST', `/endpoints/${who.id}/repositories`, {
      key: who.key,
      body: { repositories },
    });

  it('stores one row per endpoint and repository, keeps unchanged databases, deletes repositories no longer reported', async () => {
    const first = await submit(m.a, [
      repo('core', { bash: '5.2.026-2' }, HASH('a')),
      repo('extra', { curl: '8.6.0-1' }, HASH('b')),
      repo('multilib', {}, null),
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().data.repositories.map((r) => [r.name, r.changed])).toEqual([
      ['core', true],
      ['extra', true],
      ['multilib', true],
    ]);
    const again = await submit(m.a, [repo('core', { bash: '5.2.026-2' }, HASH('a')), repo('extra', { curl: '8.6.0-1' }, HASH('b'))]);
    expect(again.json().data.repositories.map((r) => [r.name, r.changed])).toEqual([
      ['core', false],
      ['extra', false],
    ]);
    expect(again.json().data.removed).toEqual(['multilib']);
    const rows = await api.db
      .selectFrom('repositories')
      .select(['repo_name', 'repo_url'])
      .where('endpoint_id', '=', m.a.id)
      .orderBy('repo_name')
      .execute();
    expect(rows).toEqual([
      { repo_name: 'core', repo_url: 'https://mirror.example.org/core/os/x86_64' },
      { repo_name: 'extra', repo_url: 'https://mirror.example.org/extra/os/x86_64' },
    ]);
    // Another machine may not report for this one.
    expect((await api.request('POST', `/endpoints/${m.a.id}/repositories`, { key: m.b.key, body: { repositories: [] } })).statusCode).toBe(403);
  });

  it('analysis: 404 before the first run, then compatible, missing and conflicting packages per member', async () => {
    const none = await api.request('GET', `/pools/${pool}/analysis`);
    expect(none.statusCode).toBe(404);
    expect(none.json().error?.message).toContain(`POST /api/v1/pools/${pool}/analyze`);

    const target = state({ bash: '5.2.026-2', glibc: '2.39-1', curl: '8.6.0-1', vim: '9.1-1', linux: '6.7-1' });
    await api.request('POST', `/endpoints/${m.a.id}/state`, { key: m.a.key, body: target });
    const set = await api.request<{ target_state: { id: string } }>('POST', `/endpoints/${m.a.id}/set-latest`, { key: m.a.key, body: {} });
    // The target records the repository databases it was taken against (from the report above).
    const stored = (
      await api.request<{ state_data: { metadata: { repositories: { name: string; db_hash: string | null }[] } } }>(
        'GET',
        `/states/${set.json().data.target_state.id}`,
      )
    ).json().data;
    expect(stored.state_data.metadata.repositories.map((r) => [r.name, r.db_hash])).toEqual([
      ['core', HASH('a')],
      ['extra', HASH('b')],
    ]);

    await submit(m.a, [
      repo('core', { bash: '5.2.026-2', glibc: '2.39-1', linux: '6.7-1' }, HASH('c')),
      repo('extra', { curl: '8.6.0-1', vim: '9.1-1' }, HASH('d')),
    ]);
    // B takes bash from `testing` (listed first, as in its pacman.conf) and has an older curl.
    await submit(m.b, [
      repo('testing', { bash: '5.3-1' }),
      repo('core', { bash: '5.2.026-2', glibc: '2.39-1' }, HASH('c')),
      repo('extra', { curl: '8.5.0-1', vim: '9.1-1' }),
    ]);
    await submit(m.c, [repo('core', { bash: '5.2.026-2', glibc: '2.39-1' }, HASH('c')), repo('extra', { curl: '8.6.0-1' })]);

    const run = await api.request<Analysis>('POST', `/pools/${pool}/analyze`);
    expect(run.statusCode, run.body).toBe(200);
    const a = run.json().data;
    expect(a.counts).toEqual({ target_packages: 5, compatible: 1, incompatible: 1, conflicts: 2, excluded: 1, endpoints: 4, endpoints_analysed: 3 });
    expect(a.compatible).toEqual(['glibc']);
    expect(a.excluded).toEqual(['linux']);
    expect(a.incompatible).toEqual([
      {
        name: 'vim',
        target_version: '9.1-1',
        repository: 'core',
        missing_on: [{ endpoint_id: m.c.id, endpoint_name: 'host-c' }],
        versions: [{ version: '9.1-1', count: 2 }],
      },
    ]);
    expect(
      a.conflicts.map((c) => [
        c.name,
        c.resolved_version,
        c.versions.map((v) => [v.version, v.count, v.endpoints?.map((e) => e.endpoint_name) ?? []]),
      ]),
    ).toEqual([
      [
        'bash',
        null,
        [
          ['5.2.026-2', 2, []],
          ['5.3-1', 1, ['host-b']],
        ],
      ],
      [
        'curl',
        null,
        [
          ['8.6.0-1', 2, []],
          ['8.5.0-1', 1, ['host-b']],
        ],
      ],
    ]);
    expect(a.exclusions).toEqual({ automatic: ['vim'], manual: { packages: ['linux*'], repos: [] } });
    expect(a.endpoints_without_repositories.map((e) => e.endpoint_name)).toEqual(['host-d']);
    expect(a.stale).toBe(false);
    const ops = (
      await api.request<{ items: { operation_type: string; status: string; endpoint_id: string | null }[] }>(
        'GET',
        `/pools/${pool}/operations?operation_type=repository_analysis`,
      )
    ).json().data.items;
    expect(ops).toEqual([expect.objectContaining({ status: 'completed', endpoint_id: null })]);
  });

  it('a re-run follows the pool policy and excluded repositories; the latest run is served and marked stale once the target moves', async () => {
    await api.request('PUT', `/pools/${pool}`, { body: { settings: { excluded_repos: ['testing'], conflict_resolution: 'oldest' } } });
    api.clock.advance(60_000);
    const run = (await api.request<Analysis>('POST', `/pools/${pool}/analyze`)).json().data;
    expect(run.compatible).toEqual(['bash', 'glibc']);
    expect(run.conflicts.map((c) => [c.name, c.resolved_version])).toEqual([['curl', '8.5.0-1']]);
    expect(run.exclusions.manual).toEqual({ packages: ['linux*'], repos: ['testing'] });

    const latest = await api.request<Analysis>('GET', `/pools/${pool}/analysis`, { key: (await makeKey(api, 'read')).key });
    expect(latest.json().data.operation_id).toBe(run.operation_id);
    api.clock.advance(1000);
    await api.request('POST', `/endpoints/${m.a.id}/set-latest`, { key: m.a.key, body: {} });
    expect((await api.request<Analysis>('GET', `/pools/${pool}/analysis`)).json().data.stale).toBe(true);
  });

  it('drift history stores a sample only when the counts change, and keeps only the newest N', async () => {
    const p = await makePool(api);
    const eps = [await makeEndpoint(api, p), await makeEndpoint(api, p)];
    const tracker = new DriftTracker({ db: api.db, clock: api.clock }, new Notifier(api.clock), 3);
    const set = async (i: number, s: string) =>
      api.db
        .updateTable('endpoints')
        .set({ sync_status: s })
        .where('id', '=', eps[i]?.id ?? '')
        .execute();
    const sample = async () => {
      api.clock.advance(1000);
      await tracker.sample(api.db, p, api.clock.now());
    };
    await sample(); // 2 unknown
    await sample(); // unchanged: no row
    await set(0, 'behind');
    await sample();
    await set(1, 'ahead');
    await sample();
    await set(0, 'in_sync');
    await sample();
    const rows = await api.db
      .selectFrom('drift_history')
      .select(['in_sync', 'behind', 'ahead', 'unknown'])
      .where('pool_id', '=', p)
      .orderBy('created_at')
      .execute();
    expect(rows).toEqual([
      { in_sync: 0, behind: 1, ahead: 0, unknown: 1 },
      { in_sync: 0, behind: 1, ahead: 1, unknown: 0 },
      { in_sync: 1, behind: 0, ahead: 1, unknown: 0 },
    ]);
    const served = (await api.request<{ samples: unknown[]; max_samples: number }>('GET', `/pools/${p}/drift-history`)).json().data;
    expect(served.samples).toHaveLength(3);
    expect(served.max_samples).toBe(10_000);
  });
});

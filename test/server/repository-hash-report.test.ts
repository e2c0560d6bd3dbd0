// Repositories reported by their sync database's hash alone (issue #17): the server copies the
// packages a member of the same pool stored under that db_hash, the pool's analysis sees them as
// if sent in full; a hash no member of the pool has stored is a 409 that names the repositories
// and writes nothing, and a repository without packages needs its db_hash.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeEndpoint, makePool } from '../support/api-fixtures.js';
import { DIALECTS } from '../support/database.js';
import { state } from '../support/package-states.js';

type Who = { id: string; key: string };
const HASH = (c: string) => c.repeat(64);
const packages = (list: Record<string, string>) =>
  Object.fromEntries(Object.entries(list).map(([n, v]) => [n, { version: v, size: 100, dependencies: [] }]));
const full = (name: string, list: Record<string, string>, dbHash: string, mirror = 'mirror.example.org') => ({
  name,
  url: `https://${mirror}/${name}/os/x86_64`,
  packages: packages(list),
  metadata: { db_hash: dbHash, last_sync: '2024-01-15T08:00:00Z' },
});
const byHash = (name: string, dbHash: string, mirror = 'other-mirror.example.net') => ({
  name,
  url: `https://${mirror}/${name}/os/x86_64`,
  metadata: { db_hash: dbHash, last_sync: '2024-01-16T09:30:00Z' },
});

describe.each(DIALECTS)('repositories reported by db_hash (%s)', (dialect) => {
  let api: TestApp;
  let lab: string;
  let a: Who;
  let b: Who;
  let stranger: Who;
  beforeEach(async () => {
    api = await createTestApp(dialect);
    lab = await makePool(api, 'lab');
    a = await makeEndpoint(api, lab, 'host-a');
    b = await makeEndpoint(api, lab, 'host-b');
    stranger = await makeEndpoint(api, await makePool(api, 'elsewhere'), 'host-x');
  });
  afterEach(() => api.close());

  const submit = (who: Who, repositories: unknown[]) =>
    api.request<{ repositories: { name: string; changed: boolean; total_packages: number }[] }>('POST', `/endpoints/${who.id}/repositories`, {
      key: who.key,
      body: { repositories },
    });
  const rows = (who: Who) =>
    api.db
      .selectFrom('repositories')
      .select(['repo_name', 'repo_url', 'packages', 'db_hash'])
      .where('endpoint_id', '=', who.id)
      .orderBy('repo_name')
      .execute();

  it("takes the packages of a pool member's copy of the same database, with this endpoint's URL and metadata", async () => {
    expect(
      (await submit(a, [full('core', { bash: '5.2.026-2', glibc: '2.39-1' }, HASH('a')), full('extra', { curl: '8.6.0-1' }, HASH('b'))])).statusCode,
    ).toBe(200);
    const res = await submit(b, [byHash('extra', HASH('b')), byHash('core', HASH('a'))]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.repositories.map((r) => [r.name, r.changed, r.total_packages])).toEqual([
      ['extra', true, 1],
      ['core', true, 2],
    ]);
    const mine = await rows(b);
    expect(mine.map((r) => [r.repo_name, r.repo_url, r.db_hash])).toEqual([
      ['core', 'https://other-mirror.example.net/core/os/x86_64', HASH('a')],
      ['extra', 'https://other-mirror.example.net/extra/os/x86_64', HASH('b')],
    ]);
    const theirs = await rows(a);
    for (const [i, r] of mine.entries()) {
      const p = r.packages as { packages: unknown; metadata: Record<string, unknown> };
      expect(p.packages).toEqual((theirs[i]?.packages as { packages: unknown }).packages);
      // Its own order (pacman.conf's) and sync time, not the copy's.
      expect(p.metadata).toEqual({
        total_packages: r.repo_name === 'core' ? 2 : 1,
        last_sync: '2024-01-16T09:30:00Z',
        sync_method: 'pacman_database',
        db_hash: r.db_hash,
        position: r.repo_name === 'core' ? 1 : 0,
      });
    }
    // The pool's analysis sees b's packages as if they had been sent.
    await api.request('POST', `/endpoints/${a.id}/state`, { key: a.key, body: state({ bash: '5.2.026-2', glibc: '2.39-1', curl: '8.6.0-1' }) });
    expect((await api.request('POST', `/endpoints/${a.id}/set-latest`, { key: a.key, body: {} })).statusCode).toBe(201);
    const run = await api.request<{ compatible: string[]; endpoints_without_repositories: unknown[] }>('POST', `/pools/${lab}/analyze`);
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().data.endpoints_without_repositories).toEqual([]);
    expect([...run.json().data.compatible].sort()).toEqual(['bash', 'curl', 'glibc']);
    // The same report again: nothing changed.
    const again = await submit(b, [byHash('extra', HASH('b')), byHash('core', HASH('a'))]);
    expect(again.json().data.repositories.map((r) => r.changed)).toEqual([false, false]);
  });

  it('a hash no member of the pool stored: 409 REPOSITORY_HASH_UNKNOWN naming it, and nothing written', async () => {
    await submit(a, [full('core', { bash: '5.2.026-2' }, HASH('a'))]);
    expect((await submit(stranger, [full('extra', { curl: '8.6.0-1' }, HASH('b'))])).statusCode).toBe(200);
    const before = await rows(stranger);
    // Stored in another pool only: not this endpoint's to take.
    const res = await submit(stranger, [byHash('core', HASH('a')), full('extra', { curl: '8.7.1-1' }, HASH('c'))]);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'REPOSITORY_HASH_UNKNOWN', details: { repositories: ['core'] } });
    expect(res.json().error?.message).toContain('send the packages');
    expect(await rows(stranger)).toEqual(before);
    // A member of the pool not approved yet (enrolled with an enroll key) does not vouch for it either.
    await api.db.updateTable('endpoints').set({ approval: 'pending' }).where('id', '=', a.id).execute();
    const unvouched = await submit(b, [byHash('core', HASH('a'))]);
    expect(unvouched.statusCode, unvouched.body).toBe(409);
    expect(await rows(b)).toEqual([]);
    // Sent in full, it is stored.
    const retry = await submit(stranger, [full('core', { bash: '5.2.026-2' }, HASH('a')), full('extra', { curl: '8.7.1-1' }, HASH('c'))]);
    expect(retry.statusCode, retry.body).toBe(200);
    expect((await rows(stranger)).map((r) => [r.repo_name, r.db_hash])).toEqual([
      ['core', HASH('a')],
      ['extra', HASH('c')],
    ]);
  });

  it('a repository without packages needs its db_hash (400 naming the field)', async () => {
    const res = await submit(a, [{ name: 'core', url: null, metadata: { last_sync: null } }]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error?.message).toContain('body.repositories[0].packages');
    expect(await rows(a)).toEqual([]);
  });
});

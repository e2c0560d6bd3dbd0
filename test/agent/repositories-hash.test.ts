// The agent reports its sync repositories by their database hash (issue #17), end to end with the
// real agent, the real pacman (two sandbox machines synced from the same file:// repository) and
// the real server (SQLite), a recording proxy in between: the first machine of the pool to report
// a database gets 409 REPOSITORY_HASH_UNKNOWN and sends the packages; the second sends the hash
// alone and the server holds the same package list for both.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureAgentBuilt, pacsync } from '../support/agent-cli.js';
import { buildFleet, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { sandboxSkipReason } from '../support/pacman-sandbox.js';
import { startTamperingProxy, type TamperingProxy } from '../support/tampering-proxy.js';

const skip = sandboxSkipReason({ needRoot: true });

describe.skipIf(skip)('repositories reported by db_hash from the agent (SQLite server, real pacman)', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let proxy: TamperingProxy;
  const machines: { id: string; conf: string }[] = [];

  /** The repository reports sent since `from`: 'hash' (no package lists) or 'full', with the status answered. */
  const repositoryReports = (from: number, endpointId: string) =>
    proxy.seen
      .slice(from)
      .filter((r) => r.method === 'POST' && r.path.startsWith(`/api/v1/endpoints/${endpointId}/repositories`))
      .map((r) => {
        const body = JSON.parse(r.body) as { repositories: { packages?: unknown; metadata?: { db_hash?: string | null } }[] };
        expect(body.repositories.length).toBeGreaterThan(0);
        expect(body.repositories.every((x) => typeof x.metadata?.db_hash === 'string')).toBe(true);
        return { kind: body.repositories.every((x) => x.packages === undefined) ? 'hash' : 'full', status: r.status };
      });

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
    proxy = await startTamperingProxy(srv.url);
    const pool = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab' })).id;
    for (const name of ['m1', 'm2']) {
      const sb = await fleet.machine(name, { from: 'new', install: ['curl'] });
      const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', {
        name: `machine-${name}`,
        hostname: `${name}.lan`,
        pool_id: pool,
      });
      machines.push({
        id: ep.id,
        conf: await fleet.agentConfig(sb, { server: { url: proxy.url, key: ep.api_key, endpointId: ep.id, name: `machine-${name}` } }),
      });
    }
  });

  afterAll(async () => {
    await proxy?.close();
    await srv?.close();
    await fleet?.cleanup();
  });

  test('the first machine of the pool sends the packages after a 409; the second, the hash alone', async () => {
    const [first, second] = machines as [{ id: string; conf: string }, { id: string; conf: string }];
    let mark = proxy.seen.length;
    const one = await pacsync(['--config', first.conf, 'submit']);
    expect([one.code, one.stderr]).toEqual([0, '']);
    expect(repositoryReports(mark, first.id)).toEqual([
      { kind: 'hash', status: 409 },
      { kind: 'full', status: 200 },
    ]);

    mark = proxy.seen.length;
    const two = await pacsync(['--config', second.conf, 'submit']);
    expect([two.code, two.stderr]).toEqual([0, '']);
    expect(repositoryReports(mark, second.id)).toEqual([{ kind: 'hash', status: 200 }]);

    // The server holds the same packages for both machines.
    const stored = await srv.database.db.selectFrom('repositories').select(['endpoint_id', 'repo_name', 'packages']).orderBy('repo_name').execute();
    const of = (id: string) => stored.filter((r) => r.endpoint_id === id).map((r) => [r.repo_name, (r.packages as { packages: object }).packages]);
    expect(of(first.id).length).toBeGreaterThan(0);
    expect(Object.keys(of(first.id)[0]?.[1] ?? {})).toContain('curl');
    expect(of(second.id)).toEqual(of(first.id));
  });
});

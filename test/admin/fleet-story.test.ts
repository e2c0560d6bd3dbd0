// Issue #14, item 3: the administrator drives the whole fleet story with `pacsync-admin` (the
// built bundle) against a real server: a pool, two machines that register and report through the
// API, the endpoint list and detail, two targets and their diff, sync-all as a dry run, refused
// without confirmation, then for real, the operation log, cancel, a target revert, a read key that
// may list but not write, key revocation — each JSON answer checked against the API and the
// database — and the exit codes of a bad key (5), an unknown name or id (1), a conflict (4) and a
// server that is down (3). The admin key appears in no output.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, type AdminRun, ensureAdminBuilt, json } from '../support/admin-cli.js';
import { DIALECTS } from '../support/database.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { state } from '../support/package-states.js';

describe.each(DIALECTS)('pacsync-admin: the fleet story (%s)', (dialect) => {
  let srv: LiveServer;
  let dir: string;
  let keyFile: string;
  const runs: AdminRun[] = [];
  const ids = { pool: '', a: '', b: '', aKey: '', bKey: '', t1: '', t2: '', op: '', readKeyId: '' };

  /** pacsync-admin with this server and the admin key file (or `key` file). */
  const run = async (args: string[], opts: { keyFile?: string; input?: string } = {}): Promise<AdminRun> => {
    const r = await admin(['--server', srv.url, '--key-file', opts.keyFile ?? keyFile, ...args], {}, opts.input);
    runs.push(r);
    return r;
  };
  const db = () => srv.database.db;
  const syncOps = async () =>
    db()
      .selectFrom('sync_operations')
      .select(['id', 'status', 'endpoint_id'])
      .where('operation_type', '=', 'sync_to_latest')
      .where('pool_id', '=', ids.pool)
      .execute();

  beforeAll(async () => {
    ensureAdminBuilt();
    srv = await startLiveServer(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-admin-'));
    keyFile = path.join(dir, 'admin-key');
    writeFileSync(keyFile, `${srv.adminKey}\n`);
    chmodSync(keyFile, 0o600);
  });
  afterAll(async () => {
    await srv?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a pool: the JSON is the API answer and the row is in the database', async () => {
    const created = json(
      await run([
        'pools',
        'create',
        'lab',
        '--description',
        'the lab',
        '--conflict-resolution',
        'newest',
        '--max-history',
        '20',
        '--excluded-packages',
        'linux*,fonts',
        '--json',
      ]),
    );
    ids.pool = created.id;
    expect(created).toEqual(expect.objectContaining({ name: 'lab', description: 'the lab', endpoint_count: 0 }));
    expect(created.settings).toEqual(
      expect.objectContaining({ conflict_resolution: 'newest', max_history: 20, excluded_packages: ['linux*', 'fonts'] }),
    );
    const row = await db().selectFrom('pools').selectAll().where('id', '=', ids.pool).executeTakeFirstOrThrow();
    expect(row.name).toBe('lab');
    expect(row.settings).toEqual(created.settings);
    const { members: _m, target_state: _t, statistics: _s, ...view } = await srv.ok('GET', `/pools/${ids.pool}`);
    expect(view).toEqual(created);
    // By name and by id, `pools show` is the API's pool detail.
    expect(json(await run(['pools', 'show', 'lab', '--json']))).toEqual(await srv.ok('GET', `/pools/${ids.pool}`));
    expect(json(await run(['pools', 'show', ids.pool, '--json'])).name).toBe('lab');
    // `pools update` merges a setting; `pools list` shows it.
    expect(json(await run(['pools', 'update', 'lab', '--auto-sync', '--sync-schedule', '0 3 * * *', '--json'])).settings).toEqual(
      expect.objectContaining({ auto_sync: true, sync_schedule: '0 3 * * *', conflict_resolution: 'newest' }),
    );
    expect(json(await run(['pools', 'list', '--json'])).items.map((p: { id: string }) => p.id)).toEqual([ids.pool]);
  });

  it('lists and shows the machines that registered and reported through the API', async () => {
    const reg = async (name: string) =>
      srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name, hostname: `${name}.lan`, pool_id: ids.pool });
    const report = async (id: string, key: string, packages: Record<string, string>) => {
      const r = await srv.api('POST', `/endpoints/${id}/state`, state(packages), key);
      expect(r.status).toBeLessThan(300);
    };
    const setLatest = async (id: string, key: string) =>
      (await srv.api<{ target_state: { id: string } }>('POST', `/endpoints/${id}/set-latest`, {}, key)).body.data.target_state.id;
    const a = await reg('machine-a');
    const b = await reg('machine-b');
    Object.assign(ids, { a: a.id, aKey: a.api_key, b: b.id, bKey: b.api_key });
    await report(a.id, a.api_key, { glibc: '2.38-1', bash: '5.2-1', curl: '8.5-1' });
    ids.t1 = await setLatest(a.id, a.api_key);
    await report(b.id, b.api_key, { glibc: '2.39-1', bash: '5.2-1', curl: '8.6-1', editor: '2.0-1' });
    ids.t2 = await setLatest(b.id, b.api_key);

    const all = json(await run(['endpoints', 'list', '--pool', 'lab', '--json']));
    expect(all).toEqual(await srv.ok('GET', `/endpoints?pool_id=${ids.pool}`));
    expect(all.items.map((e: { id: string }) => e.id).sort()).toEqual([a.id, b.id].sort());
    const behind = json(await run(['endpoints', 'list', '--sync-status', 'behind', '--json']));
    expect(behind.items.map((e: { name: string }) => e.name)).toEqual(['machine-a']);
    expect(json(await run(['endpoints', 'list', '--search', 'machine-b', '--json'])).items.map((e: { id: string }) => e.id)).toEqual([b.id]);
    const page = json(await run(['endpoints', 'list', '--limit', '1', '--json']));
    expect(page).toEqual(expect.objectContaining({ total: 2, limit: 1, offset: 0, has_more: true }));
    expect(page.items).toHaveLength(1);

    const shown = json(await run(['endpoints', 'show', 'machine-a', '--json']));
    expect(shown).toEqual(await srv.ok('GET', `/endpoints/${a.id}`));
    expect(shown).toEqual(expect.objectContaining({ id: a.id, sync_status: 'behind', pool: { id: ids.pool, name: 'lab' } }));
    const row = await db().selectFrom('endpoints').select(['sync_status', 'pool_id']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ sync_status: 'behind', pool_id: ids.pool });
  });

  it('shows the target history and the diff of the two targets', async () => {
    const history = json(await run(['targets', 'history', 'lab', '--json']));
    expect(history.items.map((s: { id: string; is_target: boolean }) => [s.id, s.is_target])).toEqual([
      [ids.t2, true],
      [ids.t1, false],
    ]);
    const diff = json(await run(['targets', 'diff', ids.t1, ids.t2, '--json']));
    expect(diff).toEqual(await srv.ok('GET', `/states/${ids.t1}/diff/${ids.t2}`));
    expect(diff.added).toEqual([{ name: 'editor', version: '2.0-1' }]);
    expect(diff.changed.map((c: { name: string; direction: string }) => `${c.name} ${c.direction}`)).toEqual(['curl upgrade', 'glibc upgrade']);
    expect(diff.unchanged).toBe(1);
  });

  it('sync-all: the dry run stores nothing, no confirmation refuses, --yes creates the operation', async () => {
    const dry = json(await run(['sync-all', 'lab', '--dry-run', '--json']));
    expect(dry.dry_run).toBe(true);
    // A: 3 changes (editor installed, glibc and curl upgraded); B: the target is its own state.
    const planned = Object.fromEntries(
      dry.created.map((c: { endpoint_id: string; operation_id: unknown; total_packages: number }) => [
        c.endpoint_id,
        [c.operation_id, c.total_packages],
      ]),
    );
    expect(planned).toEqual({ [ids.a]: [null, 3], [ids.b]: [null, 0] });
    expect(dry).toEqual({ ...(await srv.ok('POST', `/pools/${ids.pool}/sync-all`, { dry_run: true })), requested_at: dry.requested_at });
    expect(await syncOps()).toEqual([]);

    // No terminal to answer the question: refused, naming --yes, and nothing requested.
    const refused = await run(['sync-all', 'lab'], { input: 'y\n' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--yes/);
    expect(await syncOps()).toEqual([]);

    const done = json(await run(['sync-all', 'lab', '--yes', '--json']));
    expect(done.dry_run).toBe(false);
    expect(done.created.map((c: { endpoint_id: string }) => c.endpoint_id)).toEqual([ids.a]);
    expect(done.skipped.map((s: { endpoint_id: string; code: string }) => [s.endpoint_id, s.code])).toEqual([[ids.b, 'NOTHING_TO_DO']]);
    ids.op = done.created[0].operation_id;
    expect(await syncOps()).toEqual([{ id: ids.op, status: 'pending', endpoint_id: ids.a }]);
    // A second one while it is pending: the member is skipped as busy.
    const again = json(await run(['sync-all', 'lab', '--yes', '--json']));
    expect(again.skipped.map((s: { code: string }) => s.code).sort()).toEqual(['NOTHING_TO_DO', 'SYNC_IN_PROGRESS']);
  });

  it('lists, shows and cancels the operation', async () => {
    const list = json(await run(['operations', 'list', '--pool', 'lab', '--type', 'sync_to_latest', '--json']));
    expect(list).toEqual(await srv.ok('GET', `/pools/${ids.pool}/operations?operation_type=sync_to_latest`));
    expect(list.items.map((o: { id: string }) => o.id)).toEqual([ids.op]);
    expect(
      json(await run(['operations', 'list', '--endpoint', 'machine-a', '--status', 'pending', '--json'])).items.map((o: { id: string }) => o.id),
    ).toEqual([ids.op]);
    const shown = json(await run(['operations', 'show', ids.op, '--json']));
    expect(shown).toEqual(await srv.ok('GET', `/operations/${ids.op}`));
    expect(shown.details.packages_to_install.map((p: { name: string }) => p.name)).toEqual(['editor']);
    const cancelled = json(await run(['operations', 'cancel', ids.op, '--json']));
    expect(cancelled.status).toBe('cancelled');
    expect(await syncOps()).toEqual([{ id: ids.op, status: 'cancelled', endpoint_id: ids.a }]);
    // Cancelling it again is refused by the server (it is over).
    expect((await run(['operations', 'cancel', ids.op])).code).not.toBe(0);
  });

  it('reverts the target: the first target is the target again', async () => {
    const r = json(await run(['targets', 'revert', 'lab', '--message', 'back to A', '--json']));
    expect(r.restored_state_id).toBe(ids.t1);
    const pool = await srv.ok('GET', `/pools/${ids.pool}`);
    expect(pool.target_state_id).toBe(r.target_state.id);
    const target = await db().selectFrom('package_states').select(['id']).where('pool_id', '=', ids.pool).where('is_target', '=', true).execute();
    expect(target).toEqual([{ id: r.target_state.id }]);
    expect(json(await run(['targets', 'diff', ids.t1, r.target_state.id, '--json'])).changed).toEqual([]);
    expect(json(await run(['endpoints', 'show', ids.a, '--json'])).sync_status).toBe('in_sync');
  });

  it('keys: a read key lists but cannot write (5); a revoked key is refused (5)', async () => {
    const created = json(await run(['keys', 'create', '--role', 'read', '--name', 'dashboard', '--json']));
    ids.readKeyId = created.id;
    expect(created).toEqual(expect.objectContaining({ role: 'read', name: 'dashboard', is_active: true }));
    expect(created.api_key).toMatch(/^psk_/);
    const row = await db().selectFrom('api_keys').select(['name', 'permissions', 'is_active']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'dashboard', permissions: { role: 'read' }, is_active: true });
    const readFile = path.join(dir, 'read-key');
    writeFileSync(readFile, created.api_key, { mode: 0o600 });

    expect(json(await run(['endpoints', 'list', '--json'], { keyFile: readFile })).total).toBe(2);
    const write = await run(['pools', 'create', 'not-allowed'], { keyFile: readFile });
    expect(write.code).toBe(5);
    expect(write.stderr).toMatch(/permission denied/);
    expect(await db().selectFrom('pools').select('id').where('name', '=', 'not-allowed').execute()).toEqual([]);
    expect((await run(['sync-all', 'lab', '--yes'], { keyFile: readFile })).code).toBe(5);

    expect(json(await run(['keys', 'list', '--json'])).map((k: { id: string }) => k.id)).toContain(created.id);
    expect(json(await run(['keys', 'revoke', created.id, '--json'])).is_active).toBe(false);
    expect((await db().selectFrom('api_keys').select('is_active').where('id', '=', created.id).executeTakeFirstOrThrow()).is_active).toBe(false);
    expect((await run(['pools', 'list'], { keyFile: readFile })).code).toBe(5);
  });

  it('events: the audit log names who did it', async () => {
    const ev = json(await run(['events', '--pool', 'lab', '--type', 'pool_created', '--json']));
    expect(ev).toEqual(await srv.ok('GET', `/events?pool_id=${ids.pool}&event_type=pool_created`));
    expect(ev.items).toHaveLength(1);
  });

  it('exit codes: bad key 5, unknown name or id 1, conflict 4, server down 3; the key is never printed', async () => {
    const bad = path.join(dir, 'bad-key');
    writeFileSync(bad, 'psk_not-a-key-anybody-has-0123456789', { mode: 0o600 });
    const r5 = await run(['pools', 'list'], { keyFile: bad });
    expect(r5.code).toBe(5);
    expect(r5.stderr).toMatch(/^error: authentication failed/);
    expect((await run(['pools', 'show', '00000000-0000-4000-8000-00000000abcd'])).code).toBe(1);
    expect((await run(['operations', 'show', '00000000-0000-4000-8000-00000000abcd'])).code).toBe(1);
    const noName = await run(['endpoints', 'show', 'nobody']);
    expect(noName.code).toBe(1);
    expect(noName.stderr).toMatch(/no endpoint named 'nobody'/);
    expect((await run(['pools', 'create', 'lab'])).code).toBe(4);
    await srv.stop();
    const down = await run(['pools', 'list']);
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/cannot reach the server/);
    for (const r of runs) expect(r.stdout + r.stderr).not.toContain(srv.adminKey);
  });
});

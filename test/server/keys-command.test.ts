// The built `pacsync-server keys …` command and the first-start admin key of `serve`, on both
// engines: the secret is printed once (never into the log; a generated admin key goes to a 0600
// file in the data directory), and the keys act on the same database the API serves.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/database.js';
import { runServerCli, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { until } from '../support/wait.js';

const KEY = /psk_[A-Za-z0-9_-]{43}/g;

describe.each(DIALECTS)('pacsync-server keys on %s', (dialect) => {
  let api: TestApp;
  beforeEach(async () => {
    api = await createTestApp(dialect);
  });
  afterEach(() => api.close());
  const keys = (...args: string[]) => runServerCli(['keys', ...args], { env: api.database.env });

  it('create prints the key once; list shows it without the secret; revoke stops it', async () => {
    const created = await keys('create', '--role', 'read', '--name', 'grafana');
    expect(created.code, created.stderr).toBe(0);
    const secrets = created.stdout.match(KEY) ?? [];
    expect(secrets).toHaveLength(1);
    const secret = secrets[0] ?? '';
    expect((await api.request('GET', '/pools', { key: secret })).statusCode).toBe(200);
    const id = /created read key ([0-9a-f-]{36})/.exec(created.stdout)?.[1] ?? '';

    const list = await keys('list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^${id}\\tread\\tgrafana\\t-\\tactive\\t`, 'm'));
    expect(list.stdout).not.toContain(secret);
    expect(list.stdout).not.toMatch(/[0-9a-f]{64}/); // no hash either

    const revoked = await keys('revoke', id);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked read key ${id} (grafana)\n` });
    expect((await api.request('GET', '/pools', { key: secret })).statusCode).toBe(401);
    const events = (await api.request<{ items: { event_type: string; user_id: string }[] }>('GET', '/events?limit=5')).json().data.items;
    expect(events.map((e) => e.event_type).slice(0, 2)).toEqual(expect.arrayContaining(['api_key_created', 'api_key_revoked']));
    expect(events[0]?.user_id).toMatch(/^cli/);
  });

  it('--pool takes the pool by name', async () => {
    const pool = (await api.request<{ id: string }>('POST', '/pools', { body: { name: 'lab-cli' } })).json().data.id;
    const created = await keys('create', '--role', 'enroll', '--name', 'lab', '--pool', 'lab-cli', '--json');
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ role: 'enroll', pool_id: pool });
  });

  it('bad usage is one line on stderr and a non-zero exit, with nothing created', async () => {
    const before = await api.rowCounts();
    for (const [args, pattern] of [
      [['create', '--role', 'endpoint'], /^pacsync-server: --endpoint: is required for role endpoint$/],
      [['create', '--role', 'root'], /argument 'root' is invalid/],
      [['create', '--role', 'enroll', '--pool', 'no-such-lab'], /^pacsync-server: pool no-such-lab not found$/],
      [['create', '--role', 'read', '--expires', 'soon'], /^pacsync-server: --expires: "soon" is not an ISO-8601/],
      [['revoke', '00000000-0000-4000-8000-000000000009'], /API key 00000000-0000-4000-8000-000000000009 not found/],
    ] as const) {
      const r = await keys(...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
    }
    expect(await api.rowCounts()).toEqual(before);
  });
});

describe.each(DIALECTS)('serve: first-start admin key on %s', (dialect) => {
  let t: TestDatabase;
  let dataDir: string;
  let server: ServerProcess | null = null;
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    dataDir = mkdtempSync(path.join(tmpdir(), 'pacsync-data-'));
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = null;
    await t.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const serve = (env: Record<string, string> = {}) =>
    startServerProcess(['--port', '0', '--host', '127.0.0.1'], {
      env: { ...t.env, PACSYNC_DATA_DIR: dataDir, PACSYNC_LOGGING_LEVEL: 'info', ...env },
    });
  const authorised = async (url: string, key: string) => (await fetch(`${url}/api/v1/keys`, { headers: { authorization: `Bearer ${key}` } })).status;

  it('generates an admin key once, only on the first start, into a file: never into the (piped) output or the log', async () => {
    server = await serve();
    const file = path.join(dataDir, 'admin-key');
    expect(server.output()).toContain(`wrote it to ${file} (mode 0600)`);
    const key = readFileSync(file, 'utf8').trim();
    expect(key).toMatch(KEY);
    const logged = (): number =>
      server
        ?.output()
        .split('\n')
        .filter((l) => l.includes('request completed')).length ?? 0;
    const before = logged();
    expect(await authorised(server.url, key)).toBe(200);
    // The request log of that call carries no key either.
    await until('the request to be logged', () => logged() > before);
    expect(server.output().match(KEY)).toBeNull();
    expect(await server.stop()).toBe(0);

    server = await serve();
    expect(server.output()).not.toContain('no admin key existed');
    expect(server.output().match(KEY)).toBeNull();
    expect(await authorised(server.url, key)).toBe(200);
  });

  it('takes PACSYNC_ADMIN_KEY as the admin key without printing it', async () => {
    const configured = 'site-admin-key-from-the-environment-123';
    server = await serve({ PACSYNC_ADMIN_KEY: configured });
    expect(server.output()).toContain('PACSYNC_ADMIN_KEY is now the admin key');
    expect(server.output()).not.toContain(configured);
    expect(server.output().match(KEY)).toBeNull();
    expect(await authorised(server.url, configured)).toBe(200);
  });
});

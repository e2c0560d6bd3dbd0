// `pacsync-server serve` as users run it (the built binary): `npm start` on SQLite under ./data,
// refusing to start with pending migrations when auto_migrate is off, and surviving a PostgreSQL
// restart without being restarted itself.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Migration, loadMigrations } from '../../src/db/migration.js';
import { type PostgresCluster, startPostgres } from '../support/postgres.js';
import { SERVER_CLI, type ServerProcess, getJson, runServerCli, startServerProcess } from '../support/server-process.js';
import { missingTools } from '../support/tools.js';
import { until } from '../support/wait.js';

/** The migrations this build ships (the built binary ships the same), and the newest of them. */
const MIGRATIONS = await loadMigrations();
const LATEST = MIGRATIONS.at(-1) as Migration;

let dir: string;
let server: ServerProcess | null = null;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pacsync-serve-'));
});
afterEach(async () => {
  await server?.stop('SIGKILL');
  server = null;
  rmSync(dir, { recursive: true, force: true });
});

describe('pacsync-server serve on SQLite (npm start)', () => {
  it('creates ./data/pacsync.db, prints its URL, is ready, and stops cleanly on SIGTERM', async () => {
    server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { cwd: dir });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output()).toContain(`database: SQLite ${path.join(dir, 'data', 'pacsync.db')}`);
    expect(server.output()).toContain(`applied migration ${LATEST.version} (${LATEST.description})`);
    expect(existsSync(path.join(dir, 'data', 'pacsync.db'))).toBe(true);

    const ready = await getJson(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.data).toMatchObject({
      status: 'ready',
      database: { engine: 'sqlite', reachable: true },
      migrations: { current: LATEST.version, pending: [] },
    });
    expect((await getJson(`${server.url}/api/v1/health/live`)).status).toBe(200);
    expect((await getJson(`${server.url}/docs/json`)).body.openapi).toMatch(/^3\./);

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('pacsync-server: stopped');
    // A clean stop releases the one-instance lock (nothing beside the database file is left).
    expect(existsSync(path.join(dir, 'data', 'pacsync.db.lock'))).toBe(false);
    expect(existsSync(path.join(dir, 'data', 'pacsync.db.lock.owner'))).toBe(false);
    // Restart on the same data: nothing left to migrate.
    server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { cwd: dir });
    expect(server.output()).not.toContain('applied migration');
  });

  it('a second server on the same SQLite file is refused with a clear message; after a kill -9 the next one starts', async () => {
    server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { cwd: dir });
    const second = await runServerCli(['serve', '--port', '0', '--host', '127.0.0.1'], { cwd: dir });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`another pacsync-server is already serving the SQLite database ${path.join(dir, 'data', 'pacsync.db')}`);
    expect(second.stderr).toContain('use PostgreSQL to run several');
    expect(second.stderr).not.toMatch(/\n\s+at /);
    // The first one still serves.
    expect((await getJson(`${server.url}/health/ready`)).status).toBe(200);
    // A one-shot command runs beside it.
    expect((await runServerCli(['migrate', '--status'], { cwd: dir })).code).toBe(0);
    // Killed without a chance to release: the lock goes stale and a new server takes over.
    await server.stop('SIGKILL');
    server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { cwd: dir, timeoutMs: 40_000 });
    expect((await getJson(`${server.url}/health/ready`)).status).toBe(200);
  }, 90_000);

  it('first start: the generated admin key goes to <data_dir>/admin-key (0600), never into a piped output', async () => {
    server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { cwd: dir });
    const file = path.join(dir, 'data', 'admin-key');
    expect(server.output()).toContain(`no admin key existed: generated one (id `);
    expect(server.output()).toContain(`and wrote it to ${file} (mode 0600)`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = readFileSync(file, 'utf8').trim();
    expect(key).toMatch(/^psk_[A-Za-z0-9_-]{43}$/);
    const res = await fetch(`${server.url}/api/v1/keys`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);
    // Standard output is a pipe here (as under systemd, where it is the journal): no key in it.
    expect(server.output()).not.toContain('psk_');
    // A second start finds the admin key and leaves the file alone.
    server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { cwd: dir });
    expect(server.output()).not.toContain('no admin key existed');
    expect(readFileSync(file, 'utf8').trim()).toBe(key);
  });

  it.skipIf(missingTools('script', 'timeout'))('first start on a terminal also shows the generated admin key there, once', async () => {
    // util-linux's `script` gives the server a terminal as standard output; `timeout` bounds its life.
    // The shell prints its pid, which `exec` hands to `timeout`: stopping that stops the server.
    const command = `echo PID:$$; exec timeout 60 ${process.execPath} ${SERVER_CLI} serve --port 0 --host 127.0.0.1`;
    const child = spawn('script', ['-qec', `sh -c '${command}'`, '/dev/null'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    try {
      await until('the server listening', async () => (/listening on/.test(out) ? true : null));
      const key = readFileSync(path.join(dir, 'data', 'admin-key'), 'utf8').trim();
      expect(out).toContain('It is shown here ONCE');
      expect(out).toContain(`  ${key}`);
    } finally {
      const pid = Number(/PID:(\d+)/.exec(out)?.[1]);
      if (pid > 0) process.kill(pid, 'SIGTERM');
      child.kill('SIGTERM');
    }
  });

  it('with auto_migrate = false refuses to start, naming the pending migrations', async () => {
    const conf = path.join(dir, 'server.conf');
    writeFileSync(conf, '[server]\nauto_migrate = false\n');
    const r = await runServerCli(['serve', '--config', conf, '--port', '0'], { env: { PACSYNC_DATA_DIR: path.join(dir, 'state') } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `pacsync-server: database needs migration ${MIGRATIONS.map((m) => m.version).join(', ')}; ` +
        `run "pacsync-server migrate --apply-all" or set [server] auto_migrate = true`,
    ]);
    // After migrating by hand it starts.
    expect((await runServerCli(['migrate', '--apply-all', '--config', conf], { env: { PACSYNC_DATA_DIR: path.join(dir, 'state') } })).code).toBe(0);
    server = await startServerProcess(['--config', conf, '--port', '0', '--host', '127.0.0.1'], {
      env: { PACSYNC_DATA_DIR: path.join(dir, 'state') },
    });
    expect((await getJson(`${server.url}/health/ready`)).status).toBe(200);
  });
});

describe('pacsync-server serve on PostgreSQL', () => {
  let pg: PostgresCluster | null = null;
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = null;
    await pg?.remove();
    pg = null;
  });

  it('answers 503 with the reason while PostgreSQL is down and recovers by itself when it is back', async () => {
    pg = await startPostgres({ maxConnections: 40 });
    server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { env: { DATABASE_URL: pg.adminUrl } });
    expect(server.output()).toContain('database: PostgreSQL postgres://postgres:***@127.0.0.1');
    expect(server.output()).not.toContain('postgres:postgres@');
    expect((await getJson(`${server.url}/health/ready`)).body.data.database.engine).toBe('postgresql');

    await pg.stop();
    const down = await until('a 503', async () => {
      const r = await getJson(`${server!.url}/health/ready`);
      return r.status === 503 ? r : null;
    }).catch((err: Error) => {
      // Say what the server said (it flaked once under load: was it gone, or slow?).
      throw new Error(`${err.message}; server exit code ${server?.child.exitCode}, output:\n${server?.output().slice(-4000)}`);
    });
    expect(down.body.success).toBe(false);
    expect(down.body.error.code).toBe('DATABASE_ERROR');
    expect(down.body.error.message).toMatch(/^database unreachable: (connection refused|connection lost|database server is shutting down)$/);
    expect(down.body.error.details.database).toMatchObject({ engine: 'postgresql', reachable: false });
    expect((await getJson(`${server.url}/health/live`)).status).toBe(200);

    await pg.start();
    const up = await until('ready again', async () => {
      const r = await getJson(`${server!.url}/health/ready`);
      return r.status === 200 ? r : null;
    });
    expect(up.body.data).toMatchObject({ status: 'ready', migrations: { current: LATEST.version, pending: [] } });
    expect(server.child.exitCode).toBeNull(); // the same process throughout
    expect(await server.stop('SIGTERM')).toBe(0);
  }, 120_000);
});

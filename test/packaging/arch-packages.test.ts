// The Arch packages, built as an administrator builds them — `npm run package:arch`, i.e. Debian's
// makepkg as an unprivileged build user — then installed with the real pacman into sandbox roots
// (`pacman -U --root`). Built once for the whole file. Two parts:
//
//   the packages   install with their dependencies satisfied (stub nodejs and pacman packages
//                  stand in for Arch's), list the files an administrator relies on, run from the
//                  installed files (the agent with nothing but node; the server with its own
//                  node_modules and native SQLite module), and leave an edited configuration as
//                  .pacsave when removed
//   the hook       pacman runs hooks chrooted into the root, so the root gets this machine's node
//                  (and its libraries) as Arch's nodejs would provide it; the installed
//                  zz-pacsync.hook then reports every transaction to a live server — by itself
//                  without a daemon, by nudging a running daemon, never while an operation of the
//                  agent's own runs — and a server that does not answer neither fails the
//                  transaction nor holds it up longer than the hook's bound.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { appendFile, copyFile, link, mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeConfigValues } from '../../src/agent/config.js';
import { ROOT, ensureAgentBuilt } from '../support/agent-cli.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { buildPackage, pacman, pacmanQ, sandboxSkipReason, type BuiltPackage, type PacmanResult, type Sandbox } from '../support/pacman-sandbox.js';
import { missingTools } from '../support/tools.js';
import { until } from '../support/wait.js';

const exec = promisify(execFile);
const skip = sandboxSkipReason({ needRoot: true }) ?? missingTools('makepkg', 'fakeroot', 'setpriv', 'ldd');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** The hook's bound (packaging/arch/zz-pacsync.hook: --timeout 5). */
const HOOK_BOUND_MS = 5000;

let work: string;
let agentPkg: string;
let serverPkg: string;
let stubs: BuiltPackage[];

/**
 * A sandbox whose database and pacman.conf live inside the root, where the agent finds them when
 * pacman runs the hook chrooted there (/var/lib/pacman, /etc/pacman.conf).
 */
async function rootSandbox(name: string): Promise<Sandbox> {
  const dir = path.join(work, name);
  const root = path.join(dir, 'root');
  const dbpath = path.join(root, 'var/lib/pacman');
  const cachedir = path.join(dir, 'cache');
  const config = path.join(root, 'etc/pacman.conf');
  for (const d of [dbpath, cachedir, path.join(dir, 'gnupg'), path.dirname(config)]) await mkdir(d, { recursive: true });
  await writeFile(config, '[options]\nArchitecture = x86_64\nSigLevel = Never\nLocalFileSigLevel = Never\n');
  const logFile = path.join(dir, 'pacman.log');
  return {
    dir,
    root,
    dbpath,
    cachedir,
    config,
    logFile,
    repos: [],
    pacmanArgs: [
      '--root',
      root,
      '--dbpath',
      dbpath,
      '--config',
      config,
      '--cachedir',
      cachedir,
      '--logfile',
      logFile,
      '--gpgdir',
      path.join(dir, 'gnupg'),
    ],
    env: { PACSYNC_PACMAN_ROOT: root, PACSYNC_PACMAN_CONFIG_PATH: config, PACSYNC_PACMAN_CACHE_DIR: cachedir },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** This machine's node and the libraries it loads, at the same paths inside `root`. */
async function addNode(root: string): Promise<void> {
  const { stdout } = await exec('ldd', [process.execPath]);
  const libs = [...stdout.matchAll(/(\/\S+) \(0x/g)].map((m) => m[1] as string);
  for (const [from, to] of [[process.execPath, '/usr/bin/node'], ...libs.map((l) => [l, l])] as [string, string][]) {
    const dest = path.join(root, to);
    await mkdir(path.dirname(dest), { recursive: true });
    const real = await realpath(from);
    await link(real, dest).catch(() => copyFile(real, dest));
  }
}

async function install(sb: Sandbox, files: string[]): Promise<PacmanResult & { ms: number }> {
  const started = Date.now();
  // The C locale, as a root shell or a timer may run pacman (pacman() sets LC_ALL=C); no extra CA
  // file, which the chroot has not got (node would warn about it on every hook).
  const r = await pacman(sb, ['-U', ...files], { allowFailure: true, env: { NODE_EXTRA_CA_CERTS: '' } });
  return { ...r, ms: Date.now() - started };
}

/** pacman's output lines that are not its own progress: what a hook printed. */
const hookLines = (r: PacmanResult): string[] => `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /^pacsync|error|warning|execv/i.test(l));

beforeAll(async () => {
  if (skip) return;
  ensureAgentBuilt();
  work = await mkdtemp(path.join(tmpdir(), 'pacsync-arch-'));
  const out = path.join(work, 'packages');
  await exec(process.execPath, [path.join(ROOT, 'scripts/package-arch.mjs'), '--no-build', '--out', out], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
  const files = await readdir(out);
  agentPkg = path.join(out, files.find((f) => f.startsWith(`pacsync-${VERSION}-`)) as string);
  serverPkg = path.join(out, files.find((f) => f.startsWith(`pacsync-server-${VERSION}-`)) as string);
  await mkdir(path.join(work, 'stubs'));
  // What Arch's repositories provide; no files (node itself is added where a test needs it).
  stubs = [
    await buildPackage({ name: 'nodejs', version: '20.19.0-1', files: {} }, path.join(work, 'stubs')),
    await buildPackage({ name: 'pacman', version: '6.1.0-1', files: {} }, path.join(work, 'stubs')),
  ];
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(skip)('the pacsync and pacsync-server packages (makepkg, pacman -U --root)', () => {
  let sb: Sandbox;

  beforeAll(async () => {
    sb = await rootSandbox('install');
    await addNode(sb.root);
    await install(
      sb,
      stubs.map((s) => s.path),
    );
  });

  test('are named after package.json, and install with pacman -U, their dependencies satisfied, silently', async () => {
    expect(path.basename(agentPkg)).toBe(`pacsync-${VERSION}-1-any.pkg.tar.zst`);
    expect(path.basename(serverPkg)).toBe(`pacsync-server-${VERSION}-1-x86_64.pkg.tar.zst`);
    const r = await install(sb, [agentPkg, serverPkg]);
    expect(r.code, r.stderr).toBe(0);
    // The hook ran on this very transaction: the machine is not registered yet, so it says nothing.
    expect(r.stdout).toMatch(/Reporting the package changes to the pacsync server/);
    expect(hookLines(r)).toEqual([]);
    expect(await pacmanQ(sb)).toBe(`nodejs 20.19.0-1\npacman 6.1.0-1\npacsync ${VERSION}-1\npacsync-server ${VERSION}-1\n`);
  });

  test('pacman -Ql lists the hook, the units, the configurations, tmpfiles.d and sysusers.d', async () => {
    const files = async (name: string): Promise<string[]> =>
      (await pacmanQ(sb, '-lq', name))
        .split('\n')
        .map((f) => f.slice(sb.root.length))
        .filter((f) => f !== '' && !f.endsWith('/'));
    const agent = await files('pacsync');
    expect(agent.sort()).toEqual(
      [
        '/etc/pacman-sync/client.conf',
        '/usr/bin/pacsync',
        '/usr/lib/pacsync/pacsync.cjs',
        '/usr/lib/systemd/system/pacsync.service',
        '/usr/lib/tmpfiles.d/pacsync.conf',
        '/usr/share/libalpm/hooks/zz-pacsync.hook',
      ].sort(),
    );
    const server = await files('pacsync-server');
    for (const f of [
      '/etc/pacman-sync/server.conf',
      '/usr/bin/pacsync-server',
      '/usr/lib/systemd/system/pacsync-server.service',
      '/usr/lib/sysusers.d/pacsync-server.conf',
      '/usr/lib/tmpfiles.d/pacsync-server.conf',
    ]) {
      expect(server).toContain(f);
    }
    expect(server).toContain('/usr/lib/pacsync-server/node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    // Every file pacman recorded is on disk (a name pacman cannot extract is left out silently).
    const onDisk = (f: string): boolean => {
      try {
        lstatSync(path.join(sb.root, f));
        return true;
      } catch {
        return false;
      }
    };
    expect([...agent, ...server].filter((f) => !onDisk(f))).toEqual([]);
    expect(server.some((f) => f.includes('/node_modules/typescript/') || f.includes('/node_modules/vitest/'))).toBe(false);
    // What is installed is what the repository holds (the files the other tests check).
    const same: [string, string][] = [
      ['usr/share/libalpm/hooks/zz-pacsync.hook', 'packaging/arch/zz-pacsync.hook'],
      ['usr/lib/systemd/system/pacsync.service', 'packaging/systemd/pacsync.service'],
      ['usr/lib/systemd/system/pacsync-server.service', 'packaging/systemd/pacsync-server.service'],
      ['etc/pacman-sync/client.conf', 'packaging/config/client.conf'],
      ['etc/pacman-sync/server.conf', 'packaging/config/server.conf'],
    ];
    for (const [installed, repo] of same)
      expect(await readFile(path.join(sb.root, installed), 'utf8'), installed).toBe(await readFile(path.join(ROOT, repo), 'utf8'));
    expect((await pacman(sb, ['-Qii', 'pacsync'])).stdout).toMatch(/^UNMODIFIED\t\S+\/etc\/pacman-sync\/client\.conf$/m);
    expect((await pacman(sb, ['-Qii', 'pacsync-server'])).stdout).toMatch(/^UNMODIFIED\t\S+\/etc\/pacman-sync\/server\.conf$/m);
  });

  test('the installed agent is one file that runs with node alone: --version, and query against the root', async () => {
    expect(await readdir(path.join(sb.root, 'usr/lib/pacsync'))).toEqual(['pacsync.cjs']);
    const agent = path.join(sb.root, 'usr/lib/pacsync/pacsync.cjs');
    const env = { PATH: process.env.PATH ?? '/usr/bin', LC_ALL: 'C', HOME: '/nonexistent' };
    // From a directory with no node_modules anywhere above it.
    const opts = { cwd: sb.root, env };
    expect((await exec(process.execPath, [agent, '--version'], opts)).stdout).toBe(`${VERSION}\n`);
    const q = await exec(process.execPath, [agent, 'query'], { ...opts, env: { ...env, PACSYNC_PACMAN_ROOT: sb.root } });
    expect(q.stdout).toBe(await pacmanQ(sb));
    expect(q.stdout).toContain(`pacsync ${VERSION}-1\n`);
  });

  test('the installed server runs from its own files: --version, and migrations on a new SQLite database', async () => {
    const cli = path.join(sb.root, 'usr/lib/pacsync-server/dist/src/server/cli.js');
    const data = path.join(sb.dir, 'server-data');
    await mkdir(data);
    const env = { PATH: process.env.PATH ?? '/usr/bin', LC_ALL: 'C', HOME: '/nonexistent', PACSYNC_SERVER_DATA_DIR: data };
    const conf = path.join(sb.root, 'etc/pacman-sync/server.conf');
    expect((await exec(process.execPath, [cli, '--version'], { cwd: sb.root, env })).stdout).toBe(`${VERSION}\n`);
    await exec(process.execPath, [cli, 'migrate', '--apply-all', '--config', conf], { cwd: sb.root, env });
    const status = (await exec(process.execPath, [cli, 'migrate', '--status', '--config', conf], { cwd: sb.root, env })).stdout;
    // Every migration of this checkout was shipped and applied.
    const migrations = (await readdir(path.join(ROOT, 'src/db/migrations'))).filter((f) => /^\d{3,}-.*\.ts$/.test(f)).length;
    expect(status).toContain(`${migrations} migrations: ${migrations} applied, 0 pending`);
    expect(existsSync(path.join(data, 'pacsync.db'))).toBe(true);
  });

  test('removing the packages keeps an edited configuration as .pacsave and removes an unedited one', async () => {
    const client = path.join(sb.root, 'etc/pacman-sync/client.conf');
    await appendFile(client, '\n[client]\nendpoint_name = kept-by-pacsave\n');
    const r = await pacman(sb, ['-R', 'pacsync', 'pacsync-server']);
    expect(r.stderr + r.stdout).toMatch(/client\.conf saved as .*client\.conf\.pacsave/);
    expect(await readFile(`${client}.pacsave`, 'utf8')).toContain('endpoint_name = kept-by-pacsave');
    expect(existsSync(client)).toBe(false);
    expect(existsSync(path.join(sb.root, 'etc/pacman-sync/server.conf'))).toBe(false);
    expect(existsSync(path.join(sb.root, 'etc/pacman-sync/server.conf.pacsave'))).toBe(false);
    expect(existsSync(path.join(sb.root, 'usr/bin/pacsync'))).toBe(false);
  });
});

describe.skipIf(skip)('the pacman hook zz-pacsync.hook, installed with the package', () => {
  let sb: Sandbox;
  let srv: LiveServer;
  let endpointId: string;
  let version = 0;
  const stateDir = (): string => path.join(sb.root, 'var/lib/pacman-sync');

  /** A new package `hello-N` for the next transaction. */
  async function nextPackage(): Promise<BuiltPackage> {
    version++;
    return buildPackage({ name: `hello${version}`, version: `1.${version}-1` }, path.join(sb.dir, 'cache'));
  }

  /** The server's current state of the endpoint has package `name`. */
  async function reported(name: string): Promise<boolean> {
    const ep = await srv.ok<{ current_state_id: string | null }>('GET', `/endpoints/${endpointId}`);
    if (!ep.current_state_id) return false;
    const s = await srv.ok<{ state_data: { packages: Record<string, unknown> } }>('GET', `/states/${ep.current_state_id}`);
    return name in s.state_data.packages;
  }

  beforeAll(async () => {
    srv = await startLiveServer('sqlite');
    const pool = await srv.ok<{ id: string }>('POST', '/pools', { name: 'hooked' });
    sb = await rootSandbox('hook');
    await addNode(sb.root);
    await install(
      sb,
      stubs.map((s) => s.path),
    );
    const r = await install(sb, [agentPkg]);
    expect(r.code, r.stderr).toBe(0);
    // Registered as `pacsync register` leaves it: the packaged file with the server and the key set.
    const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name: 'hooked-1', hostname: 'hooked-1.lan', pool_id: pool.id });
    endpointId = ep.id;
    writeConfigValues(path.join(sb.root, 'etc/pacman-sync/client.conf'), {
      server: { url: srv.url, api_key: ep.api_key },
      client: { endpoint_name: 'hooked-1', endpoint_id: ep.id },
    });
  });

  afterAll(async () => {
    await srv?.close();
  });

  test('without a daemon: pacman -U makes the new state arrive on the server within seconds, silently', async () => {
    const pkg = await nextPackage();
    const r = await install(sb, [pkg.path]);
    expect(r.code, r.stderr).toBe(0);
    expect(hookLines(r)).toEqual([]);
    // The hook has returned when pacman does: the report is there already, or a moment later.
    await until('the state with the new package on the server', () => reported(pkg.spec.name), { timeoutMs: 5000 });
  });

  test('a server that accepts and never answers: the transaction succeeds within the bound, the report stays queued', async () => {
    const port = srv.port;
    await srv.stop();
    const held: Socket[] = [];
    const blackhole: Server = createServer((s) => held.push(s));
    await new Promise<void>((resolve) => blackhole.listen(port, '127.0.0.1', resolve));
    try {
      const pkg = await nextPackage();
      const r = await install(sb, [pkg.path]);
      expect(r.code, r.stderr).toBe(0);
      // pacman itself, node starting in the chroot: a few seconds on a loaded two-core machine.
      expect(r.ms).toBeLessThan(HOOK_BOUND_MS + 4000);
      expect(held.length).toBeGreaterThan(0); // it did try the server
      const lines = hookLines(r);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^pacsync hook: /);
      const queue = JSON.parse(await readFile(path.join(stateDir(), 'report-queue.json'), 'utf8')) as {
        kind: string;
        body: { packages: Record<string, unknown> };
      }[];
      expect(queue.some((i) => i.kind === 'state' && pkg.spec.name in i.body.packages)).toBe(true);
    } finally {
      for (const s of held) s.destroy();
      await new Promise<void>((resolve) => blackhole.close(() => resolve()));
      await srv.start();
    }
  });

  describe('with the daemon running', () => {
    let daemon: ChildProcess;
    let log = '';
    let exited: Promise<number | null>;

    beforeAll(async () => {
      // The installed agent as the unit runs it, pointed at the root from outside; it looks at the
      // database only every two minutes by itself, so a prompt report can only come from the hook.
      const env = {
        PATH: process.env.PATH ?? '/usr/bin',
        LC_ALL: 'C',
        HOME: '/nonexistent',
        ...sb.env,
        PACSYNC_PACMAN_DBPATH: sb.dbpath,
        PACSYNC_STATE_DIR: stateDir(),
        PACSYNC_DAEMON_WATCH_INTERVAL: '120',
        PACSYNC_DAEMON_POLL_INTERVAL: '120',
        PACSYNC_DAEMON_HEARTBEAT_INTERVAL: '120',
      };
      daemon = spawn(
        process.execPath,
        [path.join(sb.root, 'usr/lib/pacsync/pacsync.cjs'), '--config', path.join(sb.root, 'etc/pacman-sync/client.conf'), 'daemon'],
        { env, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      daemon.stdout?.on('data', (c: Buffer) => (log += c.toString()));
      daemon.stderr?.on('data', (c: Buffer) => (log += c.toString()));
      exited = new Promise((resolve) => daemon.on('exit', (code) => resolve(code)));
      await until('the daemon to listen for the hook', () => existsSync(path.join(stateDir(), 'daemon.sock')));
      // It sends what the last test left queued first.
      await until('the queued report to be sent', () => !existsSync(path.join(stateDir(), 'report-queue.json')));
    });

    afterAll(async () => {
      if (daemon.exitCode === null && daemon.signalCode === null) daemon.kill('SIGTERM');
      await exited;
    });

    test('the hook nudges it: the daemon reports the change at once, not at its next look', async () => {
      const pkg = await nextPackage();
      const r = await install(sb, [pkg.path]);
      expect(r.code, r.stderr).toBe(0);
      expect(hookLines(r)).toEqual([]);
      await until('the state with the new package on the server', () => reported(pkg.spec.name), { timeoutMs: 10_000 });
      expect(log).toContain('local database changed: state queued');
    });

    test('stopped, its socket is gone and the hook reports by itself again', async () => {
      daemon.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(existsSync(path.join(stateDir(), 'daemon.sock'))).toBe(false);
      const pkg = await nextPackage();
      const r = await install(sb, [pkg.path]);
      expect(hookLines(r)).toEqual([]);
      await until('the state with the new package on the server', () => reported(pkg.spec.name), { timeoutMs: 5000 });
    });
  });

  test("while an operation of the agent's own runs, the hook reports nothing (the operation reports itself)", async () => {
    // The lock a sync or revert holds from its preparation to its last pacman step, held by a live
    // process (this one) as src/agent/state-dir/operation-lock.ts writes it.
    const lock = path.join(stateDir(), 'operation.lock');
    await writeFile(lock, `${process.pid} test-operation\n`);
    try {
      const pkg = await nextPackage();
      const r = await install(sb, [pkg.path]);
      expect(r.code, r.stderr).toBe(0);
      expect(hookLines(r)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await reported(pkg.spec.name)).toBe(false);
      expect(existsSync(path.join(stateDir(), 'report-queue.json'))).toBe(false);
    } finally {
      await rm(lock, { force: true });
    }
    // Once it is over, the next transaction is reported (with everything since).
    const pkg = await nextPackage();
    await install(sb, [pkg.path]);
    await until('the state with the new package on the server', () => reported(pkg.spec.name), { timeoutMs: 5000 });
  });
});

// The fleet simulator's driver, as a module (issue #17; the reliability suite's soak reuses it):
//
//   const fleet = await startFleet({ endpoints: 10_000, engine: 'sqlite', timeScale: 1 });
//   const result = await fleet.run(10 * 60_000);   // or fleet.start(); … fleet.snapshot(); … fleet.halt()
//   await fleet.stop();
//
// startFleet starts the BUILT server (dist/, `npm run build`) as a separate process — on SQLite in
// a temp data directory, or on PostgreSQL (a private cluster, or `databaseUrl`) — or uses a
// running one (`server`); creates the pools and an auto-approving enroll key; forks the worker
// processes (agent-worker.ts), which register every endpoint through the enrollment API and send
// its first full state (the setup phase, reported apart); one target per pool is then set. run()
// plays the fleet for a duration while sampling the server's CPU (user + system from
// /proc/<pid>/stat) and RSS once a second, and answers the merged statistics. acknowledged() tells,
// per endpoint, which states and content hashes the server acknowledged (the reliability soak
// compares them with the database); `serverLog` receives the started server's output line by line.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateApiKey } from '../../src/server/auth/api-key.js';
import { adminQuery, databaseUrl } from '../../test/support/database-templates.js';
import { type PostgresCluster, startPostgres } from '../../test/support/postgres.js';
import { type ServerProcess, startServerProcess } from '../../test/support/server-process.js';
import { api, cpuSeconds, mergeStats, rssBytes, startWorker } from './fleet-support.js';
import type { Acknowledged, WorkerInit, WorkerMessage, WorkerStats } from './protocol.js';

export type { Acknowledged } from './protocol.js';

export type Engine = 'sqlite' | 'postgres';

export interface FleetOptions {
  endpoints: number;
  engine: Engine;
  /** Simulated seconds per real second (60: a heartbeat every second). Default 1. */
  timeScale?: number;
  workers?: number;
  seed?: number;
  /** Members per pool (default 1,000: 10 pools for 10,000 endpoints). */
  poolSize?: number;
  heartbeatSeconds?: number;
  reportSeconds?: number;
  statusSeconds?: number;
  /** Fleet-wide, per simulated minute. */
  setLatestPerMinute?: number;
  syncPerMinute?: number;
  repositoriesPerMinute?: number;
  changeProbability?: number;
  connectionsPerWorker?: number;
  collectStateIds?: boolean;
  /** How long halt() waits for answers still owed (default 30 s); the rest count as unanswered. */
  drainSeconds?: number;
  /** A running server instead of starting one (its pid, when known, for CPU and RSS). */
  server?: { url: string; adminKey: string; pid?: number };
  /** PostgreSQL: this database instead of a private cluster. */
  databaseUrl?: string;
  /** Extra environment for the server process (PACSYNC_* settings). */
  serverEnv?: Record<string, string>;
  /** Every line the started server prints (stdout and stderr), e.g. into a log file. */
  serverLog?: (line: string) => void;
  log?: (line: string) => void;
}

export interface Sample {
  /** Seconds since run() started. */
  t: number;
  /** Server CPU over the last interval, in cores. */
  cpuCores: number;
  rssBytes: number;
}

export interface FleetStats extends WorkerStats {
  wallSeconds: number;
  samples: Sample[];
  /** CPU seconds (user + system) the server spent during the run. */
  serverCpuSeconds: number;
}

export interface Fleet {
  url: string;
  adminKey: string;
  /** The auto-approving enroll key the agents registered with. */
  enrollKey: string;
  serverPid: number | null;
  engine: Engine;
  /** Every registered endpoint, with its API key. */
  endpoints: { id: string; pool: string; key: string }[];
  /** Registration and first reports (not part of run()'s statistics). */
  setup: FleetStats;
  /** Plays the fleet for `ms` and answers what happened meanwhile. */
  run(ms: number): Promise<FleetStats>;
  /** For long runs: start, read snapshot() now and then (reset starts a new window), halt(). */
  start(): void;
  snapshot(reset?: boolean): Promise<FleetStats>;
  halt(): Promise<FleetStats>;
  /** Per endpoint, what the server acknowledged so far (every worker's agents). */
  acknowledged(): Promise<Acknowledged[]>;
  /** How many of these state ids are stored. */
  storedStates(ids: string[]): Promise<number>;
  /** The database's size on disk (SQLite: file + WAL; PostgreSQL: pg_database_size). */
  databaseBytes(): Promise<number>;
  /** Stops the workers, the server (when started here) and the private cluster. */
  stop(): Promise<void>;
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const log = o.log ?? (() => undefined);
  const timeScale = o.timeScale ?? 1;
  const workerCount = Math.max(1, Math.min(o.workers ?? Math.min(4, Math.ceil(o.endpoints / 500)), o.endpoints));
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    let url: string;
    let adminKey: string;
    let serverPid: number | null = null;
    let databaseBytes: () => Promise<number> = async () => 0;
    let pgUrl: string | null = null;
    let sqliteFile: string | null = null;
    if (o.server) {
      ({ url, adminKey } = o.server);
      serverPid = o.server.pid ?? null;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-fleet-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      adminKey = generateApiKey();
      const env: Record<string, string> = {
        PACSYNC_ADMIN_KEY: adminKey,
        PACSYNC_DATA_DIR: path.join(dir, 'data'),
        PACSYNC_SECURITY_API_RATE_LIMIT: '0',
        PACSYNC_LOGGING_LEVEL: 'warn',
        ...o.serverEnv,
      };
      if (o.engine === 'postgres') {
        if (o.databaseUrl) pgUrl = o.databaseUrl;
        else {
          const cluster: PostgresCluster = await startPostgres({ maxConnections: 100 });
          cleanups.push(() => cluster.remove());
          const name = `pacsync_fleet_${process.pid}`;
          await adminQuery(cluster.adminUrl, `CREATE DATABASE ${name}`);
          pgUrl = databaseUrl(cluster.adminUrl, name);
        }
        env.DATABASE_URL = pgUrl;
      } else {
        sqliteFile = path.join(dir, 'data', 'pacsync.db');
      }
      const server: ServerProcess = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], {
        env,
        timeoutMs: 60_000,
        // BENCH_FLEET_PROFILE=DIR: the server writes a V8 CPU profile there when it stops.
        nodeArgs: process.env.BENCH_FLEET_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_FLEET_PROFILE}`] : [],
      });
      cleanups.push(async () => void (await server.stop('SIGTERM')));
      if (o.serverLog) {
        const sink = o.serverLog;
        for (const stream of [server.child.stdout, server.child.stderr]) {
          let rest = '';
          stream?.on('data', (chunk: Buffer) => {
            const lines = (rest + chunk.toString()).split('\n');
            rest = lines.pop() ?? '';
            for (const line of lines) sink(line);
          });
          stream?.on('end', () => rest && sink(rest));
        }
      }
      url = server.url;
      serverPid = server.child.pid ?? null;
      log(`server ${url} (pid ${serverPid}, ${o.engine})`);
    }
    if (o.engine === 'postgres' && pgUrl) {
      const u = pgUrl;
      databaseBytes = async () => {
        const c = new pg.Client({ connectionString: u });
        await c.connect();
        try {
          return Number((await c.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
        } finally {
          await c.end();
        }
      };
    } else if (sqliteFile) {
      const f = sqliteFile;
      databaseBytes = async () => ['', '-wal', '-shm'].reduce((sum, s) => sum + (statSync(f + s, { throwIfNoEntry: false })?.size ?? 0), 0);
    }

    // Pools of poolSize members, and one enroll key that approves at once (members set targets).
    const poolCount = Math.max(1, Math.ceil(o.endpoints / (o.poolSize ?? 1000)));
    const tag = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
    const pools: string[] = [];
    for (let i = 0; i < poolCount; i += 1) {
      const name = `fleet-${tag}-${i}`;
      await api(url, adminKey, 'POST', '/pools', { name });
      pools.push(name);
    }
    const enroll = await api(url, adminKey, 'POST', '/keys', { role: 'enroll', name: `fleet-${tag}`, auto_approve: true });
    const workers = await Promise.all(Array.from({ length: workerCount }, () => startWorker()));
    cleanups.push(async () => {
      for (const w of workers) {
        w.child.send({ type: 'exit' } satisfies WorkerMessage);
        if (w.child.exitCode === null) await new Promise((resolve) => w.child.once('exit', resolve));
      }
    });
    const share = (perMinute: number) => perMinute / workerCount;
    const per = Math.ceil(o.endpoints / workerCount);
    const t0 = Date.now();
    const setupCpu0 = serverPid ? cpuSeconds(serverPid) : 0;
    const ready = await Promise.all(
      workers.map((w, i) => {
        const init: WorkerInit = {
          url,
          enrollKey: enroll.api_key as string,
          seed: o.seed ?? 17,
          first: i * per,
          count: Math.max(0, Math.min(per, o.endpoints - i * per)),
          namePrefix: `fleet-${tag}`,
          pools,
          timeScale,
          heartbeatSeconds: o.heartbeatSeconds ?? 60,
          reportSeconds: o.reportSeconds ?? 300,
          statusSeconds: o.statusSeconds ?? 300,
          setLatestPerMinute: share(o.setLatestPerMinute ?? 3),
          syncPerMinute: share(o.syncPerMinute ?? 4),
          repositoriesPerMinute: share(o.repositoriesPerMinute ?? 3),
          changeProbability: o.changeProbability ?? 0.05,
          connections: o.connectionsPerWorker ?? 16,
          setupConcurrency: 4,
          collectStateIds: o.collectStateIds ?? false,
          drainSeconds: o.drainSeconds ?? 30,
        };
        w.child.send({ type: 'init', init } satisfies WorkerMessage);
        return w.next('ready') as Promise<Extract<WorkerMessage, { type: 'ready' }>>;
      }),
    );
    const endpoints = ready.flatMap((m) => m.endpoints);
    const setupWall = (Date.now() - t0) / 1000;
    const setup: FleetStats = {
      ...mergeStats(ready.map((m) => m.stats)),
      wallSeconds: setupWall,
      samples: [],
      serverCpuSeconds: serverPid ? cpuSeconds(serverPid) - setupCpu0 : 0,
    };
    log(`setup: ${endpoints.length} endpoints registered and reported in ${setupWall.toFixed(1)} s`);
    // One target per pool, from its first member, so that drift means something from the start.
    for (const p of pools) {
      const first = endpoints.find((e) => e.pool === p);
      if (first) await api(url, adminKey, 'POST', `/endpoints/${first.id}/set-latest`, { message: 'fleet simulator: first target' });
    }

    let samples: Sample[] = [];
    let sampler: NodeJS.Timeout | null = null;
    let started = 0;
    let windowStart = 0;
    let cpuAtWindow = 0;
    const startSampling = () => {
      started = windowStart = performance.now();
      cpuAtWindow = serverPid ? cpuSeconds(serverPid) : 0;
      let lastCpu = cpuAtWindow;
      let lastT = started;
      samples = [];
      sampler = setInterval(() => {
        if (!serverPid) return;
        try {
          const now = performance.now();
          const cpu = cpuSeconds(serverPid);
          samples.push({ t: (now - started) / 1000, cpuCores: (cpu - lastCpu) / ((now - lastT) / 1000), rssBytes: rssBytes(serverPid) });
          lastCpu = cpu;
          lastT = now;
        } catch {
          // the server went away: the requests' errors say so
        }
      }, 1000);
    };
    const collect = async (reset: boolean): Promise<FleetStats> => {
      const parts = await Promise.all(
        workers.map((w) => {
          w.child.send({ type: 'snapshot', reset } satisfies WorkerMessage);
          return w.next('stats') as Promise<Extract<WorkerMessage, { type: 'stats' }>>;
        }),
      );
      const now = performance.now();
      const cpu = serverPid ? cpuSeconds(serverPid) : 0;
      const out: FleetStats = {
        ...mergeStats(parts.map((p) => p.stats)),
        wallSeconds: (now - windowStart) / 1000,
        samples: samples.filter((s) => s.t * 1000 >= windowStart - started),
        serverCpuSeconds: cpu - cpuAtWindow,
      };
      if (reset) {
        windowStart = now;
        cpuAtWindow = cpu;
      }
      return out;
    };
    const fleet: Fleet = {
      url,
      adminKey,
      enrollKey: enroll.api_key as string,
      serverPid,
      engine: o.engine,
      endpoints,
      setup,
      start() {
        startSampling();
        for (const w of workers) w.child.send({ type: 'start' } satisfies WorkerMessage);
      },
      snapshot: (reset = false) => collect(reset),
      async halt() {
        await Promise.all(
          workers.map((w) => {
            w.child.send({ type: 'stop' } satisfies WorkerMessage);
            return w.next('stopped');
          }),
        );
        if (sampler) clearInterval(sampler);
        return collect(true);
      },
      async run(ms) {
        fleet.start();
        await new Promise((resolve) => setTimeout(resolve, ms));
        return fleet.halt();
      },
      async storedStates(ids) {
        if (pgUrl) {
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          try {
            let n = 0;
            for (let i = 0; i < ids.length; i += 1000)
              n += Number((await c.query('SELECT count(*) AS n FROM package_states WHERE id = ANY($1)', [ids.slice(i, i + 1000)])).rows[0].n);
            return n;
          } finally {
            await c.end();
          }
        }
        // SQLite (or a server of unknown engine): ask the API, one state at a time.
        let n = 0;
        for (const id of ids)
          if ((await fetch(`${url}/api/v1/states/${id}`, { headers: { authorization: `Bearer ${adminKey}` } })).status === 200) n += 1;
        return n;
      },
      async acknowledged() {
        const parts = await Promise.all(
          workers.map((w) => {
            w.child.send({ type: 'acks' } satisfies WorkerMessage);
            return w.next('acked') as Promise<Extract<WorkerMessage, { type: 'acked' }>>;
          }),
        );
        return parts.flatMap((p) => p.endpoints);
      },
      databaseBytes: () => databaseBytes(),
      stop: cleanup,
    };
    return fleet;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

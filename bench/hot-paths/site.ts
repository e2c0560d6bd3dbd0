// What the hot-path benchmarks run against, per engine: the BUILT server as its own process on a
// database holding 10,000 endpoints — 8,950 written directly (list and pool pages only need their
// rows) and 1,050 registered through the enrollment API, with their first full states: a pool of
// 1,000 members (set-latest recomputes all their drift) and one of 50 whose members reported the
// 14,000-package repositories (analysis) — and, beside it, the floor server (floor-server.ts) on
// a database of its own on the same engine.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/database.js';
import { newId } from '../../src/db/dialect.js';
import { loadMigrations } from '../../src/db/migration.js';
import { Migrator } from '../../src/db/migrator.js';
import { generateApiKey } from '../../src/server/auth/api-key.js';
import { adminQuery, databaseUrl } from '../../test/support/database-templates.js';
import { type ServerProcess, startServerProcess } from '../../test/support/server-process.js';
import { type FleetSoftware, type Machine, machineFor, repositoriesBody, stateBody } from '../fleet/machines.js';

export type Engine = 'sqlite' | 'postgres';
const FLOOR = fileURLToPath(new URL('./floor-server.ts', import.meta.url));
export const ANALYSIS_MEMBERS = 50;

export interface Member {
  n: number;
  id: string;
  key: string;
  machine: Machine;
  hash: string;
  stateId: string;
}

export interface Site {
  engine: Engine;
  url: string;
  floorUrl: string;
  adminKey: string;
  serverPid: number;
  listPoolId: string;
  memberPoolId: string;
  analysisPoolId: string;
  members: Member[];
  analysis: Member[];
  stop(): Promise<void>;
}

export async function api(url: string, key: string, method: string, p: string, body?: unknown): Promise<any> {
  const res = await fetch(`${url}/api/v1${p}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: unknown; error?: { message?: string } };
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${json.error?.message ?? ''}`);
  return json.data;
}

async function parallel<T>(items: T[], limit: number, job: (t: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await job(items[i] as T, i);
      }
    }),
  );
}

function startFloor(engine: Engine, target: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FLOOR, engine, target], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /floor listening on (\S+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`floor server exited (${code}): ${out}`)));
  });
}

export async function startSite(
  engine: Engine,
  o: { sw: FleetSoftware; endpoints: number; members: number; pgAdminUrl?: string; log: (s: string) => void },
): Promise<Site> {
  const dir = mkdtempSync(path.join(tmpdir(), `pacsync-hot-${engine}-`));
  const cleanups: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const adminKey = generateApiKey();
    let env: Record<string, string>;
    let floorTarget: string;
    let handle;
    if (engine === 'postgres') {
      const admin = o.pgAdminUrl as string;
      const name = `pacsync_hot_${process.pid}`;
      await adminQuery(admin, `CREATE DATABASE ${name}`);
      await adminQuery(admin, `CREATE DATABASE ${name}_floor`);
      cleanups.push(
        () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
        () => adminQuery(admin, `DROP DATABASE IF EXISTS ${name}_floor WITH (FORCE)`),
      );
      env = { DATABASE_URL: databaseUrl(admin, name) };
      floorTarget = databaseUrl(admin, `${name}_floor`);
      handle = openDatabase({ dialect: 'pg', url: env.DATABASE_URL as string, poolMax: 2 });
    } else {
      const file = path.join(dir, 'pacsync.db');
      env = { PACSYNC_DATABASE_TYPE: 'sqlite', PACSYNC_DATABASE_FILE: file };
      floorTarget = path.join(dir, 'floor.db');
      handle = openDatabase({ dialect: 'sqlite', file });
    }
    // The endpoints that only the list and pool pages read, written directly (a few seconds
    // instead of minutes of registrations); statuses and summaries varied for the filters.
    const direct = Math.max(0, o.endpoints - o.members - ANALYSIS_MEMBERS);
    const listPoolId = newId();
    try {
      await new Migrator(handle, await loadMigrations()).applyAll();
      await handle.db.insertInto('pools').values({ id: listPoolId, name: 'listed' }).execute();
      const now = Date.now();
      const SYNC = ['in_sync', 'in_sync', 'in_sync', 'behind', 'ahead', 'unknown'];
      const STATUS = ['online', 'online', 'online', 'offline'];
      for (let start = 0; start < direct; start += 500) {
        const rows = Array.from({ length: Math.min(500, direct - start) }, (_, j) => {
          const i = start + j;
          return {
            id: newId(),
            name: `host-${String(i).padStart(5, '0')}`,
            hostname: `host-${String(i).padStart(5, '0')}.fleet.lan`,
            pool_id: listPoolId,
            api_key_hash: `bench-${i}`,
            status: STATUS[i % STATUS.length] as string,
            sync_status: SYNC[i % SYNC.length] as string,
            approval: 'approved',
            system_info: { architecture: 'x86_64', pacman_version: '6.1.0' } as never,
            package_summary: {
              total_packages: 1500,
              target_packages: 1490,
              in_sync: 1480,
              missing: 0,
              behind: 10,
              ahead: 0,
              extra: 3,
              foreign: 1,
              excluded: 0,
            } as never,
            last_seen: new Date(now - (i % 600) * 1000).toISOString(),
          };
        });
        await handle.db.insertInto('endpoints').values(rows).execute();
      }
    } finally {
      await handle.destroy();
    }
    const server: ServerProcess = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], {
      env: {
        ...env,
        PACSYNC_ADMIN_KEY: adminKey,
        PACSYNC_DATA_DIR: path.join(dir, 'data'),
        PACSYNC_SECURITY_API_RATE_LIMIT: '0',
        PACSYNC_LOGGING_LEVEL: 'warn',
      },
      // BENCH_HOT_PROFILE=DIR: the server writes a V8 CPU profile there when it stops.
      nodeArgs: process.env.BENCH_HOT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HOT_PROFILE}`] : [],
      timeoutMs: 60_000,
    });
    cleanups.push(() => server.stop('SIGTERM'));
    const floor = await startFloor(engine, floorTarget);
    cleanups.push(async () => {
      floor.child.kill('SIGTERM');
      if (floor.child.exitCode === null) await new Promise((r) => floor.child.once('exit', r));
    });
    const url = server.url;

    const memberPool = await api(url, adminKey, 'POST', '/pools', { name: 'members' });
    const analysisPool = await api(url, adminKey, 'POST', '/pools', { name: 'analysis' });
    const enroll = await api(url, adminKey, 'POST', '/keys', { role: 'enroll', name: 'hot-paths', auto_approve: true });
    const t0 = Date.now();
    const register = async (n: number, pool: string): Promise<Member> => {
      const e = await api(url, enroll.api_key, 'POST', '/endpoints', { name: `m-${n}`, hostname: `m-${n}.fleet.lan`, pool });
      const machine = machineFor(o.sw, n);
      const r = await api(url, e.api_key, 'POST', `/endpoints/${e.id}/state`, stateBody(o.sw, machine));
      return { n, id: e.id, key: e.api_key, machine, hash: r.content_hash, stateId: r.state_id };
    };
    const members: Member[] = new Array(o.members);
    const analysis: Member[] = new Array(ANALYSIS_MEMBERS);
    await parallel(
      Array.from({ length: o.members }, (_, i) => i),
      4,
      async (i) => void (members[i] = await register(i, 'members')),
    );
    await parallel(
      Array.from({ length: ANALYSIS_MEMBERS }, (_, i) => i),
      4,
      async (i) => void (analysis[i] = await register(o.members + i, 'analysis')),
    );
    // Three mirror generations among the analysis members, so their repositories differ.
    const repoBodies = [0, 1, 2].map((g) => repositoriesBody(o.sw, g));
    await parallel(analysis, 2, async (m, i) => void (await api(url, m.key, 'POST', `/endpoints/${m.id}/repositories`, repoBodies[i % 3])));
    for (const [pool, m] of [
      [memberPool.id, members[0]],
      [analysisPool.id, analysis[0]],
    ] as const) {
      if (m) await api(url, adminKey, 'POST', `/endpoints/${m.id}/set-latest`, { message: `first target of ${pool}` });
    }
    o.log(
      `${engine}: ${direct} endpoints written, ${o.members + ANALYSIS_MEMBERS} registered with full ` +
        `states and ${ANALYSIS_MEMBERS} repository reports in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
    );
    return {
      engine,
      url,
      floorUrl: floor.url,
      adminKey,
      serverPid: server.child.pid as number,
      listPoolId,
      memberPoolId: memberPool.id,
      analysisPoolId: analysisPool.id,
      members,
      analysis,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

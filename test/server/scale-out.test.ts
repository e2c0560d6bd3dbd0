// Several server instances on one PostgreSQL behind Debian's nginx (issue #15), as real
// processes: the packaged nginx configuration (packaging/nginx/pacsync.conf) with its upstream
// pointed at three instances started at the same moment (migrations and the admin key bootstrap
// race and must both settle); a WebSocket client on instance 3 — and one through nginx — receives
// the `sync_status` caused by a report sent to instance 1; a job whose schedule is every two
// seconds runs once per tick across the three, tick after tick; SIGKILL of instance 1 under the
// load of 50 agents loses no report that got a 2xx, and the agents' retries through nginx go on
// with no 5xx beyond the killed connections; PostgreSQL restarted under that load: every instance
// recovers by itself, listens again, and events sent after recovery cross instances.
// The cluster is the test's own (startPostgres), since it is restarted.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/server/auth/api-key.js';
import type { Kysely } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { state } from '../support/package-states.js';
import { freePort, type PostgresCluster, startPostgres } from '../support/postgres.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { missingTools, which } from '../support/tools.js';
import { until } from '../support/wait.js';
import { connectWs } from '../support/ws-client.js';

const NGINX_CONF = path.resolve(import.meta.dirname, '../../packaging/nginx/pacsync.conf');
const skip = missingTools('nginx');

/** nginx in the foreground with the packaged server block, its upstream replaced by `ports`. */
async function startNginx(dir: string, ports: number[]): Promise<{ url: string; stop(): Promise<void> }> {
  mkdirSync(dir, { recursive: true });
  const listen = await freePort();
  const block = readFileSync(NGINX_CONF, 'utf8')
    .replace(/^\s*server 127\.0\.0\.1:808\d[^\n]*\n/gm, '')
    .replace('least_conn;', `least_conn;\n${ports.map((p) => `    server 127.0.0.1:${p} max_fails=3 fail_timeout=10s;`).join('\n')}`)
    .replace('listen 8080;', `listen 127.0.0.1:${listen};`);
  writeFileSync(path.join(dir, 'pacsync.conf'), block);
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, t), { recursive: true, mode: 0o777 });
  const main = `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  include ${dir}/pacsync.conf;
}
`;
  writeFileSync(path.join(dir, 'nginx.conf'), main);
  const child: ChildProcess = spawn(which('nginx') as string, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${listen}`;
  await until(`nginx on ${url} (${out})`, async () => (await fetch(`${url}/health/live`)).status === 200, { timeoutMs: 15_000, intervalMs: 100 });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGQUIT');
      }),
  };
}

describe.skipIf(skip)('three instances on one PostgreSQL behind nginx', () => {
  let pg: PostgresCluster;
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  let dir: string;
  const instances: ServerProcess[] = [];
  let nginx: { url: string; stop(): Promise<void> };
  const adminKey = generateApiKey();
  let startedAt: Date;
  /** Made by the tests as they go (they run in order). */
  let scaled: { poolId: string; member: { id: string; api_key: string } };
  let loadAgents: { id: string; api_key: string }[] = [];

  beforeAll(async () => {
    pg = await startPostgres({ maxConnections: 200 });
    handle = openDatabase({ dialect: 'pg', url: pg.adminUrl, poolMax: 2 });
    db = handle.db;
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-scale-'));
    startedAt = new Date();
    const started = await Promise.all(
      [1, 2, 3].map((n) =>
        startServerProcess(['--port', '0', '--host', '127.0.0.1'], {
          timeoutMs: 60_000,
          env: {
            DATABASE_URL: pg.adminUrl,
            PACSYNC_ADMIN_KEY: adminKey,
            PACSYNC_DATA_DIR: path.join(dir, `data-${n}`),
            PACSYNC_SERVER_INSTANCE_NAME: `instance-${n}`,
            PACSYNC_SERVER_TRUST_PROXY: '127.0.0.1',
            PACSYNC_SECURITY_API_RATE_LIMIT: '0',
            PACSYNC_JOBS_DETECT_OFFLINE_ENDPOINTS: '*/2 * * * * *',
          },
        }),
      ),
    );
    instances.push(...started);
    nginx = await startNginx(
      path.join(dir, 'nginx'),
      instances.map((i) => Number(new URL(i.url).port)),
    );
  }, 120_000);

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(instances.map((i) => i.stop('SIGTERM')));
    await handle?.destroy();
    await pg?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (base: string, method: string, p: string, body?: unknown, key = adminKey) => {
    const res = await fetch(`${base}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { data: any };
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json.data;
  };

  it('started together, they agree on one schema and one admin key; each names itself in /health/ready', async () => {
    const names = await Promise.all(
      instances.map(async (i) => ((await (await fetch(`${i.url}/health/ready`)).json()) as { data: { instance: string } }).data.instance),
    );
    expect(names.sort()).toEqual(['instance-1', 'instance-2', 'instance-3']);
    // …and in every log line.
    for (const [n, i] of instances.entries()) expect(i.output()).toMatch(new RegExp(`"instance":"instance-${n + 1}"`));
    const keys = (await call(nginx.url, 'GET', '/keys?role=admin')) as unknown[];
    expect(keys).toHaveLength(1);
  });

  it('a WebSocket client on instance 3, and one through nginx, receive the sync_status of a report sent to instance 1', async () => {
    const [one, , three] = instances as [ServerProcess, ServerProcess, ServerProcess];
    const pool = await call(nginx.url, 'POST', '/pools', { name: 'scaled' });
    const ref = await call(nginx.url, 'POST', '/endpoints', { name: 'ref', hostname: 'ref.lan', pool: 'scaled' });
    const member = await call(nginx.url, 'POST', '/endpoints', { name: 'member', hostname: 'member.lan', pool: 'scaled' });
    scaled = { poolId: pool.id, member };
    await call(nginx.url, 'POST', `/endpoints/${ref.id}/state`, state({ bash: '5.2.026-2', glibc: '2.39-1' }), ref.api_key);
    await call(nginx.url, 'POST', `/endpoints/${ref.id}/set-latest`, {}, ref.api_key);

    const onThree = await connectWs(`${three.url.replace('http', 'ws')}/api/v1/ws`, { key: adminKey });
    const viaNginx = await connectWs(`${nginx.url.replace('http', 'ws')}/api/v1/ws`, { key: adminKey });
    try {
      expect((await onThree.subscribe(`pool.${pool.id}`)).type).toBe('subscribed');
      expect((await viaNginx.subscribe(`pool.${pool.id}`)).type).toBe('subscribed');
      await call(one.url, 'POST', `/endpoints/${member.id}/state`, state({ bash: '5.2.015-1', glibc: '2.39-1' }), member.api_key);
      const isMember = (m: { type: string; data?: Record<string, unknown> }) => m.type === 'sync_status' && m.data?.endpoint_id === member.id;
      const [a, b] = await Promise.all([onThree.next(isMember, 10_000), viaNginx.next(isMember, 10_000)]);
      expect(a.data?.sync_status).toBe('behind');
      expect(b.data?.sync_status).toBe('behind');
    } finally {
      await onThree.close();
      await viaNginx.close();
    }
  }, 60_000);

  it('a job ticking every two seconds runs once per tick across the three instances, five ticks in a row', async () => {
    const rows = await until(
      'six ticks of detect-offline-endpoints',
      async () => {
        const r = await db
          .selectFrom('job_runs')
          .select(['tick', 'instance', 'status'])
          .where('job', '=', 'detect-offline-endpoints')
          .where('tick', '>', startedAt.toISOString())
          .orderBy('tick')
          .execute();
        return r.length >= 7 ? r : null;
      },
      { timeoutMs: 40_000, intervalMs: 500 },
    );
    // The first tick may have been claimed before all three listened; take the five after it.
    const five = rows.slice(1, 6);
    const ticks = five.map((r) => Date.parse(r.tick));
    expect(new Set(ticks).size).toBe(5);
    for (let i = 1; i < ticks.length; i += 1) expect(ticks[i]! - ticks[i - 1]!).toBe(2000);
    expect(five.every((r) => r.status === 'succeeded' && /^instance-[123]$/.test(r.instance))).toBe(true);
  }, 60_000);

  /** 50 agents reporting through nginx in a loop, retrying what failed; what each got back. */
  async function loadOf(agents: { id: string; api_key: string }[], target: string) {
    let running = true;
    let sent = 0;
    const accepted = new Map<string, string>(); // state id → endpoint
    const failures: string[] = [];
    let fiveXX = 0;
    const loops = agents.map(async (a, n) => {
      let i = 0;
      while (running) {
        i += 1;
        sent += 1;
        const body = JSON.stringify(state({ bash: '5.2.026-2', [`marker-${n}`]: `${i}-1` }));
        try {
          const res = await fetch(`${target}/api/v1/endpoints/${a.id}/state`, {
            method: 'POST',
            headers: { authorization: `Bearer ${a.api_key}`, 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(15_000),
          });
          const json = (await res.json().catch(() => ({}))) as { data?: { state_id?: string } };
          if (res.status >= 500) fiveXX += 1;
          if (res.status >= 200 && res.status < 300 && json.data?.state_id) accepted.set(json.data.state_id, a.id);
          else failures.push(`${res.status}`);
        } catch (err) {
          failures.push((err as Error).message);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    return {
      stats: () => ({ sent, accepted: accepted.size, fiveXX, failures: failures.length }),
      async stop() {
        running = false;
        await Promise.all(loops);
        return { sent, accepted, fiveXX, failures };
      },
    };
  }

  const storedOf = async (ids: string[]) => {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await db
        .selectFrom('package_states')
        .select('id')
        .where('id', 'in', ids.slice(i, i + 500))
        .execute())
        found.add(r.id);
    }
    return found;
  };

  it('SIGKILL of instance 1 under 50 agents loses no accepted report; no 5xx beyond the killed connections', async () => {
    const pool = await call(nginx.url, 'POST', '/pools', { name: 'load' });
    const agents = await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        call(nginx.url, 'POST', '/endpoints', { name: `agent-${n}`, hostname: `agent-${n}.lan`, pool: pool.name }),
      ),
    );
    loadAgents = agents;
    const load = await loadOf(agents, nginx.url);
    await until('reports flowing', () => load.stats().accepted >= 100, { timeoutMs: 30_000, intervalMs: 100 });
    const before = load.stats();
    await (instances[0] as ServerProcess).stop('SIGKILL');
    await until('reports flowing again after the kill', () => load.stats().accepted >= before.accepted + 150, { timeoutMs: 30_000, intervalMs: 100 });
    const end = await load.stop();
    const ids = [...end.accepted.keys()];
    const stored = await storedOf(ids);
    expect(
      ids.filter((id) => !stored.has(id)),
      'accepted reports missing from the database',
    ).toEqual([]);
    // Only requests in flight on the killed instance may have failed (each agent has one at a time).
    expect(end.fiveXX).toBeLessThanOrEqual(agents.length);
    console.info(
      `SIGKILL under load: ${end.sent} sent, ${end.accepted.size} accepted (all stored), ${end.fiveXX} 5xx, ${end.failures.length} not accepted`,
    );
  }, 120_000);

  it('PostgreSQL restarted under load: the instances recover by themselves, LISTEN again, and events cross instances after', async () => {
    const [, two, three] = instances as [ServerProcess, ServerProcess, ServerProcess];
    const load = await loadOf(loadAgents.slice(0, 10), nginx.url);
    await until('reports flowing', () => load.stats().accepted >= 30, { timeoutMs: 30_000, intervalMs: 100 });
    await pg.stop();
    await until(
      'instances 2 and 3 answer 503 while it is down',
      async () => {
        const r = await Promise.all([two, three].map((i) => fetch(`${i.url}/health/ready`).then((x) => x.status)));
        return r.every((st) => st === 503);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; instance 2 exit ${two.child.exitCode}, output:\n${two.output().slice(-3000)}`);
    });
    await pg.start();
    await until(
      'both ready again',
      async () => {
        const r = await Promise.all([two, three].map((i) => fetch(`${i.url}/health/ready`).then((x) => x.status)));
        return r.every((st) => st === 200);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const mark = load.stats().accepted;
    await until('reports accepted after recovery', () => load.stats().accepted >= mark + 30, { timeoutMs: 60_000, intervalMs: 100 });
    const end = await load.stop();
    const ids = [...end.accepted.keys()];
    const stored = await storedOf(ids);
    expect(
      ids.filter((id) => !stored.has(id)),
      'accepted reports missing from the database',
    ).toEqual([]);
    console.info(
      `PostgreSQL restart under load: ${end.sent} sent, ${end.accepted.size} accepted (all stored), ${end.fiveXX} 5xx (while it was down)`,
    );

    // Events after recovery: a report on instance 3 reaches a WebSocket client on instance 2.
    const { poolId, member } = scaled;
    let flip = 0;
    await until(
      'instance 2 listening again',
      async () => {
        const ws = await connectWs(`${two.url.replace('http', 'ws')}/api/v1/ws`, { key: adminKey });
        try {
          await ws.subscribe(`pool.${poolId}`);
          // Behind, in sync, behind…: every report changes the member's sync status, so each says so.
          flip += 1;
          await call(
            three.url,
            'POST',
            `/endpoints/${member.id}/state`,
            state({ bash: flip % 2 ? '5.2.026-2' : '5.2.015-1', glibc: '2.39-1' }),
            member.api_key,
          );
          await ws.next((m) => m.type === 'sync_status' && m.data?.endpoint_id === member.id, 3000);
          return true;
        } finally {
          await ws.close();
        }
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
  }, 180_000);
});

// `npm run bench:scale` (issue #15): state-report throughput with 1, 2 and 3 server instances on
// one PostgreSQL (a cluster of the bench's own), as real processes, with the CPU each instance
// spent per accepted report (user + system from /proc/<pid>/stat). On a 2-core machine that runs
// the load driver and PostgreSQL too, more instances add little throughput; CPU per request is what
// predicts scale on bigger hardware, and the bench prints the arithmetic for 100,000 endpoints.
// Goals (exit 1 when missed): every report accepted and stored, no 5xx; 3 instances keep at least
// 70 % of one instance's throughput (sharing one database must not collapse it).
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { generateApiKey } from '../src/server/auth/api-key.js';
import { adminQuery, databaseUrl } from '../test/support/database-templates.js';
import { state } from '../test/support/package-states.js';
import { startPostgres } from '../test/support/postgres.js';
import { type ServerProcess, startServerProcess } from '../test/support/server-process.js';
import { fmt, goal } from './harness.js';

const PACKAGES = 1500;
const ENDPOINTS = 48;
const CONCURRENCY = 12;
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 12);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime, stime
}

const big: Record<string, string> = {};
for (let i = 0; i < PACKAGES; i += 1) big[`pkg-${String(i).padStart(4, '0')}`] = `${1 + (i % 7)}.${i % 13}.${i % 5}-1`;

interface Round {
  instances: number;
  accepted: number;
  perSecond: number;
  errors: number;
  cpuMsPerReport: number;
  stored: number;
}

async function round(adminUrl: string, instances: number): Promise<Round> {
  const name = `pacsync_scale_${instances}_${process.pid}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = databaseUrl(adminUrl, name);
  const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-bench-scale-'));
  const adminKey = generateApiKey();
  const servers: ServerProcess[] = [];
  try {
    const env = (n: number) => ({
      DATABASE_URL: url,
      PACSYNC_ADMIN_KEY: adminKey,
      PACSYNC_DATA_DIR: path.join(dir, `d${n}`),
      PACSYNC_SECURITY_API_RATE_LIMIT: '0',
      PACSYNC_LOGGING_LEVEL: 'warn',
      PACSYNC_SERVER_MAX_REPORT_SIZE: '16MiB',
    });
    servers.push(await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { env: env(1), timeoutMs: 60_000 }));
    for (let n = 2; n <= instances; n += 1)
      servers.push(await startServerProcess(['--port', '0', '--host', '127.0.0.1'], { env: env(n), timeoutMs: 60_000 }));
    const post = async (base: string, p: string, body: unknown, key = adminKey) => {
      const res = await fetch(`${base}/api/v1${p}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as { data: any } };
    };
    const first = (servers[0] as ServerProcess).url;
    await post(first, '/pools', { name: 'bench' });
    const agents: { id: string; api_key: string }[] = [];
    for (let i = 0; i < ENDPOINTS; i += 1)
      agents.push((await post(first, '/endpoints', { name: `m${i}`, hostname: `m${i}.lan`, pool: 'bench' })).json.data);

    const cpuBefore = servers.map((s) => cpuSeconds(s.child.pid as number));
    const end = Date.now() + SECONDS * 1000;
    let accepted = 0;
    let errors = 0;
    let seq = 0;
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        while (Date.now() < end) {
          seq += 1;
          const agent = agents[seq % agents.length] as { id: string; api_key: string };
          const server = servers[seq % servers.length] as ServerProcess;
          // One package changes each time: every report is new content, the full path.
          const body = JSON.stringify(state({ ...big, [`changing-${w}`]: `${seq}-1` }));
          const r = await post(server.url, `/endpoints/${agent.id}/state`, body, agent.api_key).catch(() => ({ status: 0, json: { data: null } }));
          if (r.status === 200 && r.json.data?.state_id) {
            accepted += 1;
            ids.push(r.json.data.state_id as string);
          } else errors += 1;
        }
      }),
    );
    const cpu = servers.reduce((sum, s, i) => sum + cpuSeconds(s.child.pid as number) - (cpuBefore[i] as number), 0);
    const handle = openDatabase({ dialect: 'pg', url, poolMax: 2 });
    let stored = 0;
    for (let i = 0; i < ids.length; i += 500)
      stored += (
        await handle.db
          .selectFrom('package_states')
          .select('id')
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()
      ).length;
    await handle.destroy();
    return { instances, accepted, perSecond: accepted / SECONDS, errors, cpuMsPerReport: (cpu * 1000) / Math.max(1, accepted), stored };
  } finally {
    await Promise.all(servers.map((s) => s.stop('SIGTERM')));
    rmSync(dir, { recursive: true, force: true });
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name}`);
  }
}

export default async function bench(): Promise<void> {
  const pg = await startPostgres({ maxConnections: 200 });
  const rounds: Round[] = [];
  try {
    for (const n of [1, 2, 3]) rounds.push(await round(pg.adminUrl, n));
  } finally {
    await pg.remove();
  }
  console.log(`state reports of ${PACKAGES} packages, ${CONCURRENCY} concurrent clients, ${SECONDS} s per round, PostgreSQL on this machine`);
  console.log('instances  reports/s  vs 1 instance  server CPU ms/report  errors  stored/accepted');
  const one = rounds[0] as Round;
  for (const r of rounds) {
    console.log(
      `${String(r.instances).padStart(9)}  ${r.perSecond.toFixed(1).padStart(9)}  ${(r.perSecond / one.perSecond).toFixed(2).padStart(13)} ` +
        ` ${r.cpuMsPerReport.toFixed(1).padStart(20)}  ${String(r.errors).padStart(6)}  ${r.stored}/${r.accepted}`,
    );
  }
  const cpuMs = Math.max(...rounds.map((r) => r.cpuMsPerReport));
  const fleet = 100_000 / 300; // full reports per second: 100,000 endpoints every 5 minutes
  console.log(
    `100,000 endpoints reporting every 5 min = ${fleet.toFixed(0)} full reports/s × ${cpuMs.toFixed(1)} ` +
      `ms CPU = ${((fleet * cpuMs) / 1000).toFixed(1)} server cores (PostgreSQL's own CPU not included)`,
  );
  const three = rounds[2] as Round;
  goal({
    bench: 'scale',
    goal: 'every report accepted and stored, no 5xx',
    measured: rounds.map((r) => `${r.stored}/${r.accepted} stored, ${r.errors} errors`).join('; '),
    ratio: '',
    met: !rounds.some((r) => r.errors > 0 || r.stored !== r.accepted),
  });
  goal({
    bench: 'scale',
    goal: '3 instances keep ≥ 70 % of one instance’s throughput',
    measured: `${fmt(three.perSecond)} vs ${fmt(one.perSecond)} reports/s`,
    ratio: `${fmt(three.perSecond / one.perSecond)}×`,
    met: three.perSecond >= 0.7 * one.perSecond,
  });
}

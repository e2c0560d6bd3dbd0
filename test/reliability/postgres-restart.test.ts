// PostgreSQL restarted under load (issue #16, part 2): one built server (the multi-instance case
// behind nginx is test/server/scale-out.test.ts) on a cluster of the test's own, agents reporting
// with Idempotency-Keys and retrying each report until it is answered. While the database is
// down the server stays up: /health/live 200, /health/ready 503, API requests 503
// DATABASE_UNAVAILABLE with Retry-After — never a 500 — and it recovers by itself when the
// database is back. Every report that got a 2xx is stored with its content, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/db/database.js';
import { generateApiKey } from '../../src/server/auth/api-key.js';
import { type PostgresCluster, startPostgres } from '../support/postgres.js';
import { checkStoredReports, keyedReportLoad, type LoadAgent } from '../support/report-load.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { until } from '../support/wait.js';
import { figures } from './crash-figures.js';

const AGENTS = process.env.RELIABILITY_SCALE === 'full' ? 100 : 20;
const rec = figures('postgres-restart');

describe('PostgreSQL restarted under load', () => {
  let pg: PostgresCluster;
  let handle: DatabaseHandle;
  let dir: string;
  let server: ServerProcess;
  const adminKey = generateApiKey();

  beforeAll(async () => {
    pg = await startPostgres();
    handle = openDatabase({ dialect: 'pg', url: pg.adminUrl, poolMax: 2 });
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-pgrestart-'));
    server = await startServerProcess(['--port', '0', '--host', '127.0.0.1'], {
      timeoutMs: 60_000,
      env: { DATABASE_URL: pg.adminUrl, PACSYNC_ADMIN_KEY: adminKey, PACSYNC_DATA_DIR: path.join(dir, 'data'), PACSYNC_SECURITY_API_RATE_LIMIT: '0' },
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    await handle?.destroy();
    await pg?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  const ok = async (method: string, p: string, body: unknown, key = adminKey) => {
    const res = await fetch(`${server.url}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { data: any };
    if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json.data;
  };
  const status = async (p: string) => (await fetch(`${server.url}${p}`, { signal: AbortSignal.timeout(10_000) })).status;

  it('the server stays up, says 503 meanwhile, recovers by itself; nothing accepted is lost or stored twice', async () => {
    const pool = await ok('POST', '/pools', { name: 'pg-restart' });
    const agents: LoadAgent[] = await Promise.all(
      Array.from({ length: AGENTS }, (_, n) => ok('POST', '/endpoints', { name: `a-${n}`, hostname: `a-${n}.lan`, pool_id: pool.id })),
    );
    let down = false;
    const answersWhileDown: Record<string, number> = {};
    const load = keyedReportLoad(agents, () => server.url, {
      onAnswer: (st, code) => {
        // 503 DATABASE_UNAVAILABLE is the right answer while the database is down.
        rec.request(st, code, { expected5xx: st === 503 && code === 'DATABASE_UNAVAILABLE' });
        if (down) answersWhileDown[`${st} ${code ?? ''}`.trim()] = (answersWhileDown[`${st} ${code ?? ''}`.trim()] ?? 0) + 1;
      },
    });
    await until('reports flowing', () => load.stats().accepted >= AGENTS * 3, { timeoutMs: 60_000, intervalMs: 50 });

    // From the moment PostgreSQL has stopped: a report committed while it was stopping is rightly a 200.
    await pg.stop();
    down = true;
    await until('/health/ready to answer 503', async () => (await status('/health/ready')) === 503, { timeoutMs: 30_000, intervalMs: 200 });
    await until('API requests answered 503 DATABASE_UNAVAILABLE', () => (answersWhileDown['503 DATABASE_UNAVAILABLE'] ?? 0) >= AGENTS, {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    expect(await status('/health/live')).toBe(200);
    expect(server.child.exitCode).toBeNull();
    await pg.start();
    down = false;
    const back = Date.now();
    await until('/health/ready 200 again', async () => (await status('/health/ready')) === 200, { timeoutMs: 60_000, intervalMs: 200 });
    const mark = load.stats().accepted;
    await until('reports accepted after recovery', () => load.stats().accepted >= mark + AGENTS * 3, { timeoutMs: 60_000, intervalMs: 50 });
    rec.note(`ready again ${Date.now() - back} ms after PostgreSQL was back`);
    rec.fault('PostgreSQL restart under load', true);
    const end = await load.stop();

    expect(
      Object.keys(answersWhileDown).filter((k) => !/^503 DATABASE_UNAVAILABLE$/.test(k)),
      `answers while down: ${JSON.stringify(answersWhileDown)}`,
    ).toEqual([]);
    expect(rec.data.requests.serverErrors, JSON.stringify(rec.data.requests.serverErrorSamples)).toBe(0);
    const check = await checkStoredReports(handle.db, end.accepted);
    rec.lost(check.lost.length);
    rec.duplicates(check.duplicates);
    rec.count('state reports accepted', end.accepted.length);
    rec.count('503 DATABASE_UNAVAILABLE while down', answersWhileDown['503 DATABASE_UNAVAILABLE'] ?? 0);
    rec.count('state reports answered from the stored answer', end.accepted.filter((r) => r.replayed).length);
    expect(check.lost).toEqual([]);
    expect(check.duplicates).toBe(0);
    expect(end.unanswered).toBe(0);
    console.info(
      `PostgreSQL restart under ${AGENTS} agents: ${end.sent} attempts, ${end.accepted.length} accepted (all stored ` +
        `once), ${answersWhileDown['503 DATABASE_UNAVAILABLE'] ?? 0} answered 503 DATABASE_UNAVAILABLE while down, 0 other 5xx`,
    );
  }, 300_000);
});

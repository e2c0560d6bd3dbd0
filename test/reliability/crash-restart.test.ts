// The server SIGKILLed under load and restarted (issue #16, part 2), on both engines: the built
// `pacsync-server serve` as a real process, agents reporting their state with Idempotency-Keys and
// retrying each report (same key) until it is answered, other agents driving sync operations
// (progress, complete) across the crash, and some whose agent "dies" with its operation in
// progress. Afterwards: every report that got a 2xx is in the database with its content; nothing
// is stored twice; every retried operation step was answered 2xx (a replayed `complete`, not a 422);
// the abandoned operations are failed by the stale-operation job; `pacsync-server db check` is clean.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiKey } from '../../src/server/auth/api-key.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/database.js';
import { state } from '../support/package-states.js';
import { freePort } from '../support/postgres.js';
import { checkStoredReports, keyedReportLoad, type LoadAgent } from '../support/report-load.js';
import { runServerCli, type ServerProcess, startServerProcess } from '../support/server-process.js';
import { until } from '../support/wait.js';
import { figures } from './crash-figures.js';

const SCALE_FULL = process.env.RELIABILITY_SCALE === 'full';
/** Agents reporting, agents driving an operation through the crash, agents abandoning one. */
const REPORTERS = SCALE_FULL ? 100 : 30;
const DRIVERS = SCALE_FULL ? 20 : 6;
const ABANDONED = 3;
/** Kills per engine, each followed by a restart under the same load. */
const KILLS = SCALE_FULL ? 3 : 1;

const rec = figures('crash-restart');
const TARGET = state({ bash: '5.2.026-2', glibc: '2.39-1', curl: '8.6.0-1' });
const OLD = state({ bash: '5.2.015-1', glibc: '2.39-1' });
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe.each(DIALECTS)('server SIGKILLed under load and restarted (%s)', (dialect) => {
  let t: TestDatabase;
  let dir: string;
  let port: number;
  let server: ServerProcess | null = null;
  const adminKey = generateApiKey();
  const env = () => ({
    ...t.env,
    PACSYNC_ADMIN_KEY: adminKey,
    PACSYNC_DATA_DIR: path.join(dir, 'data'),
    PACSYNC_SECURITY_API_RATE_LIMIT: '0',
    // Operations without progress for a minute fail; the job looks every two seconds.
    PACSYNC_FEATURES_SYNC_TIMEOUT: '1',
    PACSYNC_JOBS_FAIL_STALE_OPERATIONS: '*/2 * * * * *',
  });
  const start = async () => {
    server = await startServerProcess(['--port', String(port), '--host', '127.0.0.1'], { env: env(), timeoutMs: 60_000 });
  };
  const url = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    dir = mkdtempSync(path.join(tmpdir(), 'pacsync-crash-'));
    port = await freePort();
    await start();
  }, 120_000);

  afterAll(async () => {
    await server?.stop('SIGTERM');
    await t?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One API call; retried while the server is away (connection refused) when `retry`. */
  const call = async (method: string, p: string, body: unknown, key: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url()}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const json = (await res.json().catch(() => ({}))) as { data?: any; error?: { code?: string; message?: string } };
    return { status: res.status, json, replayed: res.headers.get('idempotent-replayed') === 'true' };
  };
  const ok = async (method: string, p: string, body: unknown, key = adminKey) => {
    const r = await call(method, p, body, key);
    if (r.status >= 300) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json.data;
  };

  /**
   * An agent's operation step: the same request with the same key until it is answered — as the
   * agent's report queue retries a result (connection refused while the server is dead).
   */
  const step = async (p: string, body: unknown, who: LoadAgent, key: string) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const r = await call('POST', p, body, who.api_key, { 'idempotency-key': key });
        rec.request(r.status, r.json.error?.code);
        if (r.status < 500 && r.status !== 429) {
          if (r.replayed) rec.count('operation steps answered from the stored answer');
          if (attempt > 1) rec.count('operation steps retried');
          return r;
        }
      } catch {
        rec.count('operation attempts without an answer');
      }
      await sleep(100);
    }
  };

  it('no accepted report is lost, none is stored twice, every retried step is answered, stale operations are failed, db check is clean', async () => {
    const pool = await ok('POST', '/pools', { name: 'crash' });
    const ref = await ok('POST', '/endpoints', { name: 'ref', hostname: 'ref.lan', pool_id: pool.id });
    await ok('POST', `/endpoints/${ref.id}/state`, TARGET, ref.api_key);
    await ok('POST', `/endpoints/${ref.id}/set-latest`, {}, ref.api_key);
    const make = (prefix: string, n: number) =>
      Promise.all(
        Array.from(
          { length: n },
          (_, i) => ok('POST', '/endpoints', { name: `${prefix}-${i}`, hostname: `${prefix}-${i}.lan`, pool_id: pool.id }) as Promise<LoadAgent>,
        ),
      );
    const reporters = await make('reporter', REPORTERS);
    const drivers = await make('driver', DRIVERS);
    const abandoned = await make('abandoned', ABANDONED);
    const opOf = new Map<string, string>();
    for (const ep of [...drivers, ...abandoned]) {
      await ok('POST', `/endpoints/${ep.id}/state`, OLD, ep.api_key);
      opOf.set(ep.id, (await ok('POST', `/endpoints/${ep.id}/sync`, {}, ep.api_key)).operation.id);
    }
    // The abandoned ones start, then their agents are gone for good.
    for (const ep of abandoned) await step(`/operations/${opOf.get(ep.id)}/progress`, { progress: 20, step: 'upgrading' }, ep, `${ep.id}:p1`);

    const load = keyedReportLoad(reporters, url, { onAnswer: (status, code) => rec.request(status, code) });
    // The drivers go through their steps slowly enough that the kills land among them.
    let driving = true;
    const driven = drivers.map(async (ep) => {
      const op = opOf.get(ep.id) as string;
      const answers = [];
      for (let p = 10; p <= 90 && driving; p += 20)
        answers.push(await step(`/operations/${op}/progress`, { progress: p, step: `step ${p}` }, ep, `${ep.id}:p${p}`));
      answers.push(await step(`/operations/${op}/complete`, { result: { changed: ['bash', 'curl'] }, state: TARGET }, ep, `${ep.id}:complete`));
      return answers;
    });

    for (let k = 1; k <= KILLS; k += 1) {
      const mark = load.stats().accepted;
      await until('reports flowing', () => load.stats().accepted >= mark + REPORTERS * 3, { timeoutMs: 60_000, intervalMs: 50 });
      const killed = server as ServerProcess;
      expect(await killed.stop('SIGKILL')).toBeNull();
      const down = Date.now();
      await sleep(500); // agents find the port closed
      await start();
      rec.note(`${dialect}: kill ${k}: serving again ${Date.now() - down} ms after the SIGKILL`);
      const after = load.stats().accepted;
      await until('reports accepted after the restart', () => load.stats().accepted >= after + REPORTERS * 2, { timeoutMs: 60_000, intervalMs: 50 });
      rec.fault(`server SIGKILL under load (${dialect})`, true);
    }
    driving = false;
    const steps = await Promise.all(driven);
    const end = await load.stop();
    expect(end.unanswered, 'reports still unanswered 30 s after the load stopped').toBe(0);

    // Every 2xx is stored with its content, once.
    const check = await checkStoredReports(t.db, end.accepted);
    rec.lost(check.lost.length);
    rec.duplicates(check.duplicates);
    rec.count('state reports accepted', end.accepted.length);
    rec.count('state reports retried', end.accepted.filter((r) => r.attempts > 1).length);
    rec.count('state reports answered from the stored answer', end.accepted.filter((r) => r.replayed).length);
    rec.count('attempts without an answer (server dead)', end.networkFailures);
    expect(check.lost, 'accepted reports missing from the database').toEqual([]);
    expect(check.duplicates, 'reports stored twice').toBe(0);
    expect(
      Object.keys(end.notAccepted).filter((k) => !/^5\d\d|^429/.test(k)),
      `refusals: ${JSON.stringify(end.notAccepted)}`,
    ).toEqual([]);

    // Every operation step was answered 2xx (a retried complete is replayed, not refused) and
    // each driven operation completed once, with the state it reached stored once.
    for (const answers of steps) for (const a of answers) expect(a.status, JSON.stringify(a.json)).toBe(200);
    for (const ep of drivers) {
      const op = await t.db
        .selectFrom('sync_operations')
        .selectAll()
        .where('id', '=', opOf.get(ep.id) as string)
        .executeTakeFirstOrThrow();
      expect(op.status).toBe('completed');
      const states = await t.db.selectFrom('package_states').select('id').where('endpoint_id', '=', ep.id).execute();
      rec.duplicates(Math.max(0, states.length - 2));
      expect(states).toHaveLength(2); // OLD, then what complete reported
    }

    // Left in progress by agents that never came back: failed by the stale-operation job.
    const stale = await until(
      'the stale-operation job to fail the abandoned operations',
      async () => {
        const rows = await t.db
          .selectFrom('sync_operations')
          .select(['id', 'status', 'error_message'])
          .where(
            'id',
            'in',
            abandoned.map((a) => opOf.get(a.id) as string),
          )
          .execute();
        return rows.every((r) => r.status === 'failed') ? rows : null;
      },
      { timeoutMs: 150_000, intervalMs: 1000 },
    );
    for (const r of stale) expect(r.error_message).toMatch(/^no progress from the agent for 1 minute\(s\) \(sync_timeout\)/);
    rec.count('abandoned operations failed by the stale-operation job', stale.length);

    // The server's own consistency check, on the database as the crashes left it.
    await server?.stop('SIGTERM');
    server = null;
    const dbCheck = await runServerCli(['db', 'check', '--json'], { env: env() });
    expect(dbCheck.stderr).not.toMatch(/error|warning/i);
    expect(JSON.parse(dbCheck.stdout)).toEqual({ ok: true, problems: [] });
    expect(dbCheck.code).toBe(0);
    console.info(
      `${dialect}: ${KILLS} SIGKILL(s) under ${REPORTERS} reporting agents: ${end.sent} ` +
        `attempts, ${end.accepted.length} reports accepted (all stored), ` +
        `${end.accepted.filter((r) => r.replayed).length} answered from the stored answer, ${end.networkFailures} attempts without an answer`,
    );
  }, 600_000);
});

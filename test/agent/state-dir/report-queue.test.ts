// The daemon's report queue against the real server (SQLite): reports survive on disk in order,
// are delivered in order when the server answers, stay queued while it does not, and one the
// server refuses for good does not block those behind it; two processes writing it at once (the
// CLI and the daemon) lose nothing, and two replaying at once send each report once. Plus the
// back-off schedule.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { ApiClient, NetworkError } from '../../../src/agent/api-client.js';
import { Backoff } from '../../../src/agent/daemon/backoff.js';
import { ReportQueue, type QueueItem } from '../../../src/agent/state-dir/report-queue.js';
import { stateBody } from '../../../src/agent/reporting.js';
import type { RepositoriesReportBody } from '../../../src/contracts/package.contract.js';
import { startLiveServer, type LiveServer } from '../../support/live-server.js';
import { startTamperingProxy } from '../../support/tampering-proxy.js';
import { state } from '../../support/package-states.js';

describe('report queue', () => {
  let srv: LiveServer;
  let dir: string;
  let endpoint: { id: string; api_key: string };
  let client: ApiClient;

  beforeAll(async () => {
    srv = await startLiveServer('sqlite');
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-queue-'));
    endpoint = await srv.ok('POST', '/endpoints', { name: 'q', hostname: 'q.lan' });
    client = new ApiClient({ url: srv.url, apiKey: endpoint.api_key, timeoutMs: 5000 });
  });

  afterAll(async () => {
    await srv?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const currentPackages = async (): Promise<string[]> => {
    const ep = await srv.ok<{ current_state_id: string }>('GET', `/endpoints/${endpoint.id}`);
    const s = await srv.ok<{ state_data: { packages: Record<string, unknown> } }>('GET', `/states/${ep.current_state_id}`);
    return Object.keys(s.state_data.packages).sort();
  };

  test('unreachable: everything stays queued, on disk with mode 0600', async () => {
    const s = createServer();
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    const port = (s.address() as { port: number }).port;
    await new Promise<void>((resolve) => s.close(() => resolve()));
    const q = new ReportQueue(dir);
    q.push({ kind: 'state', endpoint_id: endpoint.id, body: stateBody(state({ bash: '5.2-1' })) });
    q.push({ kind: 'state', endpoint_id: endpoint.id, body: stateBody(state({ bash: '5.2-1', vim: '9.1-1' })) });
    const r = await q.replay(new ApiClient({ url: `http://127.0.0.1:${port}`, apiKey: endpoint.api_key, timeoutMs: 2000 }));
    expect(r.sent).toBe(0);
    expect(r.stoppedBy).toBeInstanceOf(NetworkError);
    // A new ReportQueue (a restarted agent) finds both, oldest first.
    const again = new ReportQueue(dir);
    expect(again.read().map((i) => Object.keys((i.body as { packages: object }).packages))).toEqual([['bash'], ['bash', 'vim']]);
    expect((await stat(again.file)).mode & 0o777).toBe(0o600);
  });

  test('delivered in order once the server answers; a report refused for good is dropped, the rest still arrive', async () => {
    const q = new ReportQueue(dir);
    q.push({ kind: 'complete', operation_id: '00000000-0000-4000-8000-000000000001', body: {} });
    q.push({ kind: 'state', endpoint_id: endpoint.id, body: stateBody(state({ bash: '5.2-1', vim: '9.1-1', zsh: '5.9-1' })) });
    const r = await q.replay(client);
    expect(r.stoppedBy).toBeNull();
    expect(r.sent).toBe(3);
    expect(r.dropped.map((d) => d.item.kind)).toEqual(['complete']);
    expect(r.dropped[0]?.reason).toContain('RESOURCE_NOT_FOUND');
    // The last state sent is the endpoint's current state: the order was kept.
    expect(await currentPackages()).toEqual(['bash', 'vim', 'zsh']);
    expect(q.exists()).toBe(false);
  });

  test('two replays at once (the CLI and the daemon): each report is sent once, the second waits or says busy', async () => {
    const qdir = await mkdtemp(path.join(dir, 'two-'));
    const q = new ReportQueue(qdir);
    for (const v of ['1', '2', '3', '4']) q.push({ kind: 'state', endpoint_id: endpoint.id, body: stateBody(state({ bash: `5.2-${v}` })) });
    const [a, b] = await Promise.all([q.replay(client), new ReportQueue(qdir).replay(client)]);
    expect(a).toMatchObject({ sent: 4, stoppedBy: null });
    expect(b).toEqual({ sent: 0, dropped: [], stoppedBy: null, busy: true });
    q.push({ kind: 'state', endpoint_id: endpoint.id, body: stateBody(state({ bash: '5.2-5' })) });
    const [c, d] = await Promise.all([q.replay(client), new ReportQueue(qdir).replay(client, { waitMs: 10_000 })]);
    expect([c.sent, d.sent]).toEqual([1, 0]);
    expect(d.busy).toBeUndefined();
    expect(q.exists()).toBe(false);
    const ep = await srv.ok<{ current_state_id: string }>('GET', `/endpoints/${endpoint.id}`);
    const s = await srv.ok<{ state_data: { packages: Record<string, { version: string }> } }>('GET', `/states/${ep.current_state_id}`);
    expect(s.state_data.packages.bash?.version).toBe('5.2-5');
  });

  test('a revoked key stops the replay and keeps the reports', async () => {
    const q = new ReportQueue(dir);
    q.push({ kind: 'state', endpoint_id: endpoint.id, body: stateBody(state({ bash: '5.2-1' })) });
    const r = await q.replay(new ApiClient({ url: srv.url, apiKey: 'psk_not-a-real-key-000000000000000000000000', timeoutMs: 2000 }));
    expect(r.sent).toBe(0);
    expect(q.size).toBe(1);
    await q.replay(client);
    expect(q.size).toBe(0);
  });

  test(
    'an answer lost after the server acted: the queued retry carries the ' + 'same Idempotency-Key, is answered as the first, and is not dropped',
    async () => {
      // A pending sync of a second endpoint (a target set by the first).
      const pool = await srv.ok<{ id: string }>('POST', '/pools', { name: 'lost-answers' });
      const ref = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name: 'ref', hostname: 'ref.lan', pool_id: pool.id });
      const refClient = new ApiClient({ url: srv.url, apiKey: ref.api_key, timeoutMs: 5000 });
      await refClient.submitState(ref.id, stateBody(state({ bash: '5.2.026-2' })));
      await refClient.setLatest(ref.id, {});
      const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name: 'lossy', hostname: 'lossy.lan', pool_id: pool.id });
      const direct = new ApiClient({ url: srv.url, apiKey: ep.api_key, timeoutMs: 5000 });
      await direct.submitState(ep.id, stateBody(state({ bash: '5.2.015-1' })));
      const op = (await direct.sync(ep.id, {})).operation as { id: string };

      const proxy = await startTamperingProxy(srv.url);
      onTestFinished(() => proxy.close());
      proxy.dropAnswer = (method, p) => method === 'POST' && p.endsWith('/fail');
      const lossy = new ApiClient({ url: proxy.url, apiKey: ep.api_key, timeoutMs: 5000 });
      const q = new ReportQueue(await mkdtemp(path.join(tmpdir(), 'pacsync-queue-lost-')));
      const item = q.push({ kind: 'fail', operation_id: op.id, body: { error_message: 'pacman was killed' } });
      expect(item.idempotency_key).toBe(item.id);
      const first = await q.replay(lossy);
      expect(first.stoppedBy).toBeInstanceOf(NetworkError);
      expect(q.size).toBe(1);
      // The server did fail it: without the key, the retry would be refused (422) and dropped.
      expect((await srv.ok<{ status: string }>('GET', `/operations/${op.id}`)).status).toBe('failed');
      const events = async () =>
        (
          await srv.database.db
            .selectFrom('system_events')
            .select('id')
            .where('event_type', '=', 'operation_failed')
            .where('endpoint_id', '=', ep.id)
            .execute()
        ).length;
      expect(await events()).toBe(1);

      proxy.dropAnswer = null;
      const again = await q.replay(lossy);
      expect(again).toMatchObject({ sent: 1, dropped: [], stoppedBy: null });
      expect(q.size).toBe(0);
      expect(await events()).toBe(1);
    },
  );
});

describe('report queue limits', () => {
  test('a long outage keeps the newest 50 states and the newest repository report; operation results all', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-queue-limits-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const q = new ReportQueue(dir);
    const repos = (n: number): RepositoriesReportBody => ({
      repositories: [{ name: `core${n}`, url: null, packages: {}, metadata: { last_sync: null, sync_method: 'pacman_database', db_hash: null } }],
    });
    for (let i = 0; i < 60; i++) {
      q.push({ kind: 'state', endpoint_id: 'e', body: stateBody(state({ [`pkg${i}`]: '1.0-1' })) });
      q.push({ kind: 'repositories', endpoint_id: 'e', body: repos(i) });
      q.push({ kind: 'progress', operation_id: 'op', body: { progress: i, step: `step ${i}` } });
    }
    const items = q.read();
    const states = items.filter((i) => i.kind === 'state').map((i) => Object.keys((i.body as { packages: object }).packages)[0]);
    expect(states).toEqual(Array.from({ length: 50 }, (_, i) => `pkg${i + 10}`));
    expect(items.filter((i) => i.kind === 'repositories').map((i) => (i.body as { repositories: { name: string }[] }).repositories[0]?.name)).toEqual(
      ['core59'],
    );
    expect(items.filter((i) => i.kind === 'progress')).toHaveLength(60);
  });
});

describe('report queue shared by two processes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-queue-procs-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** A process pushing `n` progress reports tagged `who`, starting when the file `go` appears. */
  function writer(queueDir: string, who: string, n: number, go: string): Promise<number | null> {
    const modulePath = fileURLToPath(new URL('../../../src/agent/state-dir/report-queue.ts', import.meta.url));
    const code = `
      const { existsSync, writeFileSync } = await import('node:fs');
      const { ReportQueue } = await import(${JSON.stringify(modulePath)});
      const q = new ReportQueue(${JSON.stringify(queueDir)});
      writeFileSync(${JSON.stringify(`${go}.${who}`)}, '');
      while (!existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 5));
      for (let i = 0; i < ${n}; i++) q.push({ kind: 'progress', operation_id: '${who}', body: { progress: i % 100, step: '${who} ' + i } });
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'inherit', 'inherit'] });
    return new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  }

  test("two processes pushing at the same time: every report is kept, each writer's in its order", async () => {
    const queueDir = path.join(dir, 'state');
    const go = path.join(dir, 'go');
    const n = 150;
    const done = Promise.all([writer(queueDir, 'cli', n, go), writer(queueDir, 'daemon', n, go)]);
    // Both loaded and waiting: start them together.
    while (!existsSync(`${go}.cli`) || !existsSync(`${go}.daemon`)) await new Promise((r) => setTimeout(r, 10));
    await writeFile(go, '');
    expect(await done).toEqual([0, 0]);

    const items = new ReportQueue(queueDir).read();
    const steps = (who: string): (string | undefined)[] =>
      items.filter((i): i is QueueItem & { kind: 'progress' } => i.kind === 'progress' && i.operation_id === who).map((i) => i.body.step);
    expect(items).toHaveLength(2 * n);
    expect(steps('cli')).toEqual(Array.from({ length: n }, (_, i) => `cli ${i}`));
    expect(steps('daemon')).toEqual(Array.from({ length: n }, (_, i) => `daemon ${i}`));
    expect(new Set(items.map((i) => i.id)).size).toBe(2 * n);
    // No lock left behind. (Whether the two writers actually interleaved depends on the scheduler;
    // on a loaded machine one may finish first, so that is not asserted.)
    expect((await readdir(queueDir)).sort()).toEqual(['report-queue.json']);
  });
});

describe('back-off', () => {
  test('doubles from the base up to the cap, and starts over after a success', () => {
    let now = 0;
    const b = new Backoff(1000, 5000, () => now);
    expect(b.ready()).toBe(true);
    expect([b.fail(), b.fail(), b.fail(), b.fail(), b.fail()]).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(b.ready()).toBe(false);
    now += 4999;
    expect(b.ready()).toBe(false);
    now += 1;
    expect(b.ready()).toBe(true);
    b.succeed();
    expect(b.fail()).toBe(1000);
  });
});

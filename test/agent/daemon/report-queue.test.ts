// The daemon's report queue against the real server (SQLite): reports survive on disk in order,
// are delivered in order when the server answers, stay queued while it does not, and one the
// server refuses for good does not block those behind it. Plus the back-off schedule.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ApiClient, NetworkError } from '../../../src/agent/api-client.js';
import { Backoff } from '../../../src/agent/daemon/backoff.js';
import { ReportQueue } from '../../../src/agent/daemon/report-queue.js';
import { stateBody } from '../../../src/agent/reporting.js';
import { startLiveServer, type LiveServer } from '../../support/live-server.js';
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

  test('a revoked key stops the replay and keeps the reports', async () => {
    const q = new ReportQueue(dir);
    q.push({ kind: 'state', endpoint_id: endpoint.id, body: stateBody(state({ bash: '5.2-1' })) });
    const r = await q.replay(new ApiClient({ url: srv.url, apiKey: 'psk_not-a-real-key-000000000000000000000000', timeoutMs: 2000 }));
    expect(r.sent).toBe(0);
    expect(q.size).toBe(1);
    await q.replay(client);
    expect(q.size).toBe(0);
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

// The agent reports an unchanged package set by its content hash only (issue #17), end to end with
// the real agent, the real pacman and the real server (SQLite), a recording proxy in between to
// see what the agent sent: the first report is full; an unchanged one is `{content_hash}` alone;
// a changed one is full at once; when the server does not know the hash (the machine was moved to
// another pool) the agent gets 409 STATE_HASH_UNKNOWN and sends the full state, and the command
// still succeeds. The daemon, restarted on an unchanged machine, sends the hash only.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AGENT_CLI, ensureAgentBuilt, pacsync } from '../support/agent-cli.js';
import { buildFleet, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { installPackages, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';
import { startTamperingProxy, type TamperingProxy } from '../support/tampering-proxy.js';
import { until } from '../support/wait.js';

const skip = sandboxSkipReason({ needRoot: true });

describe.skipIf(skip)('hash-only state reports from the agent (SQLite server, real pacman)', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let proxy: TamperingProxy;
  let M: Sandbox;
  let conf: string;
  let endpointId: string;
  let poolId: string;

  /** The state reports sent since `from`: 'hash' (content_hash alone) or 'full', with the status answered. */
  const stateReports = (from: number) =>
    proxy.seen
      .slice(from)
      .filter((r) => r.method === 'POST' && r.path.startsWith(`/api/v1/endpoints/${endpointId}/state`))
      .map((r) => {
        const body = JSON.parse(r.body) as Record<string, unknown>;
        return { kind: Object.keys(body).join(',') === 'content_hash' ? 'hash' : 'full', status: r.status, hasPackages: 'packages' in body };
      });

  const currentState = async () => await srv.ok<{ current_state_id: string | null; pool_id: string | null }>('GET', `/endpoints/${endpointId}`);

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
    proxy = await startTamperingProxy(srv.url);
    poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab' })).id;
    M = await fleet.machine('m', { from: 'new', install: ['curl'] });
    const ep = await srv.ok<{ id: string; api_key: string }>('POST', '/endpoints', { name: 'machine-m', hostname: 'm.lan', pool_id: poolId });
    endpointId = ep.id;
    conf = await fleet.agentConfig(M, { server: { url: proxy.url, key: ep.api_key, endpointId: ep.id, name: 'machine-m' } });
  });

  afterAll(async () => {
    await proxy?.close();
    await srv?.close();
    await fleet?.cleanup();
  });

  test('full first, then the hash alone while nothing changed, full again after a change', async () => {
    let mark = proxy.seen.length;
    const first = await pacsync(['--config', conf, 'submit']);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(stateReports(mark)).toEqual([{ kind: 'full', status: 200, hasPackages: true }]);
    const stored = (await currentState()).current_state_id;
    expect(stored).not.toBeNull();
    // What the agent remembers: the hash the server answered, for this endpoint.
    const memory = JSON.parse(await readFile(path.join(M.dir, 'acknowledged-state.json'), 'utf8')) as { endpoint_id: string; content_hash: string };
    expect(memory.endpoint_id).toBe(endpointId);
    expect(memory.content_hash).toMatch(/^[0-9a-f]{64}$/);

    mark = proxy.seen.length;
    const again = await pacsync(['--config', conf, 'submit']);
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(stateReports(mark)).toEqual([{ kind: 'hash', status: 200, hasPackages: false }]);
    expect((await currentState()).current_state_id).toBe(stored);
    // `status` reports too, the same way.
    mark = proxy.seen.length;
    expect((await pacsync(['--config', conf, 'status'])).code).toBe(0);
    expect(stateReports(mark)).toEqual([{ kind: 'hash', status: 200, hasPackages: false }]);

    // A package installed: the new state goes out in full, no hash tried first.
    await installPackages(M, ['editor']);
    mark = proxy.seen.length;
    expect((await pacsync(['--config', conf, 'submit'])).code).toBe(0);
    expect(stateReports(mark)).toEqual([{ kind: 'full', status: 200, hasPackages: true }]);
    expect((await currentState()).current_state_id).not.toBe(stored);
  });

  test('a hash the server does not know (the machine moved pools): 409, then the full state, and the command succeeds', async () => {
    const other = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'other' })).id;
    await srv.ok('POST', `/pools/${other}/endpoints`, { endpoint_id: endpointId });
    const mark = proxy.seen.length;
    const r = await pacsync(['--config', conf, 'submit']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(stateReports(mark)).toEqual([
      { kind: 'hash', status: 409, hasPackages: false },
      { kind: 'full', status: 200, hasPackages: true },
    ]);
    const states = await srv.ok<{ items: { endpoint_id: string | null }[] }>('GET', `/pools/${other}/states?kind=report`);
    expect(states.items.some((s) => s.endpoint_id === endpointId)).toBe(true);
  });

  test('the daemon, started on an unchanged machine, proves its state with the hash alone', async () => {
    const mark = proxy.seen.length;
    let log = '';
    const child: ChildProcess = spawn(process.execPath, [AGENT_CLI, '--config', conf, 'daemon'], {
      env: { PATH: process.env.PATH, LC_ALL: 'C', HOME: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      await until('the daemon to report', async () => stateReports(mark).length > 0 || null);
      // Its poll for operations follows the replayed report (a fallback would have come first).
      await until(
        'the poll for operations',
        async () => proxy.seen.slice(mark).some((q) => q.method === 'GET' && q.path.startsWith(`/api/v1/endpoints/${endpointId}/operations`)) || null,
      );
      expect(stateReports(mark), log).toEqual([{ kind: 'hash', status: 200, hasPackages: false }]);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});

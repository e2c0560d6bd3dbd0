// `pacsync daemon`, end to end: the built CLI as a background process against the real server
// (SQLite) and the real pacman. It reports the machine on start, runs a sync the server started
// (admin POST /endpoints/{id}/sync), keeps a report queued while the server is down and delivers
// it when the server is back (same database, same port), and stops cleanly on SIGTERM.
import { existsSync, readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AgentProcess, ensureAgentBuilt, pacsync, startAgent } from '../support/agent-cli.js';
import { buildFleet, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { installPackages, pacmanQ, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';
import { until } from '../support/wait.js';

const skip = sandboxSkipReason({ needRoot: true });

describe.skipIf(skip)('pacsync daemon', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let D: Sandbox;
  let qA: string;
  let endpointId: string;
  let daemon: AgentProcess | null = null;
  let poolId: string;

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
    poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab' })).id;
    const A = await fleet.machine('a', { from: 'new', install: ['curl', 'kernel', 'editor'] });
    qA = await pacmanQ(A);
    const { conf: confA } = await fleet.enrol(srv, A, 'machine-a', poolId);
    expect((await pacsync(['--config', confA, 'set-latest'])).code).toBe(0);

    D = await fleet.machine('d', { from: 'old', install: ['curl'] });
    const d = await fleet.enrol(srv, D, 'machine-d', poolId);
    endpointId = d.id;
    daemon = startAgent(['--config', d.conf, 'daemon']);
  });
  const log = () => daemon?.out() ?? '';

  afterAll(async () => {
    if (daemon && daemon.child.exitCode === null && daemon.child.signalCode === null) {
      daemon.child.kill('SIGKILL');
      await daemon.exited;
    }
    await srv?.close();
    await fleet?.cleanup();
  });

  test('reports the machine on start, then runs a sync the server started', async () => {
    await until('the first report', async () => (await srv.ok<{ sync_status: string }>('GET', `/endpoints/${endpointId}`)).sync_status === 'behind');
    const started = await srv.ok<{ operation: { id: string; status: string } }>('POST', `/endpoints/${endpointId}/sync`, {});
    expect(started.operation.status).toBe('pending');
    const op = await until('the operation to finish', async () => {
      const o = await srv.ok<{ status: string; progress: number; error_message: string | null }>('GET', `/operations/${started.operation.id}`);
      return o.status === 'completed' || o.status === 'failed' ? o : null;
    });
    expect(op).toMatchObject({ status: 'completed', progress: 100, error_message: null });
    expect(await pacmanQ(D)).toBe(qA);
    expect((await srv.ok<{ sync_status: string }>('GET', `/endpoints/${endpointId}`)).sync_status).toBe('in_sync');
    expect(log()).toContain(`operation ${started.operation.id} (sync_to_latest) started by the server`);
  });

  test('while the server is down a change is queued on disk; when it is back the report arrives', async () => {
    const queueFile = path.join(D.dir, 'report-queue.json');
    await srv.stop();
    await installPackages(D, ['tool-x']);
    const queued = await until('the change to be queued', async () => {
      if (!existsSync(queueFile)) return null;
      const items = JSON.parse(readFileSync(queueFile, 'utf8')) as { kind: string; body: { packages?: Record<string, { version: string }> } }[];
      return items.find((i) => i.kind === 'state' && i.body.packages && 'tool-x' in i.body.packages) ?? null;
    });
    // The queued report holds the version pacman installed.
    expect(`tool-x ${queued.body.packages?.['tool-x']?.version}\n`).toBe(
      (await pacmanQ(D))
        .split('\n')
        .filter((l) => l.startsWith('tool-x '))
        .map((l) => `${l}\n`)
        .join(''),
    );
    // Let it fail a few times (back-off) before the server returns.
    await until('a failed delivery', async () => /server unreachable: cannot reach the server/.test(log()));
    await new Promise((r) => setTimeout(r, 1500));
    await srv.start();
    const state = await until('the queued report to arrive', async () => {
      const ep = await srv.ok<{ current_state_id: string | null }>('GET', `/endpoints/${endpointId}`);
      if (!ep.current_state_id) return null;
      const s = await srv.ok<{ state_data: { packages: Record<string, { version: string }> } }>('GET', `/states/${ep.current_state_id}`);
      return 'tool-x' in s.state_data.packages ? s : null;
    });
    expect(
      Object.entries(state.state_data.packages)
        .map(([n, p]) => `${n} ${p.version}\n`)
        .sort()
        .join(''),
    ).toBe(await pacmanQ(D));
    await until('the queue to be empty', async () => !existsSync(queueFile));
    expect(log()).toMatch(/sent \d+ queued report\(s\)/);
    await until('the daemon to notice the server is back', async () => /server reachable again after \d+ s/.test(log()));
  });

  test('SIGTERM stops it cleanly', async () => {
    daemon?.child.kill('SIGTERM');
    expect(await daemon?.exited).toBe(0);
    expect(log()).toContain('SIGTERM: stopping after the current step');
    expect(log()).toContain('pacsync daemon: stopped');
    expect(log()).not.toMatch(/\n\s+at /);
  });

  test('SIGTERM while an operation is being prepared: no transaction is started, the operation fails saying so', async () => {
    const F = await fleet.machine('f', { from: 'old', install: ['curl'] });
    const marker = path.join(F.dir, 'print-started');
    // pacman's dry run (--print) takes a second here: the signal arrives during the preparation.
    const script = path.join(F.dir, 'slow-pacman');
    await writeFile(script, `#!/bin/sh\nfor a in "$@"; do [ "$a" = --print ] && { touch ${marker}; sleep 1; }; done\nexec pacman "$@"\n`);
    await chmod(script, 0o755);
    const f = await fleet.enrol(srv, F, 'machine-f', poolId, [`command = ${script}`]);
    const conf = f.conf;
    const qBefore = await pacmanQ(F);
    const { child, out, exited: done } = startAgent(['--config', conf, 'daemon']);
    try {
      await until('the first report', async () => (await srv.ok<{ sync_status: string }>('GET', `/endpoints/${f.id}`)).sync_status === 'behind');
      const started = await srv.ok<{ operation: { id: string } }>('POST', `/endpoints/${f.id}/sync`, {});
      await until('the preparation to reach pacman --print', async () => existsSync(marker));
      child.kill('SIGTERM');
      expect(await done).toBe(0);
      const op = await srv.ok<{ status: string; error_message: string }>('GET', `/operations/${started.operation.id}`);
      expect(op.status).toBe('failed');
      expect(op.error_message).toContain('stopped before the transaction started: nothing was changed');
      expect(await pacmanQ(F)).toBe(qBefore);
      expect(out()).not.toMatch(/\] pacman -U\n/);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  test(
    'on start, an operation left in progress by an agent that is gone ' + 'is failed by the daemon itself, with the state the machine is in',
    async () => {
      const G = await fleet.machine('g', { from: 'old', install: ['curl'] });
      const g = await fleet.enrol(srv, G, 'machine-g', poolId);
      const api = (method: string, p: string, body: unknown) =>
        fetch(`${srv.url}/api/v1${p}`, {
          method,
          headers: { authorization: `Bearer ${g.key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      // The agent that started it reported once, then was killed (no result, no lock left behind).
      expect((await pacsync(['--config', g.conf, 'submit'])).code).toBe(0);
      const started = (await (await api('POST', `/endpoints/${g.id}/sync`, {})).json()) as { data: { operation: { id: string } } };
      const opId = started.data.operation.id;
      expect((await api('POST', `/operations/${opId}/progress`, { progress: 40, step: 'upgrading' })).status).toBe(200);
      const { child, out, exited: done } = startAgent(['--config', g.conf, 'daemon']);
      try {
        const op = await until('the daemon to fail it', async () => {
          const o = await srv.ok<{ status: string; error_message: string | null; details: { post_state_id?: string } }>('GET', `/operations/${opId}`);
          return o.status === 'failed' ? o : null;
        });
        expect(op.error_message).toBe(
          'the agent stopped while this sync_to_latest was running (the machine restarted ' +
            'or the agent was killed); the state reached is reported: sync again to finish',
        );
        const state = await srv.ok<{ state_data: { packages: Record<string, { version: string }> } }>('GET', `/states/${op.details.post_state_id}`);
        expect(
          Object.entries(state.state_data.packages)
            .map(([n, p]) => `${n} ${p.version}\n`)
            .sort()
            .join(''),
        ).toBe(await pacmanQ(G));
        expect(out()).toContain(`operation ${opId} (sync_to_latest) was cut off before this start: failed, with the state reached`);
      } finally {
        child.kill('SIGTERM');
        await done;
      }
    },
  );
});

// Agent faults with the real pacman (issue #16, part 3): the built `pacsync` against the real
// server (SQLite) and sandbox roots (test/support/agent-fleet.ts). The target has a package with a
// 200 MB file, so pacman's transaction is long enough to be cut off in its middle.
//   - pacman SIGKILLed while it extracts that file: the operation fails saying so, the state
//     reported is the one pacman left (`pacman -Q` is the referee), the db.lck it left is removed
//     — never while a process holds it — and a rerun completes;
//   - the server goes away during a daemon's sync: pacman finishes, the daemon queues the result
//     and delivers it when the server is back (once);
//   - the machine "reboots" mid-sync (daemon and pacman SIGKILLed): the daemon, started again,
//     reports the real state and fails the cut-off operation itself; the next sync completes.
// Ctrl-C and SIGTERM during a sync, and a result queued for `pacsync submit`, are in
// test/agent/sync-interrupted.test.ts and test/agent/daemon.test.ts.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type AgentProcess, ensureAgentBuilt, pacsync, startAgent } from '../support/agent-cli.js';
import { buildFleet, withLines, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { addToRepo, pacman, pacmanQ, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';
import { until } from '../support/wait.js';
import { figures } from './crash-figures.js';

const skip = sandboxSkipReason({ needRoot: true });
const rec = figures('agent-faults');
const BLOB = 'usr/share/bigdata/blob';

/** A pacman for the agent that records the transaction's pid (`exec` keeps it) before running it. */
async function pidRecordingPacman(sb: Sandbox, extra = ''): Promise<{ command: string; pidFile: string }> {
  const command = path.join(sb.dir, 'pacman-recording');
  const pidFile = path.join(sb.dir, 'pacman.pid');
  await writeFile(
    command,
    [
      '#!/bin/sh',
      'print=no; op=',
      'for a in "$@"; do case "$a" in --print) print=yes;; -U|-R|-D|-S*) [ -z "$op" ] && op=$a;; esac; done',
      `if [ "$print" = no ] && [ "$op" = -U ]; then echo $$ > '${pidFile}'; ${extra} fi`,
      'exec pacman "$@"',
      '',
    ].join('\n'),
  );
  await chmod(command, 0o755);
  return { command, pidFile };
}

describe.skipIf(skip)('agent faults (SQLite server, real pacman)', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let poolId: string;
  let qA: string;
  const running: AgentProcess[] = [];

  const operationsOf = async (endpointId: string) =>
    (
      await srv.ok<{ items: { id: string; status: string; error_message: string | null }[] }>(
        'GET',
        `/endpoints/${endpointId}/operations?operation_type=sync_to_latest`,
      )
    ).items;
  const reportedQ = async (endpointId: string): Promise<string> => {
    const ep = await srv.ok<{ current_state_id: string }>('GET', `/endpoints/${endpointId}`);
    const s = await srv.ok<{ state_data: { packages: Record<string, { version: string }> } }>('GET', `/states/${ep.current_state_id}`);
    return Object.entries(s.state_data.packages)
      .map(([n, p]) => `${n} ${p.version}\n`)
      .sort()
      .join('');
  };
  /** Waits for the big file to appear in `sb`, then SIGKILLs the pacman whose pid was recorded. */
  const killPacmanMidTransaction = async (sb: Sandbox, pidFile: string): Promise<number> => {
    await until('pacman to extract the big file', () => existsSync(path.join(sb.root, BLOB)), { timeoutMs: 120_000, intervalMs: 2 });
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 'SIGKILL');
    return pid;
  };
  const machine = (name: string) => fleet.machine(name, { from: 'old', install: ['curl', 'kernel'] });

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    // 200 MB of zeros: a few hundred KB compressed, long to extract.
    await addToRepo(fleet.repoNew, [{ name: 'bigdata', version: '1.0-1', arch: 'any', files: { [BLOB]: '\0'.repeat(200 * 1024 * 1024) } }]);
    srv = await startLiveServer('sqlite');
    poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'faults' })).id;
    const A = await fleet.machine('a', { from: 'new', install: ['curl', 'kernel', 'editor', 'bigdata'] });
    qA = await pacmanQ(A);
    const a = await fleet.enrol(srv, A, 'machine-a', poolId);
    expect((await pacsync(['--config', a.conf, 'set-latest'])).code).toBe(0);
  }, 300_000);

  afterAll(async () => {
    for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await srv?.close();
    await fleet?.cleanup();
  });

  test(
    'pacman killed in the middle of the transaction: the operation fails saying ' +
      'so, the state reached is reported, db.lck is handled, a rerun completes',
    async () => {
      const B = await machine('b');
      const { command, pidFile } = await pidRecordingPacman(B);
      const b = await fleet.enrol(srv, B, 'machine-b', poolId, [`command = ${command}`]);
      const logBefore = await readFile(B.logFile, 'utf8');

      const agent = startAgent(['--config', b.conf, 'sync', '--yes']);
      running.push(agent);
      await killPacmanMidTransaction(B, pidFile);
      rec.fault('pacman SIGKILL mid-transaction', false);
      expect(await agent.exited).toBe(6);
      const message = /^error: (.*)$/m.exec(agent.out())?.[1] ?? '';
      expect(message).toMatch(
        /pacman(-recording)? was killed by SIGKILL in the middle of the transaction: packages it had not finished are as the state reached shows/,
      );
      expect(message).toMatch(/its lock .*db\.lck was removed \(no process held it\)/);
      expect(agent.out()).not.toMatch(/\n\s+at /);
      // pacman's log: the transaction started and never completed.
      const log = (await readFile(B.logFile, 'utf8')).slice(logBefore.length);
      expect(log).toContain('[ALPM] transaction started');
      expect(log).not.toContain('[ALPM] transaction completed');

      const [op] = await operationsOf(b.id);
      expect(op).toMatchObject({ status: 'failed', error_message: message });
      // libalpm makes a package's database entry before extracting it and writes its desc after:
      // the package pacman was cut off in has an entry without a desc. `pacman -Q` lists it from
      // the directory name, `pacman -Qi` cannot read it; it is not installed, and the state says so.
      const q = await pacmanQ(B);
      const cut = readdirSync(path.join(B.dbpath, 'local')).filter(
        (e) => statSync(path.join(B.dbpath, 'local', e)).isDirectory() && !existsSync(path.join(B.dbpath, 'local', e, 'desc')),
      );
      expect(cut).toEqual(['bigdata-1.0-1']);
      expect((await pacman(B, ['-Qi', 'bigdata'], { allowFailure: true })).stderr).toMatch(/could not open file .*bigdata-1\.0-1\/desc/);
      const reached = withLines(q, { bigdata: null });
      expect(reached).not.toBe(qA);
      expect(await reportedQ(b.id)).toBe(reached);
      expect(existsSync(path.join(B.dbpath, 'db.lck'))).toBe(false);

      const rerun = await pacsync(['--config', b.conf, 'sync', '--yes']);
      // The entry pacman cannot read is moved aside, saying so, and the package installed again.
      expect(rerun.stderr).toMatch(
        /^warning: bigdata-1\.0-1: pacman was killed while installing it \(its database entry has no desc\): the entry was moved to \S+\/pacsync-incomplete\nwarning: bigdata-1\.0-1: installed again, over the files of it already on disk\n$/,
      );
      expect(rerun.code).toBe(0);
      expect(await pacmanQ(B)).toBe(qA);
      expect((await operationsOf(b.id))[0]?.status).toBe('completed');
      rec.data.faults['pacman SIGKILL mid-transaction']!.survived += 1;
    },
    300_000,
  );

  test(
    'a db.lck some process holds open is never removed (pacman refuses, the ' +
      'agent says so); once nothing holds it, the next sync removes it saying so',
    async () => {
      const C = await machine('c');
      const c = await fleet.enrol(srv, C, 'machine-c', poolId);
      const lock = path.join(C.dbpath, 'db.lck');
      // A stand-in for a running pacman: a process holding db.lck open.
      const holder = spawn(process.execPath, ['-e', `require('fs').openSync(${JSON.stringify(lock)}, 'wx'); setInterval(() => {}, 1000)`], {
        stdio: 'ignore',
      });
      running.push({ child: holder, out: () => '', exited: new Promise((r) => holder.on('exit', r)) });
      await until('the lock to be taken', () => existsSync(lock));
      const q = await pacmanQ(C);
      rec.fault('db.lck held by another process', false);
      const refused = await pacsync(['--config', c.conf, 'sync', '--yes']);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/unable to lock database/);
      expect(refused.stderr).not.toContain('removed pacman');
      expect(existsSync(lock)).toBe(true);
      expect(await pacmanQ(C)).toBe(q);
      expect((await operationsOf(c.id))[0]?.status).toBe('failed');
      rec.data.faults['db.lck held by another process']!.survived += 1;

      holder.kill('SIGKILL'); // dies like a killed pacman: the file stays, nobody holds it
      await new Promise((r) => holder.once('exit', r));
      expect(existsSync(lock)).toBe(true);
      rec.fault('stale db.lck', false);
      const ok = await pacsync(['--config', c.conf, 'sync', '--yes']);
      expect(ok.stderr).toBe(`warning: removed pacman's lock ${lock}, left by a pacman that was killed: no process holds it open\n`);
      expect(ok.code).toBe(0);
      expect(await pacmanQ(C)).toBe(qA);
      rec.data.faults['stale db.lck']!.survived += 1;
    },
    300_000,
  );

  test('the server goes away during a daemon sync: pacman finishes, the result is queued and delivered once the server is back', async () => {
    const D = await machine('d');
    const go = path.join(D.dir, 'tx-go');
    const started = path.join(D.dir, 'tx-started');
    const { command } = await pidRecordingPacman(D, `: > '${started}'; while [ ! -e '${go}' ]; do sleep 0.05; done;`);
    const d = await fleet.enrol(srv, D, 'machine-d', poolId, [`command = ${command}`]);
    const daemon = startAgent(['--config', d.conf, 'daemon']);
    running.push(daemon);
    await until('the first report', async () => (await srv.ok<{ sync_status: string }>('GET', `/endpoints/${d.id}`)).sync_status === 'behind');
    const op = (await srv.ok<{ operation: { id: string } }>('POST', `/endpoints/${d.id}/sync`, {})).operation;
    await until('the transaction to start', () => existsSync(started), { timeoutMs: 120_000 });
    await srv.stop();
    rec.fault('server unreachable during a daemon sync', false);
    try {
      await writeFile(go, '');
      await until('the result to be queued', () => /the result is queued and sent when the server is back/.test(daemon.out()), {
        timeoutMs: 120_000,
      });
      const queue = JSON.parse(readFileSync(path.join(D.dir, 'report-queue.json'), 'utf8')) as {
        kind: string;
        operation_id?: string;
        idempotency_key?: string;
      }[];
      expect(queue.filter((i) => i.kind === 'complete').map((i) => i.operation_id)).toEqual([op.id]);
      expect(queue.every((i) => typeof i.idempotency_key === 'string')).toBe(true);
      expect(await pacmanQ(D)).toBe(qA);
    } finally {
      await srv.start();
    }
    const done = await until(
      'the operation to complete',
      async () => {
        const o = await srv.ok<{ status: string; progress: number }>('GET', `/operations/${op.id}`);
        return o.status === 'completed' ? o : null;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(done.progress).toBe(100);
    expect(await reportedQ(d.id)).toBe(qA);
    await until('the queue to be empty', () => !existsSync(path.join(D.dir, 'report-queue.json')));
    expect(daemon.out()).not.toMatch(/refused a queued/);
    rec.data.faults['server unreachable during a daemon sync']!.survived += 1;
    daemon.child.kill('SIGTERM');
    expect(await daemon.exited).toBe(0);
  }, 300_000);

  test(
    'the machine reboots mid-sync (daemon and pacman killed): the daemon started again ' +
      'reports the real state and fails the operation itself; the next sync completes',
    async () => {
      const E = await machine('e');
      const { command, pidFile } = await pidRecordingPacman(E);
      const e = await fleet.enrol(srv, E, 'machine-e', poolId, [`command = ${command}`]);
      const first = startAgent(['--config', e.conf, 'daemon']);
      running.push(first);
      await until('the first report', async () => (await srv.ok<{ sync_status: string }>('GET', `/endpoints/${e.id}`)).sync_status === 'behind');
      const op = (await srv.ok<{ operation: { id: string } }>('POST', `/endpoints/${e.id}/sync`, {})).operation;
      // The power goes: pacman mid-transaction and the daemon die at once.
      await until('pacman to extract the big file', () => existsSync(path.join(E.root, BLOB)), { timeoutMs: 120_000, intervalMs: 2 });
      first.child.kill('SIGKILL');
      process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGKILL');
      await first.exited;
      rec.fault('machine reboot mid-sync (daemon and pacman killed)', false);
      expect((await srv.ok<{ status: string }>('GET', `/operations/${op.id}`)).status).toBe('in_progress');
      expect(existsSync(path.join(E.dbpath, 'db.lck'))).toBe(true);
      // As after any pacman killed mid-package: its entry has no desc yet (see the first test).
      const reached = withLines(await pacmanQ(E), { bigdata: null });

      const second = startAgent(['--config', e.conf, 'daemon']);
      running.push(second);
      const failed = await until(
        'the daemon to fail the cut-off operation',
        async () => {
          const o = await srv.ok<{ status: string; error_message: string }>('GET', `/operations/${op.id}`);
          return o.status === 'failed' ? o : null;
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      );
      expect(failed.error_message).toMatch(
        /^the agent stopped while this sync_to_latest was running \(the machine restarted or the agent was killed\); pacman was interrupted too \(it left .*db\.lck, which no process holds: removed before the next pacman step\); the state reached is reported: sync again to finish$/,
      );
      expect(await reportedQ(e.id)).toBe(reached);
      expect(second.out()).toContain(`operation ${op.id} (sync_to_latest) was cut off before this start: failed, with the state reached`);

      const again = (await srv.ok<{ operation: { id: string } }>('POST', `/endpoints/${e.id}/sync`, {})).operation;
      const done = await until(
        'the next sync to finish',
        async () => {
          const o = await srv.ok<{ status: string; error_message: string | null }>('GET', `/operations/${again.id}`);
          return o.status === 'completed' || o.status === 'failed' ? o : null;
        },
        { timeoutMs: 120_000, intervalMs: 200 },
      );
      expect(done).toMatchObject({ status: 'completed', error_message: null });
      expect(await pacmanQ(E)).toBe(qA);
      expect(second.out()).toContain("warning: removed pacman's lock");
      expect(second.out()).toMatch(/warning: bigdata-1\.0-1: pacman was killed while installing it/);
      rec.data.faults['machine reboot mid-sync (daemon and pacman killed)']!.survived += 1;
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    },
    300_000,
  );
});

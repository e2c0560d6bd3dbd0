// `pacsync sync` interrupted, end to end: the built CLI against the real server (SQLite) and the
// real pacman in sandbox roots. Ctrl-C is what a terminal does: SIGINT to the agent's whole
// process group. During the preparation it stops cleanly (nothing changed, the operation failed,
// not left in progress); during the pacman transaction pacman is not interrupted — it finishes,
// the agent starts no further step, reports the state reached and exits non-zero. And a result
// the server cannot take when pacman is done (server down) is queued and replayed by the next
// command. pacman's log and `pacman -Q` are the referees.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AGENT_CLI, ensureAgentBuilt, pacsync } from '../support/agent-cli.js';
import { buildFleet, withLines, type Fleet } from '../support/agent-fleet.js';
import { startLiveServer, type LiveServer } from '../support/live-server.js';
import { localDbHash, pacmanQ, sandboxSkipReason, type Sandbox } from '../support/pacman-sandbox.js';
import { until } from '../support/wait.js';

const skip = sandboxSkipReason({ needRoot: true });

interface Agent {
  child: ChildProcess;
  out(): { stdout: string; stderr: string };
  exited: Promise<number | null>;
  /** What a terminal's Ctrl-C does: SIGINT to every process of the foreground process group. */
  ctrlC(): void;
}

/** `pacsync args…` in a process group of its own, as a shell runs a foreground job. */
function startAgent(args: string[]): Agent {
  const child = spawn(process.execPath, [AGENT_CLI, ...args], {
    env: { PATH: process.env.PATH, LC_ALL: 'C', HOME: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return {
    child,
    out: () => ({ stdout, stderr }),
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    ctrlC: () => process.kill(-(child.pid as number), 'SIGINT'),
  };
}

/**
 * A pacman for the agent's configuration that runs the real one, with a pause the test controls:
 * `shell` runs first (before pacman) for the runs `when` matches, `after` once pacman is done.
 */
async function pacmanWrapper(sb: Sandbox, when: 'print' | 'transaction', shell: string, after = ''): Promise<string> {
  const file = path.join(sb.dir, `pacman-${when}`);
  const match = when === 'print' ? '[ "$print" = yes ]' : '[ "$print" = no ] && [ "$op" = -U ]';
  await writeFile(
    file,
    [
      '#!/bin/sh',
      'print=no; op=',
      'for a in "$@"; do case "$a" in --print) print=yes;; -U|-R|-D|-S*) [ -z "$op" ] && op=$a;; esac; done',
      `if ${match}; then`,
      `  ${shell}`,
      after === '' ? '' : `  pacman "$@"; status=$?; ${after}; exit $status`,
      'fi',
      'exec pacman "$@"',
      '',
    ].join('\n'),
  );
  await chmod(file, 0o755);
  return file;
}

describe.skipIf(skip)('pacsync sync interrupted (SQLite server, real pacman)', () => {
  let fleet: Fleet;
  let srv: LiveServer;
  let poolId: string;
  let qA: string;
  let running: Agent | null = null;

  const enrol = (sb: Sandbox, name: string, pacmanLines: string[]) => fleet.enrol(srv, sb, name, poolId, pacmanLines);

  /** A machine from the old mirror with an extra package, so a sync has a removal step after its transaction. */
  const oldMachine = (name: string): Promise<Sandbox> => fleet.machine(name, { from: 'old', install: ['curl', 'kernel', 'extra-tool'] });

  const onlyOperation = async (endpointId: string) => {
    const page = await srv.ok<{ items: { id: string; status: string; error_message: string | null; details: { result?: unknown } }[] }>(
      'GET',
      `/endpoints/${endpointId}/operations?operation_type=sync_to_latest`,
    );
    expect(page.items).toHaveLength(1);
    return page.items[0] as (typeof page.items)[number];
  };

  const reportedQ = async (endpointId: string): Promise<string> => {
    const ep = await srv.ok<{ current_state_id: string }>('GET', `/endpoints/${endpointId}`);
    const s = await srv.ok<{ state_data: { packages: Record<string, { version: string }> } }>('GET', `/states/${ep.current_state_id}`);
    return Object.entries(s.state_data.packages)
      .map(([n, p]) => `${n} ${p.version}\n`)
      .sort()
      .join('');
  };

  beforeAll(async () => {
    ensureAgentBuilt();
    fleet = await buildFleet();
    srv = await startLiveServer('sqlite');
    poolId = (await srv.ok<{ id: string }>('POST', '/pools', { name: 'lab', settings: { remove_extra: true } })).id;
    const A = await fleet.machine('a', { from: 'new', install: ['curl', 'kernel', 'editor'] });
    qA = await pacmanQ(A);
    const a = await enrol(A, 'machine-a', []);
    expect((await pacsync(['--config', a.conf, 'set-latest'])).code).toBe(0);
  });

  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) {
      process.kill(-(running.child.pid as number), 'SIGKILL');
      await running.exited;
    }
    await srv?.close();
    await fleet?.cleanup();
  });

  test('Ctrl-C while the sync is being prepared: nothing changes, the operation fails saying so (not left in progress), exit 1', async () => {
    const B = await oldMachine('b1');
    const marker = path.join(B.dir, 'print-started');
    const wrapper = await pacmanWrapper(B, 'print', `: > '${marker}'; sleep 3`);
    const b = await enrol(B, 'machine-b1', [`command = ${wrapper}`]);
    const hash = await localDbHash(B);
    const q = await pacmanQ(B);

    running = startAgent(['--config', b.conf, 'sync', '--yes']);
    await until('pacman --print to run', () => existsSync(marker));
    running.ctrlC();
    expect(await running.exited).toBe(1);
    const { stdout, stderr } = running.out();
    expect(stderr).toContain('SIGINT: stopping');
    expect(stderr).toContain('error: SIGINT: the agent was stopped before the transaction started: nothing was changed\n');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).not.toMatch(/\] pacman -U\n/);

    const op = await onlyOperation(b.id);
    expect(op.status).toBe('failed');
    expect(op.error_message).toBe('SIGINT: the agent was stopped before the transaction started: nothing was changed');
    expect(await localDbHash(B)).toBe(hash);
    expect(await pacmanQ(B)).toBe(q);
  });

  test(
    'Ctrl-C during the pacman transaction: pacman finishes it, the removal ' + 'after it is not started, the state reached is reported, exit 1',
    async () => {
      const B = await oldMachine('b2');
      const started = path.join(B.dir, 'tx-started');
      const go = path.join(B.dir, 'tx-go');
      const wrapper = await pacmanWrapper(B, 'transaction', `: > '${started}'; while [ ! -e '${go}' ]; do sleep 0.05; done`);
      const b = await enrol(B, 'machine-b2', [`command = ${wrapper}`]);
      const q = await pacmanQ(B);
      const oldLine = (n: string): string => q.split('\n').find((l) => l.startsWith(`${n} `)) as string;
      const logBefore = await readFile(B.logFile, 'utf8');

      running = startAgent(['--config', b.conf, 'sync', '--yes']);
      await until('the transaction to start', () => existsSync(started));
      running.ctrlC();
      await until('the agent to take the signal', () => running?.out().stderr.includes('SIGINT: stopping'));
      // Neither the agent nor pacman went away: the transaction goes on when pacman does.
      expect(running.child.exitCode).toBeNull();
      await writeFile(go, '');
      expect(await running.exited).toBe(1);
      const { stderr } = running.out();
      const message = /^error: (.*)$/m.exec(stderr)?.[1];
      expect(message).toMatch(
        /^SIGINT: the agent was stopped after the transaction \(pacman -U\), which pacman finished; not run: (.*, )?removals \(pacman -R\); the state reached is reported$/,
      );
      expect(stderr).not.toMatch(/\n\s+at /);

      // The whole transaction went in (pacman's log: completed, not interrupted); the extras remain.
      const log = (await readFile(B.logFile, 'utf8')).slice(logBefore.length);
      expect(log).toContain('[ALPM] transaction completed');
      expect(log).not.toContain('interrupted');
      const now = await pacmanQ(B);
      expect(now).toBe(withLines(qA, { 'extra-tool': oldLine('extra-tool'), 'helper-lib': oldLine('helper-lib') }));
      const op = await onlyOperation(b.id);
      expect(op).toMatchObject({ status: 'failed', error_message: message });
      expect(await reportedQ(b.id)).toBe(now);
    },
  );

  test('the server is down when pacman is done: the result is queued, and the next `pacsync submit` completes the operation', async () => {
    const B = await oldMachine('b3');
    const done = path.join(B.dir, 'tx-done');
    const go = path.join(B.dir, 'tx-go');
    const wrapper = await pacmanWrapper(B, 'transaction', ':', `: > '${done}'; while [ ! -e '${go}' ]; do sleep 0.05; done`);
    const b = await enrol(B, 'machine-b3', [`command = ${wrapper}`]);

    running = startAgent(['--config', b.conf, 'sync', '--yes']);
    await until('pacman to finish the transaction', () => existsSync(done));
    await srv.stop();
    try {
      await writeFile(go, '');
      expect(await running.exited).toBe(0);
    } finally {
      await srv.start();
    }
    const { stdout } = running.out();
    expect(stdout).toMatch(/warning: cannot reach the server.*; the result is queued and sent when the server is back/);
    expect(stdout).toContain('sync completed');
    const queue = JSON.parse(await readFile(path.join(B.dir, 'report-queue.json'), 'utf8')) as { kind: string; operation_id?: string }[];
    const op = await onlyOperation(b.id);
    expect(queue.filter((i) => i.kind === 'complete').map((i) => i.operation_id)).toEqual([op.id]);
    expect(op.status).toBe('in_progress');

    const r = await pacsync(['--config', b.conf, 'submit']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const after = await onlyOperation(b.id);
    expect(after.status).toBe('completed');
    expect(after.details.result).toBeTruthy();
    const q = await pacmanQ(B);
    expect(q).toBe(qA); // remove_extra: the extras went too
    expect(await reportedQ(b.id)).toBe(q);
    expect(existsSync(path.join(B.dir, 'report-queue.json'))).toBe(false);
  });
});

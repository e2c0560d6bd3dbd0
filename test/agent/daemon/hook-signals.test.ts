// What the pacman hook (commands/hook.action.ts) looks at before reporting: the operation lock
// (an operation of the agent's own is running: the hook stays quiet) and the daemon's socket (a
// daemon listens: nudged, it reports itself). A lock left by a process that died, or a socket file
// left by a daemon that died, must not fool the hook into silence.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listenForNudges, NUDGE_SOCKET, nudgeDaemon } from '../../../src/agent/state-dir/nudge.js';
import { OPERATION_LOCK, operationRunning, takeOperationLock } from '../../../src/agent/state-dir/operation-lock.js';

describe('signals between the agent, its daemon and the pacman hook', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-hook-signals-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the operation lock names its live holder while held, and nobody once released or left by a dead process', async () => {
    const d = path.join(dir, 'op');
    expect(operationRunning(d)).toBeNull();
    const lock = takeOperationLock(d);
    expect(lock).not.toBeNull();
    expect(operationRunning(d)).toBe(process.pid);
    expect(takeOperationLock(d)).toBeNull(); // a second operation does not take it over
    lock?.release();
    expect(operationRunning(d)).toBeNull();
    const dead = spawnSync('true').pid as number;
    await writeFile(path.join(d, OPERATION_LOCK), `${dead} left-behind\n`);
    expect(operationRunning(d)).toBeNull();
    // …and the next operation takes it (a stale lock is broken).
    const next = takeOperationLock(d);
    expect(next).not.toBeNull();
    next?.release();
  });

  test('a nudge reaches the listening daemon; without one it is answered false at once', async () => {
    const d = path.join(dir, 'nudge');
    expect(await nudgeDaemon(d, 1000)).toBe(false); // no socket file
    let nudged = 0;
    const log: string[] = [];
    const { mkdirSync } = await import('node:fs');
    mkdirSync(d, { recursive: true });
    const listener = await listenForNudges(
      d,
      () => nudged++,
      (l) => log.push(l),
    );
    expect(listener).not.toBeNull();
    expect(await nudgeDaemon(d, 1000)).toBe(true);
    expect(await nudgeDaemon(d, 1000)).toBe(true);
    expect(nudged).toBe(2);
    await listener?.close();
    expect(existsSync(path.join(d, NUDGE_SOCKET))).toBe(false);
    expect(await nudgeDaemon(d, 1000)).toBe(false);
    expect(log).toEqual([]);
  });

  test('a socket file left by a dead daemon is replaced; one a live daemon listens on is left to it', async () => {
    const d = path.join(dir, 'stale');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(d, { recursive: true });
    // A socket nobody listens on any more (its server closed without removing the file).
    const file = path.join(d, NUDGE_SOCKET);
    const old = createServer();
    await new Promise<void>((resolve) => old.listen(file, resolve));
    await new Promise<void>((resolve) => old.close(() => resolve()));
    if (!existsSync(file)) await writeFile(file, '');
    let nudged = 0;
    const first = await listenForNudges(
      d,
      () => nudged++,
      () => undefined,
    );
    expect(first).not.toBeNull();
    const log: string[] = [];
    const second = await listenForNudges(
      d,
      () => undefined,
      (l) => log.push(l),
    );
    expect(second).toBeNull();
    expect(log.join('\n')).toMatch(/another pacsync daemon listens/);
    expect(await nudgeDaemon(d, 1000)).toBe(true);
    expect(nudged).toBe(2); // the second daemon's own check, and ours
    await first?.close();
  });
});

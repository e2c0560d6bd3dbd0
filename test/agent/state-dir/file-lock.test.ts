// The report queue's lock files: a lock left by a process that died is broken, one held by a
// live process is waited for and then named in the error; the release removes only one's own lock.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tryLock, withLockSync } from '../../../src/agent/state-dir/file-lock.js';
import { ReportQueue } from '../../../src/agent/state-dir/report-queue.js';

describe('lock files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pacsync-lock-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The pid of a process that has exited. */
  const deadPid = (): number => {
    const r = spawnSync('true');
    return r.pid as number;
  };

  test('a lock left by a process that died (kill -9 mid-write) does not block the queue', async () => {
    const qdir = path.join(dir, 'dead');
    const q = new ReportQueue(qdir);
    q.push({ kind: 'progress', operation_id: 'op', body: { progress: 1, step: 'one' } });
    await writeFile(`${q.file}.lock`, `${deadPid()} 6b1f0c2e-0000-4000-8000-000000000000\n`);
    q.push({ kind: 'progress', operation_id: 'op', body: { progress: 2, step: 'two' } });
    expect(q.read().map((i) => (i as { body: { step: string } }).body.step)).toEqual(['one', 'two']);
    expect(existsSync(`${q.file}.lock`)).toBe(false);
  });

  test('a lock a live process holds is waited for, then the error names the file and the process', async () => {
    const file = path.join(dir, 'live.lock');
    await writeFile(file, `${process.ppid} 6b1f0c2e-0000-4000-8000-000000000001\n`);
    let ran = false;
    expect(() => withLockSync(file, () => (ran = true), { timeoutMs: 150 })).toThrow(
      `${file} is locked by process ${process.ppid}: if no pacsync is running, remove the file`,
    );
    expect(ran).toBe(false);
    // Waited for: another process releases it while withLockSync blocks this thread.
    spawn('sh', ['-c', `sleep 0.3; rm -f '${file}'`], { stdio: 'ignore' });
    expect(withLockSync(file, () => 'ran after the release', { timeoutMs: 10_000 })).toBe('ran after the release');
    await writeFile(file, `${process.ppid} 6b1f0c2e-0000-4000-8000-000000000001\n`);
    // Untouched for longer than staleMs: stale whoever holds it.
    expect(withLockSync(file, () => 'ran', { staleMs: 0 })).toBe('ran');
    expect(existsSync(file)).toBe(false);
  });

  test('held by this process: a second attempt is refused; release removes only the lock it took', async () => {
    const file = path.join(dir, 'own.lock');
    const first = tryLock(file);
    expect('release' in first).toBe(true);
    expect(tryLock(file)).toEqual({ heldBy: process.pid });
    // Someone broke it (stale by age) and took it: our late release must leave theirs alone.
    await writeFile(file, `${process.ppid} 6b1f0c2e-0000-4000-8000-000000000002\n`);
    if ('release' in first) first.release();
    expect(await readFile(file, 'utf8')).toContain('6b1f0c2e-0000-4000-8000-000000000002');
  });
});

// pacman's db.lck (src/agent/pacman/db-lock.ts): held while a process has it open — as a running
// pacman does — and then never removed; stale once nobody holds it (a pacman killed with -9 leaves
// it so), and then removed with a warning naming it. A process holding the file open stands in
// for pacman here; the real pacman killed mid-transaction is test/reliability/agent-faults.test.ts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { dbLockState, removeStaleDbLock } from '../../../src/agent/pacman/db-lock.js';
import { databaseLocked } from '../../../src/agent/daemon/db-watcher.js';
import { until } from '../../support/wait.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pacsync-dblock-'));
const lock = path.join(dir, 'db.lck');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.platform !== 'linux')('db.lck', () => {
  test('none, held while a process has it open (never removed), stale once it is gone (removed, saying so)', async () => {
    expect(dbLockState(dir)).toEqual({ state: 'none' });
    const holder = spawn(process.execPath, ['-e', `require('fs').openSync(${JSON.stringify(lock)}, 'wx'); setInterval(() => {}, 1000)`], {
      stdio: 'ignore',
    });
    try {
      await until('the lock to be taken', () => existsSync(lock));
      // The holder may not have opened it yet when the file appears: it does right after.
      const held = await until('the holder to be seen', () => {
        const s = dbLockState(dir);
        return s.state === 'held' ? s : null;
      });
      expect(held.pids).toEqual([holder.pid]);
      expect(databaseLocked(dir)).toBe(true);
      const warned: string[] = [];
      expect(removeStaleDbLock(dir, (l) => warned.push(l)).state).toBe('held');
      expect(existsSync(lock)).toBe(true);
      expect(warned).toEqual([]);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
    }
    expect(existsSync(lock)).toBe(true);
    expect(dbLockState(dir).state).toBe('stale');
    expect(databaseLocked(dir)).toBe(false); // the daemon reads and reports the machine again
    const warned: string[] = [];
    expect(removeStaleDbLock(dir, (l) => warned.push(l)).state).toBe('stale');
    expect(existsSync(lock)).toBe(false);
    expect(warned).toEqual([`removed pacman's lock ${lock}, left by a pacman that was killed: no process holds it open`]);
  });

  test('a lock file made again after a stale one went is judged anew', async () => {
    writeFileSync(lock, '');
    expect(dbLockState(dir).state).toBe('stale');
    rmSync(lock);
    const holder = spawn(process.execPath, ['-e', `require('fs').openSync(${JSON.stringify(lock)}, 'wx'); setInterval(() => {}, 1000)`], {
      stdio: 'ignore',
    });
    try {
      await until('the new holder to be seen', () => dbLockState(dir).state === 'held');
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('exit', r));
      rmSync(lock, { force: true });
    }
  });
});

// Lock files for the report queue, which two processes use at once: a `pacsync` command and the
// daemon. A lock is a file created with O_EXCL (`wx`) holding `<pid> <token>`; whoever created it
// holds the lock until it removes it. A holder that died (kill -9, power cut) leaves it behind: a
// lock whose process no longer exists, or untouched for longer than `staleMs` (its modification
// time; a long holder touches it), is stale and broken. No library: proper-lockfile (mkdir +
// mtime refresh) has no waiting in its sync API, and the queue's critical sections are
// synchronous file reads and writes of a few milliseconds.
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../errors.js';

export interface LockOptions {
  /** A lock untouched for longer than this is stale whatever its process (default: never by age). */
  staleMs?: number;
}

export interface Lock {
  release(): void;
  /** Marks the lock as still in use (a holder that keeps it for long, against `staleMs`). */
  touch(): void;
}

interface Holder {
  pid: number;
  token: string;
}

/** Tokens of the locks this process holds (a leftover lock may carry our pid: pids are reused). */
const ours = new Set<string>();

function readHolder(file: string): { text: string; holder: Holder | null } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  const [pid, token] = text.trim().split(' ');
  const holder = pid && token ? { pid: Number(pid), token } : null;
  return { text, holder: holder && Number.isInteger(holder.pid) && holder.pid > 0 ? holder : null };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, someone else's
  }
}

/** Blocks the thread for `ms` (what it waits for holds the lock for milliseconds). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Whether the lock in `file` (read as `seen`) is stale. */
function stale(file: string, seen: { holder: Holder | null }, opts: LockOptions): boolean {
  const staleMs = opts.staleMs ?? Number.POSITIVE_INFINITY;
  let age: number;
  try {
    age = Date.now() - statSync(file).mtimeMs;
  } catch {
    return false; // gone meanwhile
  }
  // No content: being written right now (created, not yet written to), or a crash in between.
  if (seen.holder === null) return age > Math.min(staleMs, 5000);
  if (age > staleMs) return true;
  if (seen.holder.pid === process.pid) return !ours.has(seen.holder.token);
  return !alive(seen.holder.pid);
}

/**
 * Removes a stale lock without removing a fresh one someone created meanwhile: the file is first
 * renamed aside and only deleted when it is still the one judged stale.
 */
function breakLock(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else broke or released it
  }
  let text = '';
  try {
    text = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: the stale one
  }
  if (text !== staleText && text !== '') {
    // A new holder's lock: put it back (unless yet another process took the lock meanwhile).
    try {
      linkSync(aside, file);
    } catch {
      // taken again: that holder keeps it
    }
  }
  rmSync(aside, { force: true });
}

/**
 * The pid of the live process holding the lock in `file`, or null when nobody does (no file, or
 * one left by a process that is gone). Reads only: creates, breaks and takes nothing.
 */
export function lockHolder(file: string): number | null {
  const seen = readHolder(file);
  if (seen === null || seen.holder === null) return null;
  if (seen.holder.pid === process.pid) return ours.has(seen.holder.token) ? process.pid : null;
  return alive(seen.holder.pid) ? seen.holder.pid : null;
}

/** One attempt to take the lock: the lock, or the holder's pid when it is held (0: unknown). */
export function tryLock(file: string, opts: LockOptions = {}): Lock | { heldBy: number } {
  for (let attempt = 0; attempt < 3; attempt++) {
    const token = randomUUID();
    try {
      const fd = openSync(file, 'wx', 0o600);
      ours.add(token);
      try {
        writeSync(fd, `${process.pid} ${token}\n`);
      } finally {
        closeSync(fd);
      }
      const mine = (): boolean => readHolder(file)?.holder?.token === token;
      return {
        release: () => {
          if (mine()) rmSync(file, { force: true });
          ours.delete(token);
        },
        touch: () => {
          const now = new Date();
          if (mine()) utimesSync(file, now, now);
        },
      };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
        continue;
      }
      if (code !== 'EEXIST') throw err;
    }
    const seen = readHolder(file);
    if (seen === null) continue; // released meanwhile: try again
    if (!stale(file, seen, opts)) return { heldBy: seen.holder?.pid ?? 0 };
    breakLock(file, seen.text);
  }
  return { heldBy: readHolder(file)?.holder?.pid ?? 0 };
}

/**
 * Runs `fn` holding the lock `file`, waiting up to `timeoutMs` (default 10 s) for it; then a
 * CliError naming the file and the process holding it.
 */
export function withLockSync<T>(file: string, fn: () => T, opts: LockOptions & { timeoutMs?: number } = {}): T {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let wait = 2;
  for (;;) {
    const got = tryLock(file, opts);
    if ('release' in got) {
      try {
        return fn();
      } finally {
        got.release();
      }
    }
    if (Date.now() >= deadline) {
      const who = got.heldBy > 0 ? `process ${got.heldBy}` : 'another process';
      throw new CliError(`${file} is locked by ${who}: if no pacsync is running, remove the file`);
    }
    sleepSync(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
}

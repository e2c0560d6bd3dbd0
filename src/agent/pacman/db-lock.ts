// pacman's lock, `<dbpath>/db.lck`, and what the agent does with one left behind (issue #16).
//
// libalpm creates the file with O_CREAT|O_EXCL and keeps it OPEN for the whole transaction, then
// closes and deletes it; on SIGINT/SIGTERM pacman deletes it too. Only a pacman that was killed
// outright (SIGKILL, the OOM killer, a power cut or a reboot mid-transaction) leaves it behind,
// and then every later pacman refuses to run ("unable to lock database") until someone who is
// sure no package manager is running removes it — pacman's own advice. The agent can be sure:
// a live pacman (or any libalpm frontend) holds the file open, which /proc shows. So:
//   held     some process has it open: pacman is at work; never touched, the agent waits or says so
//   stale    it exists and no process has it open: left by a pacman that died; the agent removes
//            it (saying so) before its own next pacman step that takes the lock
//   unknown  /proc cannot tell (not Linux, or other users' processes are unreadable without
//            root): treated as held, as pacman would — the user decides
import { readdirSync, readlinkSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

export type DbLockState = { state: 'none' } | { state: 'held'; pids: number[] } | { state: 'stale'; id: string } | { state: 'unknown' };

export const lockFileOf = (dbpath: string): string => path.join(dbpath, 'db.lck');

/**
 * One lock file, not just its name: device, inode and change time (an inode number is reused at
 * once by a file made after the old one was deleted; its change time is not the same).
 */
const identity = (s: Stats): string => `${s.dev}:${s.ino}:${s.ctimeMs}`;

/** The last holder found, checked first next time (a running pacman is looked at often). */
let lastHolder: { id: string; pid: number } | null = null;
/** A lock file found stale stays stale: pacman never takes over an existing db.lck. */
let staleId: string | null = null;

function holds(pid: string, lock: Stats): boolean | null {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EACCES' ? null : false; // ENOENT: it just ended
  }
  for (const fd of fds) {
    try {
      const s = statSync(`/proc/${pid}/fd/${fd}`);
      if (s.ino === lock.ino && s.dev === lock.dev) return true;
    } catch {
      // closed meanwhile
    }
  }
  return false;
}

/** Whether `<dbpath>/db.lck` exists and who holds it (see the file comment). */
export function dbLockState(dbpath: string): DbLockState {
  const file = lockFileOf(dbpath);
  let lock: Stats;
  try {
    lock = statSync(file);
  } catch {
    return { state: 'none' };
  }
  const id = identity(lock);
  if (staleId === id) return { state: 'stale', id };
  if (lastHolder !== null && lastHolder.id === id && holds(String(lastHolder.pid), lock) === true) return { state: 'held', pids: [lastHolder.pid] };
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
    readlinkSync('/proc/self/fd/0'); // a /proc that shows file descriptors at all
  } catch {
    return { state: 'unknown' };
  }
  const holders: number[] = [];
  let unreadable = false;
  for (const pid of pids) {
    const h = holds(pid, lock);
    if (h === true) holders.push(Number(pid));
    else if (h === null) unreadable = true;
  }
  if (holders.length > 0) {
    lastHolder = { id, pid: holders[0] as number };
    return { state: 'held', pids: holders };
  }
  if (unreadable) return { state: 'unknown' };
  // Gone while we looked: nothing left behind.
  try {
    if (identity(statSync(file)) !== id) return dbLockState(dbpath);
  } catch {
    return { state: 'none' };
  }
  staleId = id;
  return { state: 'stale', id };
}

/**
 * Removes `<dbpath>/db.lck` when it is stale (no process holds it), and says so through `warn`.
 * Returns what was found; a held or unknown lock is left alone (pacman then refuses, naming it).
 */
export function removeStaleDbLock(dbpath: string, warn: (line: string) => void): DbLockState {
  const found = dbLockState(dbpath);
  if (found.state !== 'stale') return found;
  // The very file judged: a lock another tool removed and a new pacman re-created meanwhile is new.
  try {
    if (identity(statSync(lockFileOf(dbpath))) !== found.id) return dbLockState(dbpath);
  } catch {
    return { state: 'none' };
  }
  rmSync(lockFileOf(dbpath), { force: true });
  warn(`removed pacman's lock ${lockFileOf(dbpath)}, left by a pacman that was killed: no process holds it open`);
  return found;
}

// SQLite mode is one server instance per database file (issue #15): SQLite has no way to tell a
// second process's clients about the first one's events, and two writers would only queue on its
// lock. `serve` therefore holds a lock next to the file (proper-lockfile: a `<file>.lock`
// directory whose mtime the holder refreshes, and `<file>.lock.owner` naming the holder's host and pid;
// one left by a killed server is taken over at once when that pid names no living process of this
// host, else after 5 minutes).
// One-shot commands (db backup, keys, …) do not take it: they are meant to run beside the server.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import lockfile from 'proper-lockfile';
import { StartupError } from './open-database.js';

// Long, because a busy machine can starve the refresh timer for many seconds (a lock judged stale
// while its server lives would let a second one in); a killed server is recognised by its pid.
const STALE_MS = 5 * 60_000;

/** Beside the lock directory (proper-lockfile removes that with rmdir, which wants it empty). */
const ownerFile = (file: string) => `${file}.lock.owner`;

/**
 * Whether the lock of `file` names a process of this host that no longer exists (a server killed
 * with -9). Another host's pid (a shared volume) says nothing here, so it is never judged dead;
 * our own pid is a leftover of an earlier process that had it (a container's pid 1, restarted).
 */
function heldByDeadProcess(file: string): boolean {
  let owner: string[];
  try {
    owner = readFileSync(ownerFile(file), 'utf8').trim().split(' ');
  } catch {
    return false; // no owner yet (being taken right now) or no lock: let proper-lockfile judge
  }
  const host = owner[0] ?? '';
  const pid = Number(owner[1]);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Takes the lock of `file` or throws a StartupError saying who holds it. Returns its release. */
export function lockSqliteDatabase(file: string): () => void {
  try {
    const take = () =>
      lockfile.lockSync(file, {
        realpath: false,
        stale: STALE_MS,
        update: STALE_MS / 5,
        // proper-lockfile throws from a timer by default, which would crash a serving server.
        onCompromised: (err) => process.stderr.write(`pacsync-server: warning: the lock of ${file} was lost (${err.message})\n`),
      });
    let release: () => void;
    try {
      release = take();
    } catch (err) {
      // A killed server's lock looks fresh for STALE_MS; its pid says at once that it is gone.
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED' || !heldByDeadProcess(file)) throw err;
      rmSync(`${file}.lock`, { recursive: true, force: true });
      release = take();
    }
    writeFileSync(ownerFile(file), `${hostname()} ${process.pid}\n`);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      try {
        rmSync(ownerFile(file), { force: true });
        release();
      } catch {
        // already compromised or removed: nothing left to release
      }
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new StartupError(
        `another pacsync-server is already serving the SQLite database ${file} (lock ${file}.lock): ` +
          `SQLite mode runs one instance; stop the other one, or use PostgreSQL to run several`,
      );
    }
    throw new StartupError(`cannot lock the SQLite database ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

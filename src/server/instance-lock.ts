// SQLite mode is one server instance per database file (issue #15): SQLite has no way to tell a
// second process's clients about the first one's events, and two writers would only queue on its
// lock. `serve` therefore holds a lock next to the file (proper-lockfile: a `<file>.lock`
// directory whose mtime the holder refreshes, with the holder's pid inside; one left by a killed
// server is taken over at once when that pid names no living process, else after 5 minutes).
// One-shot commands (db backup, keys, …) do not take it: they are meant to run beside the server.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { StartupError } from './open-database.js';

// Long, because a busy machine can starve the refresh timer for many seconds (a lock judged stale
// while its server lives would let a second one in); a killed server is recognised by its pid.
const STALE_MS = 5 * 60_000;

const pidFile = (file: string) => path.join(`${file}.lock`, 'pid');

/** Whether the lock of `file` names a process that no longer exists (a server killed with -9). */
function heldByDeadProcess(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile(file), 'utf8').trim());
  } catch {
    return false; // no pid yet (being taken right now) or no lock: let proper-lockfile judge
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
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
    writeFileSync(pidFile(file), `${process.pid}\n`);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      try {
        release();
      } catch {
        // already compromised or removed: nothing left to release
      }
    };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new StartupError(
        `another pacsync-server is already serving the SQLite database ${file} (lock ${file}.lock): SQLite mode runs one instance; stop the other one, or use PostgreSQL to run several`,
      );
    }
    throw new StartupError(`cannot lock the SQLite database ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

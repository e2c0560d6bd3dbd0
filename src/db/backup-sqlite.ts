// SQLite backup and restore. Backup: SQLite's online backup API (better-sqlite3 `backup()`), which
// copies a consistent snapshot while the server keeps writing (WAL: readers never block writers),
// into a temporary file renamed into place only once complete and checked. Restore: the backup is
// copied to a temporary file beside the target, checked there (header, size, `PRAGMA
// integrity_check`, a pacsync schema), then renamed over the target — so a file that cannot be
// restored never touches the target, and the rename is all-or-nothing.
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export const SQLITE_HEADER = 'SQLite format 3\u0000';

/** A file name beside `file` that nothing else uses. */
function sibling(file: string, tag: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${tag}-${process.pid}-${Date.now().toString(36)}`);
}

function removeQuietly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
}

/** Problems of a SQLite file that are visible without opening it: a short or misaligned file. */
export function sqliteFileProblem(file: string): string | null {
  const size = statSync(file).size;
  const head = Buffer.alloc(100);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, head, 0, 100, 0) < 100) return `it is truncated (${size} bytes, shorter than a SQLite header)`;
  } finally {
    closeSync(fd);
  }
  const raw = head.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `its header is damaged (page size ${raw})`;
  if (size % pageSize !== 0) return `it is truncated (${size} bytes is not a whole number of ${pageSize}-byte pages)`;
  // The header's page count is valid when its "version-valid-for" equals the change counter.
  if (head.readUInt32BE(24) === head.readUInt32BE(92)) {
    const pages = head.readUInt32BE(28);
    if (size < pages * pageSize) return `it is truncated (${size} bytes; its header says ${pages} pages of ${pageSize} bytes)`;
  }
  return null;
}

/** Opens `file` and checks it is a whole pacsync database; throws a one-line reason otherwise. */
function checkDatabaseFile(file: string, what: string): void {
  const problem = sqliteFileProblem(file);
  if (problem) throw new Error(`${what} cannot be restored: ${problem}`);
  let conn: SQLite.Database | undefined;
  try {
    conn = new SQLite(file, { fileMustExist: true });
    const result = conn.pragma('integrity_check') as { integrity_check: string }[];
    const bad = result.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (bad.length > 0)
      throw new Error(
        `${what} cannot be restored: PRAGMA integrity_check ` +
          `reports ${bad.slice(0, 3).join('; ')}${bad.length > 3 ? ` (and ${bad.length - 3} more)` : ''}`,
      );
    const migrations = conn.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() as {
      n: number;
    };
    if (migrations.n === 0) throw new Error(`${what} cannot be restored: it is a SQLite database but not a pacsync one (no schema_migrations table)`);
  } catch (err) {
    const message = (err as Error).message;
    if (message.startsWith(what)) throw err;
    throw new Error(`${what} cannot be restored: ${message}`);
  } finally {
    conn?.close();
  }
}

export async function backupSqlite(source: string, out: string): Promise<void> {
  const tmp = sibling(out, 'partial');
  const conn = new SQLite(source, { fileMustExist: true });
  try {
    conn.pragma('busy_timeout = 5000');
    // All remaining pages in one step: the copy is one read snapshot, so a writer on another
    // connection cannot make it start over (which the default 100-page steps would, forever,
    // under steady writes).
    await conn.backup(tmp, { progress: () => 0x7fffffff });
  } catch (err) {
    removeQuietly(tmp);
    throw err;
  } finally {
    conn.close();
  }
  try {
    const copy = new SQLite(tmp, { fileMustExist: true });
    try {
      // A self-contained file (no -wal beside it); the server turns WAL back on when it opens it.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`the backup failed its check: ${String(check)}`);
    } finally {
      copy.close();
    }
    chmodSync(tmp, 0o600); // it holds the key hashes
    renameSync(tmp, out);
  } catch (err) {
    removeQuietly(tmp);
    throw err;
  }
}

/** Tables in the SQLite file (0 when it does not exist). */
export function sqliteTableCount(file: string): number {
  if (!existsSync(file)) return 0;
  const conn = new SQLite(file, { fileMustExist: true });
  try {
    return (conn.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

/**
 * Restores `backup` as the database `target`. Refuses (leaving the target as it was) a backup that
 * fails its checks, a non-empty target without `force`, and a target another process has open.
 */
export function restoreSqlite(backup: string, target: string, opts: { force: boolean; describe: string }): void {
  mkdirSync(path.dirname(target), { recursive: true });
  const tmp = sibling(target, 'restoring');
  try {
    copyFileSync(backup, tmp);
    checkDatabaseFile(tmp, opts.describe);
    const tables = sqliteTableCount(target);
    if (tables > 0 && !opts.force) {
      throw new Error(`database ${target} is not empty (${tables} tables): restore refused; add --force to replace it`);
    }
    if (existsSync(target)) assertNotInUse(target);
    renameSync(tmp, target);
    // The target's old -wal/-shm (none after assertNotInUse's clean close) must never be replayed
    // over the restored file.
    rmSync(`${target}-wal`, { force: true });
    rmSync(`${target}-shm`, { force: true });
  } finally {
    removeQuietly(tmp);
  }
}

/**
 * Closing the last connection to a WAL database checkpoints it and deletes its -wal file; one
 * that stays after our own clean close means another connection (a running server) has it open.
 */
function assertNotInUse(target: string): void {
  const conn = new SQLite(target, { fileMustExist: true });
  try {
    conn.pragma('busy_timeout = 5000');
    conn.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    conn.close();
  }
  if (existsSync(`${target}-wal`)) {
    throw new Error(`database ${target} is in use by another process (is the server running? stop it first): restore refused`);
  }
}

// Backup and restore of the configured database (issue #12): which engine a backup file is for,
// and the engine's own way of writing and restoring one (backup-pg.ts, backup-sqlite.ts).
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { PG_CUSTOM_HEADER, backupPostgres, checkPostgresBackup, restorePostgres } from './backup-pg.js';
import { SQLITE_HEADER, backupSqlite, restoreSqlite } from './backup-sqlite.js';
import { type DatabaseOptions, openDatabase } from './database.js';
import type { Dialect } from './dialect.js';

const ENGINE_NAME: Record<Dialect, string> = { pg: 'PostgreSQL', sqlite: 'SQLite' };

/** The engine a backup file was made from, by its header; throws a one-line reason otherwise. */
export function backupFormat(file: string): Dialect {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  if (!statSync(file).isFile()) throw new Error(`${file} is not a file`);
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  const text = head.subarray(0, read).toString('latin1');
  if (text.startsWith(PG_CUSTOM_HEADER)) return 'pg';
  if (text === SQLITE_HEADER) return 'sqlite';
  throw new Error(`${file} is not a pacsync backup: neither a PostgreSQL custom-format dump (pg_dump --format=custom) nor a SQLite database`);
}

/** Writes a backup of the database to `out` (replaced only once the new backup is complete). */
export async function backupDatabase(target: DatabaseOptions, out: string): Promise<{ format: Dialect; bytes: number }> {
  const file = path.resolve(out);
  if (!existsSync(path.dirname(file))) throw new Error(`--out: directory ${path.dirname(file)} does not exist`);
  if (existsSync(file) && !statSync(file).isFile()) throw new Error(`--out: ${file} is not a file`);
  if (target.dialect === 'sqlite' && file === path.resolve(target.file))
    throw new Error(`--out: ${file} is the database itself: write the backup elsewhere`);
  if (target.dialect === 'pg') await backupPostgres(target.url, file);
  else await backupSqlite(target.file, file);
  return { format: target.dialect, bytes: statSync(file).size };
}

/** Tables of the PostgreSQL database outside the system schemas. */
async function postgresTableCount(url: string): Promise<number> {
  const handle = openDatabase({ dialect: 'pg', url, poolMax: 1 });
  try {
    const r = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_schema NOT LIKE 'pg_toast%'`.execute(
      handle.db,
    );
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await handle.destroy();
  }
}

/**
 * Restores `file` into the configured database. The file's format is checked first (a backup of
 * the other engine is refused, saying so); a non-empty database is refused without `force`; a
 * restore that fails leaves the database as it was.
 */
export async function restoreDatabase(target: DatabaseOptions, file: string, opts: { force: boolean }): Promise<void> {
  const backup = path.resolve(file);
  const format = backupFormat(backup);
  if (format !== target.dialect) {
    throw new Error(
      `${backup} is a ${ENGINE_NAME[format]} backup, but the configured database is ${ENGINE_NAME[target.dialect]}: ` +
        `restore it into a ${ENGINE_NAME[format]} database (set [database] type/url accordingly)`,
    );
  }
  if (target.dialect === 'sqlite') {
    if (backup === path.resolve(target.file)) throw new Error(`${backup} is the configured database itself, not a backup of it`);
    restoreSqlite(backup, path.resolve(target.file), { force: opts.force, describe: backup });
    return;
  }
  await checkPostgresBackup(backup);
  const tables = await postgresTableCount(target.url);
  if (tables > 0 && !opts.force)
    throw new Error(`the database is not empty (${tables} tables): restore refused; add --force to replace its contents`);
  await restorePostgres(target.url, backup, opts);
}

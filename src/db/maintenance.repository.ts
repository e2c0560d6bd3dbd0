// Inspection and maintenance queries (seed "Monitoring and Metrics", "Vacuum and Analyze"):
// sizes, row counts, connections and cache hit ratio; VACUUM. Engine-specific by nature — the
// catalogues differ — so each function branches on the dialect here, and nowhere else.
import { existsSync, statSync } from 'node:fs';
import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Executor } from './executor.js';

export interface TableStats {
  name: string;
  rows: number;
  /** The table itself (PostgreSQL: with TOAST), bytes; null when the engine cannot tell. */
  table_bytes: number | null;
  index_bytes: number | null;
  total_bytes: number | null;
}

export interface IndexStats {
  name: string;
  table: string;
  bytes: number | null;
  /** Index scans since statistics were reset (PostgreSQL only). */
  scans: number | null;
}

export interface DatabaseStats {
  engine: 'postgresql' | 'sqlite';
  /** Whole database: pg_database_size, or SQLite page_count × page_size (plus its -wal file). */
  database_bytes: number;
  /** How table and index sizes were measured. */
  size_method: 'pg_relation_size' | 'dbstat' | 'page_count';
  tables: TableStats[];
  indexes: IndexStats[];
  /** PostgreSQL: connections to this database by state, and the server's max_connections. */
  connections: { total: number; max: number; by_state: Record<string, number> } | null;
  /** PostgreSQL: share of table block reads served from shared buffers (null: no reads yet). */
  cache_hit_ratio: number | null;
  /**
   * PostgreSQL with the pg_stat_statements extension installed in this database: the seed's "slow
   * queries", the 10 with the most total execution time. Null where it is not available.
   */
  slow_queries: { query: string; calls: number; total_ms: number; mean_ms: number; rows: number }[] | null;
  /** SQLite: the -wal file and pages on the free list (what VACUUM gives back). */
  sqlite: { page_size: number; page_count: number; freelist_count: number; wal_bytes: number } | null;
}

async function rows<T>(db: Executor, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

async function rowCount(db: Executor, table: string): Promise<number> {
  const [r] = await rows(db, sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`);
  return Number(r?.n ?? 0);
}

/** The seed's "Slow queries" (pg_stat_statements, PostgreSQL 13+ column names), or null. */
async function slowQueries(db: Executor): Promise<DatabaseStats['slow_queries']> {
  const [ext] = await rows(db, sql<{ present: boolean }>`SELECT to_regclass('pg_stat_statements') IS NOT NULL AS present`);
  if (!ext?.present) return null;
  try {
    const r = await rows(
      db,
      sql<{
        query: string;
        calls: number;
        total_ms: number;
        mean_ms: number;
        rows: number;
      }>`SELECT query, calls, total_exec_time AS total_ms, mean_exec_time AS mean_ms, rows
FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 10`,
    );
    return r.map((q) => ({ query: q.query, calls: Number(q.calls), total_ms: Number(q.total_ms), mean_ms: Number(q.mean_ms), rows: Number(q.rows) }));
  } catch {
    // Installed but not loaded (shared_preload_libraries), or an older version's columns.
    return null;
  }
}

async function postgresStats(db: Executor): Promise<DatabaseStats> {
  // The seed's "Table sizes" / "Disk Space Issues" queries, for this database's schema.
  const tables = await rows(
    db,
    sql<{ name: string; table_bytes: number; index_bytes: number; total_bytes: number }>`SELECT tablename AS name,
  pg_relation_size(format('%I.%I', schemaname, tablename)::regclass) AS table_bytes,
  pg_indexes_size(format('%I.%I', schemaname, tablename)::regclass) AS index_bytes,
  pg_total_relation_size(format('%I.%I', schemaname, tablename)::regclass) AS total_bytes
FROM pg_tables WHERE schemaname = current_schema()
ORDER BY pg_total_relation_size(format('%I.%I', schemaname, tablename)::regclass) DESC, tablename`,
  );
  // "Index usage".
  const indexes = await rows(
    db,
    sql<{
      name: string;
      table: string;
      bytes: number;
      scans: number;
    }>`SELECT indexrelname AS name, relname AS "table", pg_relation_size(indexrelid) AS bytes, idx_scan AS scans
FROM pg_stat_user_indexes WHERE schemaname = current_schema() ORDER BY idx_scan DESC, indexrelname`,
  );
  // "Connection statistics".
  const states = await rows(
    db,
    sql<{ state: string | null; n: number }>`SELECT state, count(*) AS n FROM pg_stat_activity WHERE datname = current_database() GROUP BY state`,
  );
  const [max] = await rows(db, sql<{ max: number }>`SELECT current_setting('max_connections')::int AS max`);
  const [cache] = await rows(
    db,
    sql<{
      hit: number | null;
      read: number | null;
    }>`SELECT sum(heap_blks_hit)::float8 AS hit, sum(heap_blks_read)::float8 AS read FROM pg_statio_user_tables`,
  );
  const [size] = await rows(db, sql<{ bytes: number }>`SELECT pg_database_size(current_database()) AS bytes`);
  const byState: Record<string, number> = {};
  for (const s of states) byState[s.state ?? 'background'] = Number(s.n);
  const hit = Number(cache?.hit ?? 0);
  const read = Number(cache?.read ?? 0);
  return {
    engine: 'postgresql',
    database_bytes: Number(size?.bytes ?? 0),
    size_method: 'pg_relation_size',
    tables: await Promise.all(
      tables.map(async (t) => ({
        name: t.name,
        rows: await rowCount(db, t.name),
        table_bytes: Number(t.table_bytes),
        index_bytes: Number(t.index_bytes),
        total_bytes: Number(t.total_bytes),
      })),
    ),
    indexes: indexes.map((i) => ({ name: i.name, table: i.table, bytes: Number(i.bytes), scans: Number(i.scans) })),
    connections: { total: Object.values(byState).reduce((a, b) => a + b, 0), max: Number(max?.max ?? 0), by_state: byState },
    cache_hit_ratio: hit + read > 0 ? hit / (hit + read) : null,
    slow_queries: await slowQueries(db),
    sqlite: null,
  };
}

async function pragmaNumber(db: Executor, name: 'page_count' | 'page_size' | 'freelist_count'): Promise<number> {
  const [r] = await rows(db, sql<Record<string, number>>`SELECT * FROM ${sql.raw(`pragma_${name}()`)}`);
  return Number(Object.values(r ?? {})[0] ?? 0);
}

/** Bytes per table or index name from the dbstat virtual table; null when it is not compiled in. */
async function dbstatSizes(db: Executor): Promise<Map<string, number> | null> {
  try {
    const r = await rows(db, sql<{ name: string; bytes: number }>`SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name`);
    return new Map(r.map((x) => [x.name, Number(x.bytes)]));
  } catch {
    return null;
  }
}

async function sqliteStats(db: Executor, file: string | null): Promise<DatabaseStats> {
  const objects = await rows(
    db,
    sql<{
      type: string;
      name: string;
      tbl_name: string;
    }>`SELECT type, name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  const sizes = await dbstatSizes(db);
  const pageSize = await pragmaNumber(db, 'page_size');
  const pageCount = await pragmaNumber(db, 'page_count');
  const freelist = await pragmaNumber(db, 'freelist_count');
  const wal = file !== null && existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
  const indexes: IndexStats[] = objects
    .filter((o) => o.type === 'index')
    .map((o) => ({ name: o.name, table: o.tbl_name, bytes: sizes?.get(o.name) ?? null, scans: null }));
  const tables: TableStats[] = [];
  for (const t of objects.filter((o) => o.type === 'table')) {
    const own = sizes?.get(t.name) ?? null;
    // Automatic indexes (UNIQUE, PRIMARY KEY on TEXT) are sqlite_autoindex_<table>_N.
    const idx =
      sizes === null
        ? null
        : [...sizes]
            .filter(([n]) => indexes.some((i) => i.name === n && i.table === t.name) || n.startsWith(`sqlite_autoindex_${t.name}_`))
            .reduce((a, [, b]) => a + b, 0);
    tables.push({
      name: t.name,
      rows: await rowCount(db, t.name),
      table_bytes: own,
      index_bytes: idx,
      total_bytes: own === null || idx === null ? null : own + idx,
    });
  }
  tables.sort((a, b) => (b.total_bytes ?? 0) - (a.total_bytes ?? 0) || a.name.localeCompare(b.name));
  return {
    engine: 'sqlite',
    database_bytes: pageCount * pageSize + wal,
    size_method: sizes === null ? 'page_count' : 'dbstat',
    tables,
    indexes,
    connections: null,
    cache_hit_ratio: null,
    slow_queries: null,
    sqlite: { page_size: pageSize, page_count: pageCount, freelist_count: freelist, wal_bytes: wal },
  };
}

/** Sizes, row counts and (PostgreSQL) connections and cache hit ratio. `file`: the SQLite file. */
export async function databaseStats(db: Executor, dialect: Dialect, file: string | null = null): Promise<DatabaseStats> {
  return dialect === 'pg' ? postgresStats(db) : sqliteStats(db, file);
}

/** PostgreSQL `VACUUM ANALYZE`; SQLite `VACUUM` + `ANALYZE`, then a WAL checkpoint so the file shrinks. */
export async function vacuumDatabase(db: Executor, dialect: Dialect): Promise<void> {
  if (dialect === 'pg') {
    // Not in a transaction (VACUUM refuses one): Kysely runs it on a pooled connection alone.
    await sql`VACUUM ANALYZE`.execute(db);
    return;
  }
  await sql`VACUUM`.execute(db);
  await sql`ANALYZE`.execute(db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}

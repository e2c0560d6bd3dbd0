// Monitoring queries (seed "Monitoring and Metrics", "Alerting Thresholds"): counts for /metrics,
// read at scrape time with one grouped query each, and the readings alerts compare with their
// thresholds. Unlike other repositories these take the engine: database size, connections and
// running queries live in each engine's own catalogue (pg_stat_activity, pragma_page_count), and
// an operation's duration is timestamp arithmetic each engine spells differently.
import { sql } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Executor } from './executor.js';

export async function countPools(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('pools')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Endpoints per value of `column` (one GROUP BY). */
export async function countEndpointsBy(db: Executor, column: 'status' | 'sync_status'): Promise<{ value: string; n: number }[]> {
  const rows = await db
    .selectFrom('endpoints')
    .select([`${column} as value`, (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(column)
    .execute();
  return rows.map((r) => ({ value: String(r.value), n: Number(r.n) }));
}

export async function countOperationsByTypeAndStatus(db: Executor): Promise<{ operation_type: string; status: string; n: number }[]> {
  const rows = await db
    .selectFrom('sync_operations')
    .select(['operation_type', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['operation_type', 'status'])
    .execute();
  return rows.map((r) => ({ operation_type: r.operation_type, status: r.status, n: Number(r.n) }));
}

export interface DurationGroup {
  operation_type: string;
  status: string;
  count: number;
  /** Seconds, summed. */
  sum: number;
  /** Operations whose duration is ≤ each bucket bound (cumulative, as Prometheus wants). */
  buckets: number[];
}

function secondsBetween(dialect: Dialect, from: string, to: string) {
  return dialect === 'pg'
    ? sql<number>`EXTRACT(EPOCH FROM (${sql.ref(to)} - ${sql.ref(from)}))::float8`
    : // 'subsec' keeps the milliseconds exact (julianday's doubles drift by microseconds).
      sql<number>`(unixepoch(${sql.ref(to)}, 'subsec') - unixepoch(${sql.ref(from)}, 'subsec'))`;
}

/**
 * Finished operations (completed_at set) per type and status with their durations — started_at to
 * completed_at — counted into `bounds` (seconds, ascending), in one grouped query.
 */
export async function operationDurations(db: Executor, dialect: Dialect, bounds: readonly number[]): Promise<DurationGroup[]> {
  const d = secondsBetween(dialect, 'started_at', 'completed_at');
  const bucketColumns = bounds.map((b, i) => sql<number>`SUM(CASE WHEN d <= ${sql.lit(b)} THEN 1 ELSE 0 END)`.as(`b${i}`));
  const rows = await db
    .selectFrom(
      db
        .selectFrom('sync_operations')
        .select(['operation_type', 'status', d.as('d')])
        .where('completed_at', 'is not', null)
        .as('ops'),
    )
    .select([
      'operation_type',
      'status',
      sql<number>`COUNT(*)`.as('n'),
      sql<number>`COALESCE(SUM(CASE WHEN d > 0 THEN d ELSE 0 END), 0)`.as('total'),
      ...bucketColumns,
    ])
    .groupBy(['operation_type', 'status'])
    .execute();
  return rows.map((r) => {
    const row = r as unknown as Record<string, unknown>;
    return {
      operation_type: String(row.operation_type),
      status: String(row.status),
      count: Number(row.n),
      sum: Number(row.total),
      buckets: bounds.map((_, i) => Number(row[`b${i}`])),
    };
  });
}

/** The database's size in bytes (PostgreSQL: pg_database_size; SQLite: page_count × page_size). */
export async function databaseSize(db: Executor, dialect: Dialect): Promise<number> {
  const q =
    dialect === 'pg'
      ? sql<{ bytes: number }>`SELECT pg_database_size(current_database())::float8 AS bytes`
      : sql<{ bytes: number }>`SELECT page_count * page_size AS bytes FROM pragma_page_count(), pragma_page_size()`;
  const { rows } = await q.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}

/** PostgreSQL: client connections to the whole server and its max_connections. */
export async function connectionUsage(db: Executor): Promise<{ used: number; max: number }> {
  const { rows } = await sql<{ used: number; max: number }>`
    SELECT count(*)::float8 AS used, current_setting('max_connections')::float8 AS max
    FROM pg_stat_activity WHERE backend_type = 'client backend'`.execute(db);
  return { used: Number(rows[0]?.used ?? 0), max: Number(rows[0]?.max ?? 0) };
}

/** PostgreSQL: queries on this database running longer than `thresholdMs` now (other sessions). */
export async function slowQueries(db: Executor, thresholdMs: number): Promise<{ count: number; longest_ms: number }> {
  const { rows } = await sql<{ count: number; longest_ms: number | null }>`
    SELECT count(*)::float8 AS count, max(EXTRACT(EPOCH FROM (clock_timestamp() - query_start)) * 1000)::float8 AS longest_ms
    FROM pg_stat_activity
    WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
      AND backend_type = 'client backend'
      AND clock_timestamp() - query_start > ${sql.lit(thresholdMs)} * interval '1 millisecond'`.execute(db);
  return { count: Number(rows[0]?.count ?? 0), longest_ms: Number(rows[0]?.longest_ms ?? 0) };
}

/**
 * Sync and revert operations — the ones agents run — that finished (completed or failed) at or
 * after `since`. Set-latest and analysis records are complete when stored and would only dilute
 * the rate; cancelled and expired ones are nobody's failure.
 */
export async function finishedOperations(db: Executor, since: Date): Promise<{ completed: number; failed: number }> {
  const rows = await db
    .selectFrom('sync_operations')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['completed', 'failed'])
    .where('operation_type', 'in', ['sync_to_latest', 'revert_to_previous'])
    .where('completed_at', '>=', since.toISOString())
    .groupBy('status')
    .execute();
  const of = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { completed: of('completed'), failed: of('failed') };
}

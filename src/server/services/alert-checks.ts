// The seed's alert thresholds as checks: each takes one reading and says whether it is over its
// threshold. A check that does not apply (connections and running queries on SQLite, whose one
// connection lives in this process) or whose threshold is 0 (switched off) answers null, which
// clears the alert if it was raised.
import type { AlertName, AlertSeverity } from '../../contracts/alert.contract.js';
import type { Dialect } from '../../db/dialect.js';
import type { Executor } from '../../db/executor.js';
import { connectionUsage, databaseSize, finishedOperations, slowQueries } from '../../db/monitoring.repository.js';
import type { ServerConfig } from '../config.js';

export type AlertThresholds = ServerConfig['alerts'];

export interface Reading {
  over: boolean;
  value: number;
  threshold: number;
  message: string;
  details: Record<string, unknown>;
}

export interface AlertCheck {
  name: AlertName;
  severity: AlertSeverity;
  /** Null: not applicable here, or switched off. */
  read(db: Executor, now: Date): Promise<Reading | null>;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** 12345678901 → "11.5 GiB". */
export function humanBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i += 1;
  }
  return i === 0 ? `${bytes} bytes` : `${round(n)} ${units[i]}`;
}

/** The four checks, in the seed's order. */
export function alertChecks(dialect: Dialect, t: AlertThresholds): AlertCheck[] {
  return [
    {
      // Pool exhaustion on the database server stops every instance at once.
      name: 'connection_usage',
      severity: 'critical',
      async read(db) {
        if (dialect !== 'pg' || t.connection_percent === 0) return null;
        const { used, max } = await connectionUsage(db);
        const percent = max > 0 ? round((used / max) * 100) : 0;
        return {
          over: percent > t.connection_percent,
          value: percent,
          threshold: t.connection_percent,
          message: `${used} of ${max} PostgreSQL connections in use (${percent} %, threshold ${t.connection_percent} %: alerts.connection_percent)`,
          details: { unit: 'percent', connections: used, max_connections: max },
        };
      },
    },
    {
      name: 'database_size',
      severity: 'warning',
      async read(db) {
        if (t.database_size === 0) return null;
        const bytes = await databaseSize(db, dialect);
        return {
          over: bytes > t.database_size,
          value: bytes,
          threshold: t.database_size,
          message: `database size ${humanBytes(bytes)} (threshold ${humanBytes(t.database_size)}: alerts.database_size)`,
          details: { unit: 'bytes' },
        };
      },
    },
    {
      name: 'slow_queries',
      severity: 'warning',
      async read(db) {
        if (dialect !== 'pg' || t.slow_query_ms === 0) return null;
        const { count, longest_ms } = await slowQueries(db, t.slow_query_ms);
        return {
          over: count > 0,
          value: round(longest_ms, 0),
          threshold: t.slow_query_ms,
          message:
            `${count} quer${count === 1 ? 'y' : 'ies'} running longer than ${t.slow_query_ms} ` +
            `ms (longest ${round(longest_ms, 0)} ms: alerts.slow_query_ms)`,
          details: { unit: 'milliseconds', queries: count },
        };
      },
    },
    {
      name: 'failed_operations',
      severity: 'warning',
      async read(db, now) {
        if (t.failed_operation_percent === 0) return null;
        const since = new Date(now.getTime() - t.failed_operation_window * 60_000);
        const { completed, failed } = await finishedOperations(db, since);
        const finished = completed + failed;
        const percent = finished > 0 ? round((failed / finished) * 100) : 0;
        return {
          // Too few operations say nothing: 1 failure of 1 is not a 100 % failure rate.
          over: finished >= t.failed_operation_min_count && percent > t.failed_operation_percent,
          value: percent,
          threshold: t.failed_operation_percent,
          message:
            `${failed} of ${finished} sync/revert operations failed in the last ${t.failed_operation_window} min (${percent} %, threshold ` +
            `${t.failed_operation_percent} % of at least ${t.failed_operation_min_count}: alerts.failed_operation_percent)`,
          details: { unit: 'percent', failed, finished, window_minutes: t.failed_operation_window, min_count: t.failed_operation_min_count },
        };
      },
    },
  ];
}

// Health checks: /health/live (the process answers) and /health/ready (the database answers and
// its schema is current). Both also under /api/v1/health/.
import { Type, type Static } from '@sinclair/typebox';
import { JobView } from './job.contract.js';
import { AlertView } from './alert.contract.js';

export const LiveData = Type.Object({
  status: Type.Literal('ok'),
  uptime_seconds: Type.Number({ minimum: 0 }),
  version: Type.String(),
});
export type LiveData = Static<typeof LiveData>;

export const DatabaseHealth = Type.Object({
  engine: Type.Union([Type.Literal('sqlite'), Type.Literal('postgresql')]),
  reachable: Type.Boolean(),
  /** Round trip of `SELECT 1`, null when unreachable. */
  latency_ms: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  /** Why it is unreachable ("connection refused"); absent when reachable. */
  error: Type.Optional(Type.String()),
});
export type DatabaseHealth = Static<typeof DatabaseHealth>;

export const MigrationHealth = Type.Object({
  /** Highest applied version, null on an empty database. */
  current: Type.Union([Type.String(), Type.Null()]),
  pending: Type.Array(Type.String()),
});
export type MigrationHealth = Static<typeof MigrationHealth>;

/** The server's database connections (SQLite: its one connection, never seen busy). */
export const PoolHealth = Type.Object({
  max: Type.Integer({ minimum: 0 }),
  open: Type.Integer({ minimum: 0 }),
  in_use: Type.Integer({ minimum: 0 }),
  waiting: Type.Integer({ minimum: 0 }),
});
export type PoolHealth = Static<typeof PoolHealth>;

export const ReadyData = Type.Object({
  /** `degraded`: serving, but an alert is active (`alerts` lists them) or a job's last run failed (`jobs`). */
  status: Type.Union([Type.Literal('ready'), Type.Literal('degraded')]),
  version: Type.String(),
  uptime_seconds: Type.Number({ minimum: 0 }),
  database: DatabaseHealth,
  migrations: MigrationHealth,
  pool: PoolHealth,
  /** Active alerts, most recently raised first; empty when ready. */
  alerts: Type.Array(AlertView),
  /** Each background job with its last and next run (GET /jobs). */
  jobs: Type.Array(JobView),
  /** This instance's name (`[server] instance_name`, default host:port). */
  instance: Type.String(),
});
export type ReadyData = Static<typeof ReadyData>;

/** `error.details` of a 503 from /health/ready. */
export interface NotReadyDetails {
  status: 'not_ready';
  database: DatabaseHealth;
  migrations: MigrationHealth | null;
}

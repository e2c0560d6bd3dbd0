// Kysely table types: the seed schema (migrations 001, 002) plus the product columns of 003–006
// and the alerts table of 008.
// Values are the JavaScript shapes repositories see on BOTH engines (src/db/dialect.ts converts):
//   UUID → string (made by the application: newId()), JSON → parsed object, BOOLEAN → boolean,
//   TIMESTAMP WITH TIME ZONE → ISO-8601 UTC string with milliseconds ("2024-01-15T10:30:00.000Z").
// Columns with a database default are optional on insert. Seed columns that have a default but
// no NOT NULL are typed non-null on select: the application never writes NULL into them (their
// update types exclude null).
import type { ColumnType } from 'kysely';
import type { PackageStateData } from '../core/package-state.js';

/** A UUID primary key: always supplied by the application on insert (newId()), never updated. */
export type Id = ColumnType<string, string, never>;
/** Timestamp with a database default (NOW()). Inserts/updates accept an ISO string or a Date. */
export type CreatedAt = ColumnType<string, string | Date | undefined, string | Date>;
/** Nullable timestamp without default. */
export type NullableTimestamp = ColumnType<string | null, string | Date | null | undefined, string | Date | null>;
/** JSON column with a database default ('{}'). */
export type JsonDefault<T> = ColumnType<T, T | undefined, T>;
/** BOOLEAN column with a database default. */
export type BoolDefault = ColumnType<boolean, boolean | undefined, boolean>;
/** Column with a database default, non-null in practice. */
export type WithDefault<T> = ColumnType<T, T | undefined, T>;
/** Nullable column without default. */
export type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type JsonObject = { [key: string]: unknown };

/** pools.settings (seed "Settings JSONB Structure", plus remove_extra, README "Domain rules": Plan). */
export interface PoolSettings {
  auto_sync?: boolean;
  conflict_resolution?: 'manual' | 'newest' | 'oldest';
  excluded_packages?: string[];
  excluded_repos?: string[];
  max_history?: number;
  sync_schedule?: string | null;
  /** Issue #12: the IANA zone sync_schedule is read in; absent means UTC. */
  schedule_timezone?: string;
  remove_extra?: boolean;
  /** 006 era (issue #10): who may set the target; absent means 'members'. */
  set_latest_by?: 'members' | 'admins';
  [key: string]: unknown;
}

/** endpoints.package_summary (003): the endpoint's drift counts, kept current by the services. */
export interface PackageSummary {
  total?: number;
  missing?: number;
  behind?: number;
  ahead?: number;
  extra?: number;
  foreign?: number;
  excluded?: number;
  [key: string]: unknown;
}

export interface PoolsTable {
  id: Id;
  name: string;
  description: Nullable<string>;
  settings: JsonDefault<PoolSettings>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface EndpointsTable {
  id: Id;
  name: string;
  hostname: string;
  pool_id: Nullable<string>;
  api_key_hash: string;
  status: WithDefault<string>;
  sync_status: WithDefault<string>;
  system_info: JsonDefault<JsonObject>;
  last_seen: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  // 003
  package_summary: JsonDefault<PackageSummary>;
  current_state_id: Nullable<string>;
  // 006: 'pending' | 'approved' | 'rejected' (EndpointApproval); the database default is 'pending'
  approval: WithDefault<string>;
}

export interface PackageStatesTable {
  id: Id;
  pool_id: Nullable<string>;
  endpoint_id: Nullable<string>;
  state_data: ColumnType<PackageStateData, PackageStateData, PackageStateData>;
  is_target: BoolDefault;
  message: Nullable<string>;
  created_by: Nullable<string>;
  created_at: CreatedAt;
  // 003
  content_hash: Nullable<string>;
  // 005: src/core/package-index.ts text, NULL when absent (readers then use state_data)
  package_index: Nullable<string>;
  // 010: state_data.metadata.total_packages and .reverted_from, for summaries without the JSON
  total_packages: Nullable<number>;
  reverted_from: Nullable<string>;
}

export interface RepositoriesTable {
  id: Id;
  endpoint_id: Nullable<string>;
  repo_name: string;
  repo_url: Nullable<string>;
  packages: JsonDefault<JsonObject>;
  last_updated: CreatedAt;
  created_at: CreatedAt;
  // 015: packages.metadata.db_hash, to find a pool member's copy of a sync database by its hash
  db_hash: Nullable<string>;
}

export interface SyncOperationsTable {
  id: Id;
  pool_id: Nullable<string>;
  endpoint_id: Nullable<string>;
  operation_type: string;
  status: WithDefault<string>;
  progress: WithDefault<number>;
  details: JsonDefault<JsonObject>;
  error_message: Nullable<string>;
  started_at: CreatedAt;
  completed_at: NullableTimestamp;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: Id;
  endpoint_id: Nullable<string>;
  key_hash: string;
  name: Nullable<string>;
  permissions: JsonDefault<JsonObject>;
  last_used: NullableTimestamp;
  expires_at: NullableTimestamp;
  is_active: BoolDefault;
  created_at: CreatedAt;
  // 006: registrations made with an enroll key, and how many it may make (null: no limit)
  uses: WithDefault<number>;
  max_uses: Nullable<number>;
}

export interface SystemEventsTable {
  id: Id;
  event_type: string;
  severity: WithDefault<string>;
  message: string;
  details: JsonDefault<JsonObject>;
  user_id: Nullable<string>;
  endpoint_id: Nullable<string>;
  pool_id: Nullable<string>;
  created_at: CreatedAt;
}

/** 003: one row per pool per drift recomputation, for GET /pools/{id}/drift-history. */
export interface DriftHistoryTable {
  id: Id;
  pool_id: Nullable<string>;
  in_sync: WithDefault<number>;
  behind: WithDefault<number>;
  ahead: WithDefault<number>;
  sync_pending: WithDefault<number>;
  unknown: WithDefault<number>;
  total: WithDefault<number>;
  created_at: CreatedAt;
}

/** 007: one row per scheduled tick of a background job (src/server/jobs/). */
export interface JobRunsTable {
  id: Id;
  job: string;
  /** The tick the run is for (its claim: unique with job). */
  tick: ColumnType<string, string | Date, never>;
  /** Which server instance claimed it. */
  instance: string;
  /** 'running' | 'succeeded' | 'failed'. */
  status: WithDefault<string>;
  /** What the run did, e.g. {operations_created: 3}. */
  counts: JsonDefault<Record<string, number>>;
  error_message: Nullable<string>;
  started_at: ColumnType<string, string | Date, string | Date>;
  finished_at: NullableTimestamp;
}

/** 009: a realtime message too large for NOTIFY, read back by the other instances by id. */
export interface NotificationPayloadsTable {
  id: Id;
  payload: string;
  created_at: CreatedAt;
}

/** 012: the answer to a request that carried an Idempotency-Key (services/idempotency.ts). */
export interface IdempotencyKeysTable {
  id: Id;
  /** Whose key: `endpoint:<id>` for an endpoint's key, else `key:<api key id>`. */
  scope: string;
  idempotency_key: string;
  /** sha256 of the method, the route's path and the body: a key reused for another request is refused. */
  request_hash: string;
  /** The answer's data as JSON text; null only inside the transaction that claimed the key. */
  response_body: Nullable<string>;
  created_at: CreatedAt;
}

/** 008: the current state of each alert (services/alert.service.ts); active while cleared_at is null. */
export interface AlertsTable {
  id: Id;
  /** connection_usage | database_size | slow_queries | failed_operations */
  name: string;
  /** warning | critical */
  severity: string;
  value: number;
  threshold: number;
  message: string;
  details: JsonDefault<JsonObject>;
  raised_at: ColumnType<string, string | Date, string | Date>;
  cleared_at: NullableTimestamp;
  updated_at: CreatedAt;
}

export interface SchemaMigrationsTable {
  version: string;
  description: string;
  applied_at: CreatedAt;
}

export interface Database {
  pools: PoolsTable;
  endpoints: EndpointsTable;
  package_states: PackageStatesTable;
  repositories: RepositoriesTable;
  sync_operations: SyncOperationsTable;
  api_keys: ApiKeysTable;
  system_events: SystemEventsTable;
  drift_history: DriftHistoryTable;
  job_runs: JobRunsTable;
  notification_payloads: NotificationPayloadsTable;
  idempotency_keys: IdempotencyKeysTable;
  alerts: AlertsTable;
  schema_migrations: SchemaMigrationsTable;
}

/**
 * Columns the dialect layer converts on SQLite, by name (result rows carry names, not tables).
 * Every JSON and BOOLEAN column of every table is listed; a test checks this list against the
 * migrated schema. Do not alias other values to these names in a query.
 */
export const JSON_COLUMNS: ReadonlySet<string> = new Set([
  'settings',
  'system_info',
  'package_summary',
  'state_data',
  'packages',
  'details',
  'permissions',
  'counts',
]);
export const BOOLEAN_COLUMNS: ReadonlySet<string> = new Set(['is_target', 'is_active']);

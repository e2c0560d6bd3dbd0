// The schema the migrations must build, transcribed BY HAND from /work/shared/seed/database-schema.md
// (tables, columns, defaults, foreign keys, indexes), from issue #2 for migration 003 and from
// README "Domain rules" (Operations) for migration 004, and from the drift-at-scale brief for
// migration 005 (package_states.package_index, a nullable TEXT with no default and no index), and
// from issue #10 for migration 006 (endpoints.approval, api_keys.uses/max_uses), from issue #12 for
// migrations 007 (job_runs) and 008 (alerts: one row per alert name), and from issue #15 for
// migration 009 (notification_payloads). Written in the seed's own PostgreSQL spelling;
// `expectedSchema()` turns it into what each engine should report, using the dialect mapping
// (UUID → TEXT, JSONB → TEXT, BOOLEAN → INTEGER 0/1, TIMESTAMP WITH TIME ZONE → TEXT ISO-8601 UTC).
// Nothing here is derived from the migration code. A new migration needs its own entry in
// MIGRATION_ADDITIONS: until it has one, expectedSchema() refuses its version (and the tests fail).
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaInfo } from '../support/introspect.js';

type SeedType =
  | 'DOUBLE PRECISION'
  | 'UUID'
  | 'VARCHAR(50)'
  | 'VARCHAR(64)'
  | 'VARCHAR(100)'
  | 'VARCHAR(20)'
  | 'VARCHAR(255)'
  | 'VARCHAR(500)'
  | 'TEXT'
  | 'JSONB'
  | 'BOOLEAN'
  | 'INTEGER'
  | 'TIMESTAMPTZ';

interface SeedColumn {
  name: string;
  type: SeedType;
  notNull?: boolean;
  primaryKey?: boolean;
  unique?: boolean;
  /** As written in the seed: "gen_random_uuid()", "NOW()", "'{}'", "FALSE", "'offline'", "0". */
  default?: string;
}

interface SeedTable {
  columns: SeedColumn[];
  foreignKeys: ForeignKeyInfo[];
  indexes: {
    name: string;
    columns: string[];
    unique?: boolean;
    /** Partial index predicate as written in the seed/spec (SQLite reports it as written). */
    where?: string;
    /** The same predicate as PostgreSQL's catalogue prints it, when that differs beyond case. */
    wherePg?: string;
  }[];
}

const id: SeedColumn = { name: 'id', type: 'UUID', primaryKey: true, default: 'gen_random_uuid()' };
const createdAt: SeedColumn = { name: 'created_at', type: 'TIMESTAMPTZ', default: 'NOW()' };

/** Migration 001 + 002: the seed's seven tables. */
export const SEED_TABLES: Record<string, SeedTable> = {
  pools: {
    columns: [
      id,
      { name: 'name', type: 'VARCHAR(255)', notNull: true, unique: true },
      { name: 'description', type: 'TEXT' },
      { name: 'settings', type: 'JSONB', default: "'{}'" },
      createdAt,
      { name: 'updated_at', type: 'TIMESTAMPTZ', default: 'NOW()' },
    ],
    foreignKeys: [],
    indexes: [
      { name: 'idx_pools_name', columns: ['name'] },
      { name: 'idx_pools_created_at', columns: ['created_at'] },
    ],
  },
  endpoints: {
    columns: [
      id,
      { name: 'name', type: 'VARCHAR(255)', notNull: true, unique: true },
      { name: 'hostname', type: 'VARCHAR(255)', notNull: true },
      { name: 'pool_id', type: 'UUID' },
      { name: 'api_key_hash', type: 'VARCHAR(255)', notNull: true },
      { name: 'status', type: 'VARCHAR(50)', default: "'offline'" },
      { name: 'sync_status', type: 'VARCHAR(50)', default: "'unknown'" },
      { name: 'system_info', type: 'JSONB', default: "'{}'" },
      { name: 'last_seen', type: 'TIMESTAMPTZ' },
      createdAt,
      { name: 'updated_at', type: 'TIMESTAMPTZ', default: 'NOW()' },
    ],
    foreignKeys: [{ column: 'pool_id', references: 'pools(id)', onDelete: 'SET NULL' }],
    indexes: [
      { name: 'idx_endpoints_pool_id', columns: ['pool_id'] },
      { name: 'idx_endpoints_name', columns: ['name'] },
      { name: 'idx_endpoints_status', columns: ['status'] },
      { name: 'idx_endpoints_last_seen', columns: ['last_seen'] },
    ],
  },
  package_states: {
    columns: [
      id,
      { name: 'pool_id', type: 'UUID' },
      { name: 'endpoint_id', type: 'UUID' },
      { name: 'state_data', type: 'JSONB', notNull: true },
      { name: 'is_target', type: 'BOOLEAN', default: 'FALSE' },
      { name: 'message', type: 'TEXT' },
      { name: 'created_by', type: 'VARCHAR(255)' },
      createdAt,
    ],
    foreignKeys: [
      { column: 'pool_id', references: 'pools(id)', onDelete: 'CASCADE' },
      { column: 'endpoint_id', references: 'endpoints(id)', onDelete: 'CASCADE' },
    ],
    indexes: [
      { name: 'idx_package_states_pool_id', columns: ['pool_id'] },
      { name: 'idx_package_states_endpoint_id', columns: ['endpoint_id'] },
      { name: 'idx_package_states_is_target', columns: ['is_target'] },
      { name: 'idx_package_states_created_at', columns: ['created_at'] },
      { name: 'idx_package_states_unique_target', columns: ['pool_id'], unique: true, where: 'is_target = TRUE' },
    ],
  },
  repositories: {
    columns: [
      id,
      { name: 'endpoint_id', type: 'UUID' },
      { name: 'repo_name', type: 'VARCHAR(255)', notNull: true },
      { name: 'repo_url', type: 'VARCHAR(500)' },
      { name: 'packages', type: 'JSONB', default: "'{}'" },
      { name: 'last_updated', type: 'TIMESTAMPTZ', default: 'NOW()' },
      createdAt,
    ],
    foreignKeys: [{ column: 'endpoint_id', references: 'endpoints(id)', onDelete: 'CASCADE' }],
    indexes: [
      { name: 'idx_repositories_endpoint_id', columns: ['endpoint_id'] },
      { name: 'idx_repositories_repo_name', columns: ['repo_name'] },
      { name: 'idx_repositories_last_updated', columns: ['last_updated'] },
      { name: 'idx_repositories_endpoint_repo', columns: ['endpoint_id', 'repo_name'], unique: true },
    ],
  },
  sync_operations: {
    columns: [
      id,
      { name: 'pool_id', type: 'UUID' },
      { name: 'endpoint_id', type: 'UUID' },
      { name: 'operation_type', type: 'VARCHAR(50)', notNull: true },
      { name: 'status', type: 'VARCHAR(50)', default: "'pending'" },
      { name: 'progress', type: 'INTEGER', default: '0' },
      { name: 'details', type: 'JSONB', default: "'{}'" },
      { name: 'error_message', type: 'TEXT' },
      { name: 'started_at', type: 'TIMESTAMPTZ', default: 'NOW()' },
      { name: 'completed_at', type: 'TIMESTAMPTZ' },
      createdAt,
    ],
    foreignKeys: [
      { column: 'pool_id', references: 'pools(id)', onDelete: 'CASCADE' },
      { column: 'endpoint_id', references: 'endpoints(id)', onDelete: 'CASCADE' },
    ],
    indexes: [
      { name: 'idx_sync_operations_pool_id', columns: ['pool_id'] },
      { name: 'idx_sync_operations_endpoint_id', columns: ['endpoint_id'] },
      { name: 'idx_sync_operations_status', columns: ['status'] },
      { name: 'idx_sync_operations_started_at', columns: ['started_at'] },
      { name: 'idx_sync_operations_type', columns: ['operation_type'] },
    ],
  },
  api_keys: {
    columns: [
      id,
      { name: 'endpoint_id', type: 'UUID' },
      { name: 'key_hash', type: 'VARCHAR(255)', notNull: true, unique: true },
      { name: 'name', type: 'VARCHAR(255)' },
      { name: 'permissions', type: 'JSONB', default: "'{}'" },
      { name: 'last_used', type: 'TIMESTAMPTZ' },
      { name: 'expires_at', type: 'TIMESTAMPTZ' },
      { name: 'is_active', type: 'BOOLEAN', default: 'TRUE' },
      createdAt,
    ],
    foreignKeys: [{ column: 'endpoint_id', references: 'endpoints(id)', onDelete: 'CASCADE' }],
    indexes: [
      { name: 'idx_api_keys_endpoint_id', columns: ['endpoint_id'] },
      { name: 'idx_api_keys_hash', columns: ['key_hash'] },
      { name: 'idx_api_keys_active', columns: ['is_active'] },
      { name: 'idx_api_keys_expires_at', columns: ['expires_at'] },
    ],
  },
  system_events: {
    columns: [
      id,
      { name: 'event_type', type: 'VARCHAR(100)', notNull: true },
      { name: 'severity', type: 'VARCHAR(20)', default: "'info'" },
      { name: 'message', type: 'TEXT', notNull: true },
      { name: 'details', type: 'JSONB', default: "'{}'" },
      { name: 'user_id', type: 'VARCHAR(255)' },
      { name: 'endpoint_id', type: 'UUID' },
      { name: 'pool_id', type: 'UUID' },
      createdAt,
    ],
    foreignKeys: [
      { column: 'endpoint_id', references: 'endpoints(id)', onDelete: 'SET NULL' },
      { column: 'pool_id', references: 'pools(id)', onDelete: 'SET NULL' },
    ],
    indexes: [
      { name: 'idx_system_events_type', columns: ['event_type'] },
      { name: 'idx_system_events_severity', columns: ['severity'] },
      { name: 'idx_system_events_created_at', columns: ['created_at'] },
      { name: 'idx_system_events_endpoint_id', columns: ['endpoint_id'] },
      { name: 'idx_system_events_pool_id', columns: ['pool_id'] },
    ],
  },
};

/** Seed "Migration History". */
export const SCHEMA_MIGRATIONS: SeedTable = {
  columns: [
    { name: 'version', type: 'VARCHAR(50)', primaryKey: true, notNull: true },
    { name: 'description', type: 'TEXT', notNull: true },
    { name: 'applied_at', type: 'TIMESTAMPTZ', default: 'NOW()' },
  ],
  foreignKeys: [],
  indexes: [],
};

/** Issue #2, migration 003 "Product columns": additions to seed tables, and drift_history. */
export const PRODUCT_ADDITIONS: Record<string, SeedTable> = {
  package_states: {
    columns: [{ name: 'content_hash', type: 'VARCHAR(64)' }],
    foreignKeys: [],
    indexes: [
      { name: 'idx_package_states_endpoint_created', columns: ['endpoint_id', 'created_at'] },
      { name: 'idx_package_states_content_hash', columns: ['content_hash'] },
    ],
  },
  endpoints: {
    columns: [
      { name: 'package_summary', type: 'JSONB', default: "'{}'" },
      { name: 'current_state_id', type: 'UUID' },
    ],
    foreignKeys: [{ column: 'current_state_id', references: 'package_states(id)', onDelete: 'SET NULL' }],
    indexes: [],
  },
  sync_operations: {
    columns: [],
    foreignKeys: [],
    // The seed's "recent operations" index, without its non-immutable NOW() predicate.
    indexes: [{ name: 'idx_sync_operations_endpoint_started', columns: ['endpoint_id', 'started_at DESC'] }],
  },
  drift_history: {
    columns: [
      id,
      { name: 'pool_id', type: 'UUID' },
      { name: 'in_sync', type: 'INTEGER', notNull: true, default: '0' },
      { name: 'behind', type: 'INTEGER', notNull: true, default: '0' },
      { name: 'ahead', type: 'INTEGER', notNull: true, default: '0' },
      { name: 'sync_pending', type: 'INTEGER', notNull: true, default: '0' },
      { name: 'unknown', type: 'INTEGER', notNull: true, default: '0' },
      { name: 'total', type: 'INTEGER', notNull: true, default: '0' },
      createdAt,
    ],
    foreignKeys: [{ column: 'pool_id', references: 'pools(id)', onDelete: 'CASCADE' }],
    indexes: [{ name: 'idx_drift_history_pool_created', columns: ['pool_id', 'created_at'] }],
  },
};

/** README "Domain rules" (Operations), migration 004: at most one active (pending or in_progress) operation per endpoint. */
export const ONE_ACTIVE_OPERATION: Record<string, SeedTable> = {
  sync_operations: {
    columns: [],
    foreignKeys: [],
    indexes: [
      {
        name: 'idx_sync_operations_one_active',
        columns: ['endpoint_id'],
        unique: true,
        where: "status IN ('pending', 'in_progress')",
        wherePg: "(status)::text = any ((array['pending'::character varying, 'in_progress'::character varying])::text[])",
      },
    ],
  },
};

/** Migration 005: a compact package index per state, read by pool-wide drift recomputation. */
export const PACKAGE_INDEX: Record<string, SeedTable> = {
  package_states: {
    columns: [{ name: 'package_index', type: 'TEXT' }],
    foreignKeys: [],
    indexes: [],
  },
};

/** Issue #17, migration 010: state summary columns copied out of state_data. */
export const STATE_SUMMARY_COLUMNS: Record<string, SeedTable> = {
  package_states: {
    columns: [
      { name: 'total_packages', type: 'INTEGER' },
      { name: 'reverted_from', type: 'TEXT' },
    ],
    foreignKeys: [],
    indexes: [],
  },
};

/** Issue #17, migration 015: a repository's db_hash out of its JSON, indexed with its name. */
export const REPOSITORY_DB_HASH: Record<string, SeedTable> = {
  repositories: {
    columns: [{ name: 'db_hash', type: 'TEXT' }],
    foreignKeys: [],
    indexes: [{ name: 'idx_repositories_name_db_hash', columns: ['repo_name', 'db_hash'] }],
  },
};

/** Issue #17, migration 011: the endpoint list's sort orders, each ending in id. */
export const ENDPOINT_LIST_INDEXES: Record<string, SeedTable> = {
  endpoints: {
    columns: [],
    foreignKeys: [],
    indexes: [
      { name: 'idx_endpoints_status_id', columns: ['status', 'id'] },
      { name: 'idx_endpoints_sync_status_id', columns: ['sync_status', 'id'] },
      { name: 'idx_endpoints_created_id', columns: ['created_at', 'id'] },
      { name: 'idx_endpoints_last_seen_id', columns: ['last_seen', 'id'] },
      { name: 'idx_endpoints_pool_name', columns: ['pool_id', 'name'] },
    ],
  },
};

/** Issue #17, migration 014: recent activity (events, operations) and the endpoint list's common filters. */
export const READ_PATH_INDEXES: Record<string, SeedTable> = {
  system_events: {
    columns: [],
    foreignKeys: [],
    indexes: [
      { name: 'idx_system_events_endpoint_created', columns: ['endpoint_id', 'created_at', 'id'] },
      { name: 'idx_system_events_pool_created', columns: ['pool_id', 'created_at', 'id'] },
    ],
  },
  sync_operations: {
    columns: [],
    foreignKeys: [],
    indexes: [{ name: 'idx_sync_operations_endpoint_created', columns: ['endpoint_id', 'created_at', 'id'] }],
  },
  endpoints: {
    columns: [],
    foreignKeys: [],
    indexes: [
      { name: 'idx_endpoints_pool_status_seen', columns: ['pool_id', 'status', 'last_seen', 'id'] },
      { name: 'idx_endpoints_sync_status_name', columns: ['sync_status', 'name', 'id'] },
      { name: 'idx_endpoints_name_hostname', columns: ['name', 'hostname'] },
    ],
  },
};

/** Issue #10, migration 006: enrollment approval (endpoints.approval) and enroll key use limits. */
export const ENROLLMENT_APPROVAL: Record<string, SeedTable> = {
  endpoints: {
    columns: [{ name: 'approval', type: 'VARCHAR(20)', notNull: true, default: "'pending'" }],
    foreignKeys: [],
    indexes: [],
  },
  api_keys: {
    columns: [
      { name: 'uses', type: 'INTEGER', notNull: true, default: '0' },
      { name: 'max_uses', type: 'INTEGER' },
    ],
    foreignKeys: [],
    indexes: [],
  },
};

/** Issue #12, migration 007: one row per background job tick; (job, tick) unique is the claim. */
export const JOB_RUNS: Record<string, SeedTable> = {
  job_runs: {
    columns: [
      id,
      { name: 'job', type: 'VARCHAR(100)', notNull: true },
      { name: 'tick', type: 'TIMESTAMPTZ', notNull: true },
      { name: 'instance', type: 'VARCHAR(255)', notNull: true },
      { name: 'status', type: 'VARCHAR(20)', notNull: true, default: "'running'" },
      { name: 'counts', type: 'JSONB', default: "'{}'" },
      { name: 'error_message', type: 'TEXT' },
      { name: 'started_at', type: 'TIMESTAMPTZ', notNull: true },
      { name: 'finished_at', type: 'TIMESTAMPTZ' },
    ],
    foreignKeys: [],
    indexes: [
      { name: 'idx_job_runs_job_tick', columns: ['job', 'tick'], unique: true },
      { name: 'idx_job_runs_started', columns: ['started_at'] },
    ],
  },
};

/** Issue #15, migration 009: realtime messages too large for NOTIFY, by id. */
export const NOTIFICATION_PAYLOADS: Record<string, SeedTable> = {
  notification_payloads: {
    columns: [id, { name: 'payload', type: 'TEXT', notNull: true }, createdAt],
    foreignKeys: [],
    indexes: [{ name: 'idx_notification_payloads_created', columns: ['created_at'] }],
  },
};

/** Issue #16, migration 012: answers of requests that carried an Idempotency-Key. */
export const IDEMPOTENCY_KEYS: Record<string, SeedTable> = {
  idempotency_keys: {
    columns: [
      id,
      { name: 'scope', type: 'VARCHAR(100)', notNull: true },
      { name: 'idempotency_key', type: 'VARCHAR(255)', notNull: true },
      { name: 'request_hash', type: 'VARCHAR(64)', notNull: true },
      { name: 'response_body', type: 'TEXT' },
      createdAt,
    ],
    foreignKeys: [],
    indexes: [
      { name: 'idx_idempotency_keys_scope_key', columns: ['scope', 'idempotency_key'], unique: true },
      { name: 'idx_idempotency_keys_created', columns: ['created_at'] },
    ],
  },
};

/** Issue #12, migration 008: each alert's current state, one row per alert name. */
export const ALERTS: Record<string, SeedTable> = {
  alerts: {
    columns: [
      { name: 'id', type: 'UUID', primaryKey: true, default: 'gen_random_uuid()' },
      { name: 'name', type: 'VARCHAR(100)', notNull: true, unique: true },
      { name: 'severity', type: 'VARCHAR(20)', notNull: true },
      { name: 'value', type: 'DOUBLE PRECISION', notNull: true },
      { name: 'threshold', type: 'DOUBLE PRECISION', notNull: true },
      { name: 'message', type: 'TEXT', notNull: true },
      { name: 'details', type: 'JSONB', default: "'{}'" },
      { name: 'raised_at', type: 'TIMESTAMPTZ', notNull: true },
      { name: 'cleared_at', type: 'TIMESTAMPTZ' },
      { name: 'updated_at', type: 'TIMESTAMPTZ', default: 'NOW()' },
    ],
    foreignKeys: [],
    indexes: [],
  },
};

const { repositories, ...initialTables } = SEED_TABLES;

/** What each migration adds, in order. */
export const MIGRATION_ADDITIONS: readonly (readonly [version: string, tables: Record<string, SeedTable>])[] = [
  ['001', { schema_migrations: SCHEMA_MIGRATIONS, ...initialTables }],
  ['002', { repositories: repositories as SeedTable }],
  ['003', PRODUCT_ADDITIONS],
  ['004', ONE_ACTIVE_OPERATION],
  ['005', PACKAGE_INDEX],
  ['006', ENROLLMENT_APPROVAL],
  ['007', JOB_RUNS],
  ['008', ALERTS],
  ['009', NOTIFICATION_PAYLOADS],
  ['010', STATE_SUMMARY_COLUMNS],
  ['011', ENDPOINT_LIST_INDEXES],
  ['012', IDEMPOTENCY_KEYS],
  // Issue #17: package_states rebuilt on SQLite with its large columns last; nothing added.
  ['013', {}],
  ['014', READ_PATH_INDEXES],
  ['015', REPOSITORY_DB_HASH],
];

// ---- the dialect mapping (README "Architecture": Writing a repository), applied to the seed's spelling ----

const PG_TYPE: Record<SeedType, string> = {
  'DOUBLE PRECISION': 'double precision',
  UUID: 'uuid',
  'VARCHAR(20)': 'character varying(20)',
  'VARCHAR(50)': 'character varying(50)',
  'VARCHAR(64)': 'character varying(64)',
  'VARCHAR(100)': 'character varying(100)',
  'VARCHAR(255)': 'character varying(255)',
  'VARCHAR(500)': 'character varying(500)',
  TEXT: 'text',
  JSONB: 'jsonb',
  BOOLEAN: 'boolean',
  INTEGER: 'integer',
  TIMESTAMPTZ: 'timestamp with time zone',
};

const SQLITE_TYPE: Record<SeedType, string> = {
  'DOUBLE PRECISION': 'real',
  UUID: 'text',
  'VARCHAR(20)': 'varchar(20)',
  'VARCHAR(50)': 'varchar(50)',
  'VARCHAR(64)': 'varchar(64)',
  'VARCHAR(100)': 'varchar(100)',
  'VARCHAR(255)': 'varchar(255)',
  'VARCHAR(500)': 'varchar(500)',
  TEXT: 'text',
  JSONB: 'text',
  BOOLEAN: 'integer',
  INTEGER: 'integer',
  TIMESTAMPTZ: 'text',
};

/** SQLite has no NOW(); its default must produce ISO-8601 UTC text (checked by value in the tests). */
export const SQLITE_NOW = 'now (iso-8601 utc)';

function expectedDefault(seed: string | undefined, dialect: 'sqlite' | 'pg'): string | null {
  if (seed === undefined) return null;
  if (dialect === 'pg') return seed.toLowerCase();
  switch (seed) {
    case 'gen_random_uuid()':
      return null; // ids come from the application (crypto.randomUUID) on SQLite
    case 'NOW()':
      return SQLITE_NOW;
    case 'TRUE':
      return '1';
    case 'FALSE':
      return '0';
    default:
      return seed.toLowerCase();
  }
}

function toColumn(c: SeedColumn, dialect: 'sqlite' | 'pg'): ColumnInfo {
  return {
    name: c.name,
    type: (dialect === 'pg' ? PG_TYPE : SQLITE_TYPE)[c.type],
    notNull: Boolean(c.notNull || c.primaryKey),
    default: expectedDefault(c.default, dialect),
    primaryKey: Boolean(c.primaryKey),
    unique: Boolean(c.unique),
  };
}

function toIndex(i: SeedTable['indexes'][number], dialect: 'sqlite' | 'pg'): IndexInfo {
  let where: string | null = null;
  if (i.where !== undefined) where = dialect === 'pg' ? (i.wherePg ?? i.where).toLowerCase() : i.where.replace('TRUE', '1').toLowerCase();
  return { name: i.name, columns: i.columns, unique: Boolean(i.unique), where };
}

function merge(a: SeedTable | undefined, b: SeedTable | undefined): SeedTable {
  return {
    columns: [...(a?.columns ?? []), ...(b?.columns ?? [])],
    foreignKeys: [...(a?.foreignKeys ?? []), ...(b?.foreignKeys ?? [])],
    indexes: [...(a?.indexes ?? []), ...(b?.indexes ?? [])],
  };
}

/** What introspection must show after the migrations up to and including `upTo` (e.g. '003'). */
export function expectedSchema(dialect: 'sqlite' | 'pg', upTo: string): SchemaInfo {
  if (!MIGRATION_ADDITIONS.some(([v]) => v === upTo)) {
    throw new Error(`seed-schema.fixture.ts does not describe migration ${upTo}: add what it builds to MIGRATION_ADDITIONS`);
  }
  const tables: Record<string, SeedTable> = {};
  for (const [version, added] of MIGRATION_ADDITIONS) {
    if (Number(version) > Number(upTo)) break;
    for (const [name, t] of Object.entries(added)) tables[name] = merge(tables[name], t);
  }
  const out: SchemaInfo = {};
  for (const [name, t] of Object.entries(tables)) {
    out[name] = {
      columns: t.columns.map((c) => toColumn(c, dialect)),
      foreignKeys: t.foreignKeys,
      indexes: t.indexes.map((i) => toIndex(i, dialect)),
    };
  }
  return out;
}

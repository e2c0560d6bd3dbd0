// Server configuration (README "Configuration"): INI file, environment, command-line flags,
// defaults, read by the shared mechanism (src/config/config-table.ts) from the table below.
// Precedence per key: flag > environment > file > default. Every key `[section] key` can be set by
// PACSYNC_<SECTION>_<KEY> (e.g. PACSYNC_SERVER_PORT), plus the short forms DATABASE_URL, PORT,
// HOST, PACSYNC_DATA_DIR and PACSYNC_ADMIN_KEY; a long form beats its short form. An unknown
// section or key in the file is an error naming file:line. The result is a frozen object whose
// keys are spelled exactly as in the file, its type derived from the table. A bad value throws
// ConfigError with a one-line message naming the key and where the value came from (never
// echoing a secret); the command line prints it after `configuration error: `.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { type ConfigSchema, type ConfigValues, type Source, describeSource, loadTable, pacsyncEnvName, setting } from '../config/config-table.js';
import { readIniFile } from '../config/ini.parser.js';
import { absolutePath, bool, cron, formatSize, int, oneOf, origins, size, text, trustProxy } from './config-values.js';

export { formatSize };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_CONFIG_FILE = '/etc/pacman-sync/server.conf';

/** Every key of the file: its parser, default (as text, parsed like any other source) and other sources. */
export const CONFIG_KEYS = {
  database: {
    /** No default: PostgreSQL when a URL is given, else SQLite (loadConfig). */
    type: setting(oneOf(['sqlite', 'postgresql', 'postgres']), null),
    /** PostgreSQL URL; null with SQLite. */
    url: setting(text, null, { env: ['DATABASE_URL'], secret: true }),
    /** SQLite file, absolute (default <data_dir>/pacsync.db; a relative path is from the file's directory). */
    file: setting(absolutePath, null),
    pool_size: setting(int(1, 1000), '10'),
    max_overflow: setting(int(0, 1000), '20'),
    /** Seconds to wait for a connection. */
    pool_timeout: setting(int(1, 3600), '30'),
  },
  server: {
    host: setting(text, '0.0.0.0', { env: ['HOST'], flag: '--host' }),
    /** 0 asks the system for a free port. */
    port: setting(int(0, 65535), '8080', { env: ['PORT'], flag: '--port' }),
    /** Absolute. */
    data_dir: setting(absolutePath, './data', { env: ['PACSYNC_DATA_DIR'] }),
    auto_migrate: setting(bool, 'true'),
    /** Seconds for a whole request, body included; 0 disables the limit. */
    request_timeout: setting(int(0, 86400), '60'),
    /** Seconds to receive a request's headers. Node's default (60 s, checked every 30 s) held slow-header connections ~90 s. */
    headers_timeout: setting(int(1, 3600), '10'),
    /**
     * Largest state or repository report body, in bytes. A real 1,500-package state is ~400 KB:
     * 8 MiB is 20× that and bounds a report's memory and parse time (a 57 MB one stalled the
     * event loop for seconds).
     */
    max_report_size: setting(size(64 * 1024, 1024 * 1024 * 1024), '8MiB'),
    /**
     * Open connections at most (WebSockets included); 0: no cap. Every agent daemon keeps about one
     * keep-alive connection: sized for a 10,000-machine fleet.
     */
    max_connections: setting(int(0, 1_000_000), '10000'),
    /** Fastify's trustProxy: false, true, a hop count, or the proxies' addresses/CIDRs. */
    trust_proxy: setting(trustProxy, 'false'),
    /** This instance's name in logs, job runs, health and metrics; null: host:port. */
    instance_name: setting(text, null),
  },
  security: {
    /** Requests per minute per key or address (0: no limit); generous so a fleet's agents and the UI are never throttled in normal use. */
    api_rate_limit: setting(int(0, 1_000_000), '6000'),
    cors_origins: setting(origins, ''),
    tls_cert: setting(absolutePath, null),
    tls_key: setting(absolutePath, null),
    metrics_public: setting(bool, 'true'),
  },
  features: {
    enable_repository_analysis: setting(bool, 'true'),
    auto_cleanup_old_states: setting(bool, 'true'),
    max_state_history: setting(int(1, 100_000), '50'),
    /** Minutes an operation may stay in progress before it is failed. */
    sync_timeout: setting(int(1, 10_080), '60'),
    /** Minutes of silence after which an endpoint is offline. */
    offline_after: setting(int(1, 10_080), '10'),
    /** Minutes a pending operation may wait for its agent before it expires. */
    operation_pickup_timeout: setting(int(1, 10_080), '30'),
  },
  /** What retention (the daily job, `db cleanup`) keeps; package states: `features.max_state_history`. */
  retention: {
    /** Days of sync_operations kept (active ones are always kept). */
    operations_days: setting(int(1, 36_500), '90'),
    /** Days of system_events kept (error and critical ones are always kept). */
    events_days: setting(int(1, 36_500), '30'),
    /** Days of drift_history kept. */
    drift_history_days: setting(int(1, 36_500), '90'),
    /** Days of finished job_runs kept. */
    job_runs_days: setting(int(1, 36_500), '14'),
    /** Rows per delete statement. */
    batch_size: setting(int(1, 100_000), '1000'),
  },
  jobs: {
    /** Whether this instance runs the background jobs (each tick still runs once cluster-wide). */
    enabled: setting(bool, 'true'),
    // Cron (UTC, 5 fields or 6 with seconds) of each job but the pool schedules' own, which runs
    // every minute, always.
    detect_offline_endpoints: setting(cron, '* * * * *'),
    fail_stale_operations: setting(cron, '* * * * *'),
    evaluate_alerts: setting(cron, '* * * * *'),
    clean_up_retention: setting(cron, '30 3 * * *'),
  },
  logging: {
    level: setting(oneOf(LOG_LEVELS), 'info'),
    /** Log file; null logs to standard output. */
    file: setting(absolutePath, null),
  },
  web_ui: {
    enabled: setting(bool, 'true'),
    title: setting(text, 'Pacman Sync Utility'),
  },
  /** Alert thresholds (the seed's ALERT_THRESHOLDS); 0 switches that alert off. */
  alerts: {
    /** Connections in use, percent of the PostgreSQL server's max_connections. */
    connection_percent: setting(int(0, 100), '80'),
    /** Database size in bytes. */
    database_size: setting(size(0, 1024 ** 4), '10GiB'),
    /** A query running longer than this many milliseconds (PostgreSQL). */
    slow_query_ms: setting(int(0, 86_400_000), '5000'),
    /** Failed operations, percent of the operations finished in the window. */
    failed_operation_percent: setting(int(0, 100), '10'),
    /** Minutes the failed-operation rate looks back. */
    failed_operation_window: setting(int(1, 10_080), '60'),
    /** Finished operations needed in the window before the rate can alert (so that 1 failure of 1 is not "100 % failed"). */
    failed_operation_min_count: setting(int(1, 1_000_000), '10'),
  },
};

export const SERVER_CONFIG: ConfigSchema<typeof CONFIG_KEYS> = {
  keys: CONFIG_KEYS,
  envName: pacsyncEnvName,
  refusal: ({ section, key, source, problem }) =>
    `${section}.${key} ${problem}${source.kind === 'default' ? '' : ` (from ${describeSource(source)})`}`,
};

type Values = ConfigValues<typeof CONFIG_KEYS>;

/** The server's settings: every section of CONFIG_KEYS, [database] completed by loadConfig. */
export type ServerConfig = Omit<Values, 'database'> & {
  readonly database: Omit<Values['database'], 'type' | 'url' | 'file'> & {
    readonly type: 'sqlite' | 'postgresql';
    /** PostgreSQL URL; null with SQLite. */
    readonly url: string | null;
    /** SQLite file, absolute. */
    readonly file: string;
  };
  /** PACSYNC_ADMIN_KEY: becomes the admin key on first start. */
  readonly admin_key: string | null;
  /** The configuration file read, if any. */
  readonly config_file: string | null;
  /** Non-fatal findings (a database URL beside an explicit sqlite type), to be logged at start. */
  readonly warnings: readonly string[];
};

export interface ConfigFlags {
  port?: string | number;
  host?: string;
  config?: string;
}

export interface LoadConfigOptions {
  flags?: ConfigFlags;
  env?: NodeJS.ProcessEnv;
  /** Read when no --config is given and it exists. */
  defaultConfigFile?: string;
  cwd?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): ServerConfig {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const cwd = options.cwd ?? process.cwd();
  const warnings: string[] = [];

  const defaultFile = options.defaultConfigFile ?? DEFAULT_CONFIG_FILE;
  const file = flags.config !== undefined ? path.resolve(cwd, flags.config) : existsSync(defaultFile) ? defaultFile : null;
  const { values, sources } = loadTable(SERVER_CONFIG, {
    file: file !== null ? readIniFile(file) : null,
    env,
    flags: { '--port': flags.port === undefined ? undefined : String(flags.port), '--host': flags.host },
    cwd,
  });
  const from = (name: string): string => {
    const source: Source | undefined = sources[name];
    return source ? describeSource(source) : 'default';
  };

  // Database engine: explicit type, or PostgreSQL when a URL is given, else SQLite.
  const { url } = values.database;
  const type = values.database.type === null ? (url ? 'postgresql' : 'sqlite') : values.database.type === 'sqlite' ? 'sqlite' : 'postgresql';
  if (type === 'postgresql') {
    if (!url)
      throw new ConfigError(
        'database.url is required when database.type is postgresql (set it in [database] or DATABASE_URL)',
        undefined,
        'database.url',
      );
    checkPostgresUrl(url, from('database.url'));
  } else if (url) {
    warnings.push(`database.url (from ${from('database.url')}) is ignored: database.type is sqlite (from ${from('database.type')})`);
  }

  const { tls_cert: cert, tls_key: key } = values.security;
  if ((cert === null) !== (key === null)) {
    const [missing, set] = cert === null ? ['security.tls_cert', 'security.tls_key'] : ['security.tls_key', 'security.tls_cert'];
    throw new ConfigError(`${missing} is required when ${set} is set (TLS needs both)`, undefined, missing);
  }

  const { request_timeout: requestTimeout, headers_timeout: headersTimeout } = values.server;
  if (requestTimeout > 0 && headersTimeout > requestTimeout) {
    throw new ConfigError(
      `server.headers_timeout (${headersTimeout} s) must not exceed server.request_timeout (${requestTimeout} s)`,
      undefined,
      'server.headers_timeout',
    );
  }

  const config: ServerConfig = {
    ...values,
    database: {
      ...values.database,
      type,
      url: type === 'postgresql' ? url : null,
      file: values.database.file ?? path.join(values.server.data_dir, 'pacsync.db'),
    },
    admin_key: env.PACSYNC_ADMIN_KEY ? env.PACSYNC_ADMIN_KEY : null,
    config_file: file,
    warnings,
  };
  return deepFreeze(config);
}

function checkPostgresUrl(url: string, source: string): void {
  // The URL carries the password: never echo it.
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') || !parsed.hostname) {
    throw new ConfigError(
      `database.url is not a PostgreSQL URL like postgresql://user:password@host:5432/dbname (from ${source})`,
      undefined,
      'database.url',
    );
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

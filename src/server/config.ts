// Server configuration (SPEC §7): INI file, environment, command-line flags, defaults.
// Precedence per key: flag > environment > file > default. Every key `[section] key` can be set by
// PACSYNC_<SECTION>_<KEY> (e.g. PACSYNC_SERVER_PORT), plus the short forms DATABASE_URL, PORT,
// HOST, PACSYNC_DATA_DIR and PACSYNC_ADMIN_KEY; a long form beats its short form. The result is a
// frozen object whose keys are spelled exactly as in the file. A bad value throws ConfigError with
// a one-line message naming the key and where the value came from (never echoing a secret).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import ini from 'ini';
import { formatSize, parseOrigins, parseSize, parseTrustProxy } from './config-values.js';

export { formatSize };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ServerConfig {
  readonly database: {
    readonly type: 'sqlite' | 'postgresql';
    /** PostgreSQL URL; null with SQLite. */
    readonly url: string | null;
    /** SQLite file, absolute (default <data_dir>/pacsync.db; a relative path is from the working directory). */
    readonly file: string;
    readonly pool_size: number;
    readonly max_overflow: number;
    /** Seconds to wait for a connection. */
    readonly pool_timeout: number;
  };
  readonly server: {
    readonly host: string;
    /** 0 asks the system for a free port. */
    readonly port: number;
    /** Absolute. */
    readonly data_dir: string;
    readonly auto_migrate: boolean;
    /** Seconds for a whole request, body included; 0 disables the limit. */
    readonly request_timeout: number;
    /** Seconds to receive a request's headers (slow-header clients are cut off after it). */
    readonly headers_timeout: number;
    /** Largest state or repository report body, in bytes. */
    readonly max_report_size: number;
    /** Open connections at most (WebSockets included); 0: no cap. */
    readonly max_connections: number;
    /** Fastify's trustProxy: false, true, a hop count, or the proxies' addresses/CIDRs. */
    readonly trust_proxy: boolean | number | readonly string[];
    /** This instance's name in logs, job runs, health and metrics; null: host:port. */
    readonly instance_name: string | null;
  };
  readonly security: {
    /** Requests per minute per key or address (0: no limit). */
    readonly api_rate_limit: number;
    readonly cors_origins: readonly string[];
    readonly tls_cert: string | null;
    readonly tls_key: string | null;
    readonly metrics_public: boolean;
  };
  readonly features: {
    readonly enable_repository_analysis: boolean;
    readonly auto_cleanup_old_states: boolean;
    readonly max_state_history: number;
    /** Minutes an operation may stay in progress before it is failed. */
    readonly sync_timeout: number;
    /** Minutes of silence after which an endpoint is offline. */
    readonly offline_after: number;
    /** Minutes a pending operation may wait for its agent before it expires. */
    readonly operation_pickup_timeout: number;
  };
  /** What retention (the daily job, `db cleanup`) keeps; package states: `features.max_state_history`. */
  readonly retention: {
    /** Days of sync_operations kept (active ones are always kept). */
    readonly operations_days: number;
    /** Days of system_events kept (error and critical ones are always kept). */
    readonly events_days: number;
    /** Days of drift_history kept. */
    readonly drift_history_days: number;
    /** Days of finished job_runs kept. */
    readonly job_runs_days: number;
    /** Rows per delete statement. */
    readonly batch_size: number;
  };
  readonly jobs: {
    /** Whether this instance runs the background jobs (each tick still runs once cluster-wide). */
    readonly enabled: boolean;
    /** Cron (UTC, 5 fields or 6 with seconds) of each job but the per-minute pool schedules. */
    readonly detect_offline_endpoints: string;
    readonly fail_stale_operations: string;
    readonly evaluate_alerts: string;
    readonly clean_up_retention: string;
  };
  readonly logging: {
    readonly level: LogLevel;
    /** Log file; null logs to standard output. */
    readonly file: string | null;
  };
  readonly web_ui: {
    readonly enabled: boolean;
    readonly title: string;
  };
  /** Alert thresholds (seed "Alerting Thresholds"); 0 switches that alert off. */
  readonly alerts: {
    /** Connections in use, percent of the PostgreSQL server's max_connections. */
    readonly connection_percent: number;
    /** Database size in bytes. */
    readonly database_size: number;
    /** A query running longer than this many milliseconds (PostgreSQL). */
    readonly slow_query_ms: number;
    /** Failed operations, percent of the operations finished in the window. */
    readonly failed_operation_percent: number;
    /** Minutes the failed-operation rate looks back. */
    readonly failed_operation_window: number;
    /** Finished operations needed in the window before the rate can alert. */
    readonly failed_operation_min_count: number;
  };
  /** PACSYNC_ADMIN_KEY: becomes the admin key on first start. */
  readonly admin_key: string | null;
  /** The configuration file read, if any. */
  readonly config_file: string | null;
  /** Non-fatal findings (unknown keys or sections), to be logged at start. */
  readonly warnings: readonly string[];
}

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`configuration error: ${message}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_CONFIG_FILE = '/etc/pacman-sync/server.conf';

type Kind =
  | { type: 'string' }
  | { type: 'path' }
  | { type: 'secret' }
  | { type: 'list' }
  | { type: 'bool' }
  | { type: 'int'; min: number; max: number }
  | { type: 'size'; min: number; max: number }
  | { type: 'trust_proxy' }
  | { type: 'origins' }
  | { type: 'cron' }
  | { type: 'enum'; values: readonly string[] };

interface KeySpec {
  kind: Kind;
  default: string | null;
  /** Short environment variable, besides PACSYNC_<SECTION>_<KEY>. */
  shortEnv?: string;
}

const int = (min: number, max: number): Kind => ({ type: 'int', min, max });
const bool: Kind = { type: 'bool' };

/** Every key of the file, its kind and default (as text, parsed like any other source). */
export const CONFIG_KEYS: Record<string, Record<string, KeySpec>> = {
  database: {
    type: { kind: { type: 'enum', values: ['sqlite', 'postgresql', 'postgres'] }, default: null },
    url: { kind: { type: 'secret' }, default: null, shortEnv: 'DATABASE_URL' },
    file: { kind: { type: 'path' }, default: null },
    pool_size: { kind: int(1, 1000), default: '10' },
    max_overflow: { kind: int(0, 1000), default: '20' },
    pool_timeout: { kind: int(1, 3600), default: '30' },
  },
  server: {
    host: { kind: { type: 'string' }, default: '0.0.0.0', shortEnv: 'HOST' },
    port: { kind: int(0, 65535), default: '8080', shortEnv: 'PORT' },
    data_dir: { kind: { type: 'path' }, default: './data', shortEnv: 'PACSYNC_DATA_DIR' },
    auto_migrate: { kind: bool, default: 'true' },
    request_timeout: { kind: int(0, 86400), default: '60' },
    // Node's default (60 s, checked every 30 s) held slow-header connections ~90 s.
    headers_timeout: { kind: int(1, 3600), default: '10' },
    // A real 1,500-package state is ~400 KB: 8 MiB is 20× that and bounds a report's memory and
    // parse time (a 57 MB one stalled the event loop for seconds).
    max_report_size: { kind: { type: 'size', min: 64 * 1024, max: 1024 * 1024 * 1024 }, default: '8MiB' },
    // Every agent daemon keeps about one keep-alive connection: sized for a 10,000-machine fleet.
    max_connections: { kind: int(0, 1_000_000), default: '10000' },
    trust_proxy: { kind: { type: 'trust_proxy' }, default: 'false' },
    instance_name: { kind: { type: 'string' }, default: null },
  },
  security: {
    // Per key (or address) per minute; generous so a fleet's agents and the UI are never throttled
    // in normal use. 0 disables the limit.
    api_rate_limit: { kind: int(0, 1_000_000), default: '6000' },
    cors_origins: { kind: { type: 'origins' }, default: '' },
    tls_cert: { kind: { type: 'path' }, default: null },
    tls_key: { kind: { type: 'path' }, default: null },
    metrics_public: { kind: bool, default: 'true' },
  },
  features: {
    enable_repository_analysis: { kind: bool, default: 'true' },
    auto_cleanup_old_states: { kind: bool, default: 'true' },
    max_state_history: { kind: int(1, 100_000), default: '50' },
    sync_timeout: { kind: int(1, 10_080), default: '60' },
    offline_after: { kind: int(1, 10_080), default: '10' },
    operation_pickup_timeout: { kind: int(1, 10_080), default: '30' },
  },
  retention: {
    operations_days: { kind: int(1, 36_500), default: '90' },
    events_days: { kind: int(1, 36_500), default: '30' },
    drift_history_days: { kind: int(1, 36_500), default: '90' },
    job_runs_days: { kind: int(1, 36_500), default: '14' },
    batch_size: { kind: int(1, 100_000), default: '1000' },
  },
  jobs: {
    enabled: { kind: bool, default: 'true' },
    // When each job runs (UTC). The pool schedules' own job runs every minute, always.
    detect_offline_endpoints: { kind: { type: 'cron' }, default: '* * * * *' },
    fail_stale_operations: { kind: { type: 'cron' }, default: '* * * * *' },
    evaluate_alerts: { kind: { type: 'cron' }, default: '* * * * *' },
    clean_up_retention: { kind: { type: 'cron' }, default: '30 3 * * *' },
  },
  logging: {
    level: { kind: { type: 'enum', values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }, default: 'info' },
    file: { kind: { type: 'path' }, default: null },
  },
  web_ui: {
    enabled: { kind: bool, default: 'true' },
    title: { kind: { type: 'string' }, default: 'Pacman Sync Utility' },
  },
  // The seed's ALERT_THRESHOLDS; 0 switches an alert off.
  alerts: {
    connection_percent: { kind: int(0, 100), default: '80' },
    database_size: { kind: { type: 'size', min: 0, max: 1024 ** 4 }, default: '10GiB' },
    slow_query_ms: { kind: int(0, 86_400_000), default: '5000' },
    failed_operation_percent: { kind: int(0, 100), default: '10' },
    failed_operation_window: { kind: int(1, 10_080), default: '60' },
    // So that 1 failure of 1 finished operation is not "100 % failed".
    failed_operation_min_count: { kind: int(1, 1_000_000), default: '10' },
  },
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

const FLAG_FOR: Record<string, keyof ConfigFlags> = { 'server.port': 'port', 'server.host': 'host' };

type Raw = { value: string; source: string };
type Parsed = string | number | boolean | string[] | null;

export function loadConfig(options: LoadConfigOptions = {}): ServerConfig {
  const env = options.env ?? process.env;
  const flags = options.flags ?? {};
  const cwd = options.cwd ?? process.cwd();
  const warnings: string[] = [];

  const file =
    flags.config !== undefined
      ? path.resolve(cwd, flags.config)
      : existsSync(options.defaultConfigFile ?? DEFAULT_CONFIG_FILE)
        ? (options.defaultConfigFile ?? DEFAULT_CONFIG_FILE)
        : null;
  const fromFile = file ? readIni(file) : {};

  const pick = (section: string, key: string, spec: KeySpec): Raw | null => {
    const flag = FLAG_FOR[`${section}.${key}`];
    const flagValue = flag ? flags[flag] : undefined;
    if (flagValue !== undefined && flagValue !== '') return { value: String(flagValue), source: `--${flag}` };
    const long = `PACSYNC_${section}_${key}`.toUpperCase();
    for (const name of spec.shortEnv ? [long, spec.shortEnv] : [long]) {
      const v = env[name];
      if (v !== undefined && v !== '') return { value: v, source: name };
    }
    const v = fromFile[section]?.[key];
    if (v !== undefined) return { value: v, source: `${file} [${section}] ${key}` };
    return spec.default === null ? null : { value: spec.default, source: 'default' };
  };

  const values: Record<string, Record<string, Parsed>> = {};
  const sources: Record<string, string> = {};
  for (const [section, keys] of Object.entries(CONFIG_KEYS)) {
    const out: Record<string, Parsed> = {};
    for (const [key, spec] of Object.entries(keys)) {
      const raw = pick(section, key, spec);
      if (raw) sources[`${section}.${key}`] = raw.source;
      // A relative path written in the configuration file is taken from the file's directory, so
      // that a command finds the same data wherever it is run from; from a flag or the
      // environment it is taken from the working directory.
      const base = file !== null && raw?.source.startsWith(`${file} [`) ? path.dirname(file) : cwd;
      out[key] = raw ? parseValue(`${section}.${key}`, spec.kind, raw, base) : null;
    }
    values[section] = out;
  }

  const db = values.database as Record<string, Parsed>;
  const server = values.server as Record<string, Parsed>;
  const security = values.security as Record<string, Parsed>;

  // Database engine: explicit type, or PostgreSQL when a URL is given, else SQLite.
  const url = db.url as string | null;
  const type: 'sqlite' | 'postgresql' = db.type === null ? (url ? 'postgresql' : 'sqlite') : db.type === 'sqlite' ? 'sqlite' : 'postgresql';
  if (type === 'postgresql') {
    if (!url)
      throw new ConfigError('database.url', 'database.url is required when database.type is postgresql (set it in [database] or DATABASE_URL)');
    checkPostgresUrl(url, sources['database.url'] ?? '');
  } else if (url) {
    warnings.push(`database.url (from ${sources['database.url']}) is ignored: database.type is sqlite (from ${sources['database.type']})`);
  }
  const dataDir = server.data_dir as string;
  const dbFile = db.file === null ? path.join(dataDir, 'pacsync.db') : (db.file as string);

  if ((security.tls_cert === null) !== (security.tls_key === null)) {
    const missing = security.tls_cert === null ? 'security.tls_cert' : 'security.tls_key';
    throw new ConfigError(
      missing,
      `${missing} is required when ${missing === 'security.tls_cert' ? 'security.tls_key' : 'security.tls_cert'} is set (TLS needs both)`,
    );
  }

  const requestTimeout = server.request_timeout as number;
  if (requestTimeout > 0 && (server.headers_timeout as number) > requestTimeout) {
    throw new ConfigError(
      'server.headers_timeout',
      `server.headers_timeout (${server.headers_timeout} s) must not exceed server.request_timeout (${requestTimeout} s)`,
    );
  }

  const config = {
    // Every section of CONFIG_KEYS as parsed; [database] completed with what was derived above.
    ...values,
    database: { ...values.database, type, url: type === 'postgresql' ? url : null, file: dbFile },
    admin_key: env.PACSYNC_ADMIN_KEY ? env.PACSYNC_ADMIN_KEY : null,
    config_file: file,
    warnings,
  } as unknown as ServerConfig; // shape guaranteed by CONFIG_KEYS, checked by test/server/config.test.ts
  return deepFreeze(config);
}

function readIni(file: string): Record<string, Record<string, string>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
    throw new ConfigError('--config', `cannot read configuration file ${file}: ${why}`);
  }
  const parsed = ini.parse(text) as Record<string, unknown>;
  const out: Record<string, Record<string, string>> = {};
  for (const [section, body] of Object.entries(parsed)) {
    // Own properties only: `[constructor]` or `toString = 1` are names every object inherits.
    const known = Object.prototype.hasOwnProperty.call(CONFIG_KEYS, section) ? CONFIG_KEYS[section] : undefined;
    // A misspelled section or key must not silently fall back to a default (a data_dir, a
    // database URL): it is an error naming it, as on the agent.
    if (!known) {
      throw new ConfigError(
        '--config',
        `${file}: unknown section [${section}] (the sections are ${Object.keys(CONFIG_KEYS)
          .map((k) => `[${k}]`)
          .join(', ')})`,
      );
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ConfigError('--config', `${file}: [${section}] is not a section`);
    out[section] = {};
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (!Object.prototype.hasOwnProperty.call(known, key))
        throw new ConfigError(
          `${section}.${key}`,
          `${file}: unknown key [${section}] ${key} (the keys of [${section}] are ${Object.keys(known).join(', ')})`,
        );
      // `ini` turns true/false into booleans and `key[]` into arrays; bring all back to text.
      out[section][key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
    }
  }
  return out;
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

function parseValue(name: string, kind: Kind, raw: Raw, cwd: string): Parsed {
  const value = raw.value.trim();
  const from = raw.source === 'default' ? '' : ` (from ${raw.source})`;
  const bad = (expected: string, shown: string | null = value): never => {
    throw new ConfigError(name, `${name} must be ${expected}${shown === null ? '' : `, got "${shown}"`}${from}`);
  };
  switch (kind.type) {
    case 'string':
      return value;
    case 'secret':
      return value;
    case 'path':
      return value === '' ? null : path.resolve(cwd, value);
    case 'list':
      return value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'bool':
      if (TRUE.has(value.toLowerCase())) return true;
      if (FALSE.has(value.toLowerCase())) return false;
      return bad('a boolean (true/false, yes/no, on/off, 1/0)');
    case 'int': {
      if (!/^[+-]?\d+$/.test(value)) return bad(`an integer from ${kind.min} to ${kind.max}`);
      const n = Number(value);
      if (n < kind.min || n > kind.max) return bad(`an integer from ${kind.min} to ${kind.max}`);
      return n;
    }
    case 'size': {
      const n = parseSize(value);
      if (n === null || n < kind.min || n > kind.max)
        return bad(`a size in bytes from ${formatSize(kind.min)} to ${formatSize(kind.max)} (e.g. 8388608, 512KiB, 8MiB)`);
      return n;
    }
    case 'trust_proxy': {
      const setting = parseTrustProxy(value, TRUE, FALSE);
      if ('bad' in setting)
        return bad('false, true, a hop count, or a comma-separated list of proxy addresses/CIDRs (or loopback, linklocal, uniquelocal)', setting.bad);
      return setting.value;
    }
    case 'origins': {
      const origins = parseOrigins(value);
      if ('bad' in origins)
        return bad(
          'a comma-separated list of origins like https://admin.example.org or http://localhost:3000 (scheme, host and port only), or *',
          origins.bad,
        );
      return origins.value;
    }
    case 'cron': {
      // Five fields, or six with seconds first; read in UTC by the scheduler (croner).
      const fields = value.split(/\s+/).length;
      if (fields < 5 || fields > 6) return bad('a cron expression of 5 fields (or 6, seconds first)');
      try {
        new Cron(value, { paused: true, timezone: 'UTC' }).nextRun();
      } catch (err) {
        return bad(`a valid cron expression (${(err as Error).message})`);
      }
      return value;
    }
    case 'enum': {
      const v = value.toLowerCase();
      if (!kind.values.includes(v)) return bad(`one of ${kind.values.join(', ')}`);
      return v;
    }
  }
}

function checkPostgresUrl(url: string, source: string): void {
  // The URL carries the password: never echo it.
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  const from = source ? ` (from ${source})` : '';
  if (!parsed || (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') || !parsed.hostname) {
    throw new ConfigError('database.url', `database.url is not a PostgreSQL URL like postgresql://user:password@host:5432/dbname${from}`);
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}

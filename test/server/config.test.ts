// Server configuration: INI file, environment, flags and defaults with the documented
// precedence; bad values stop start-up with a one-line message naming the key.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../src/server/config.js';
import { databaseOptions } from '../../src/server/open-database.js';
import { configRefusal } from '../support/config-refusal.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pacsync-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NO_DEFAULT_FILE = '/nonexistent/pacsync/server.conf';

function file(text: string): string {
  const f = path.join(dir, 'server.conf');
  writeFileSync(f, text);
  return f;
}

function load(env: Record<string, string> = {}, flags: Record<string, string> = {}) {
  return loadConfig({ env, flags, cwd: dir, defaultConfigFile: NO_DEFAULT_FILE });
}

describe('server configuration', () => {
  it('defaults: SQLite under ./data, port 8080 on all interfaces, migrations applied automatically', () => {
    const c = load();
    expect(c.database.type).toBe('sqlite');
    expect(c.database.file).toBe(path.join(dir, 'data', 'pacsync.db'));
    expect(c.database.url).toBeNull();
    expect(c.server).toEqual({
      host: '0.0.0.0',
      port: 8080,
      data_dir: path.join(dir, 'data'),
      auto_migrate: true,
      request_timeout: 60,
      headers_timeout: 10,
      max_report_size: 8 * 1024 * 1024,
      max_connections: 10_000,
      trust_proxy: false,
      instance_name: null,
    });
    expect(c.database.pool_size).toBe(10);
    expect(c.database.max_overflow).toBe(20);
    expect(c.features.max_state_history).toBe(50);
    expect(c.features.offline_after).toBe(10);
    expect(c.retention).toEqual({ operations_days: 90, events_days: 30, drift_history_days: 90, job_runs_days: 14, batch_size: 1000 });
    expect(c.security.cors_origins).toEqual([]);
    // The seed's ALERT_THRESHOLDS.
    expect(c.alerts).toEqual({
      connection_percent: 80,
      database_size: 10 * 1024 ** 3,
      slow_query_ms: 5000,
      failed_operation_percent: 10,
      failed_operation_window: 60,
      failed_operation_min_count: 10,
    });
    expect(c.logging.level).toBe('info');
    expect(c.config_file).toBeNull();
    expect(c.warnings).toEqual([]);
    expect(databaseOptions(c)).toEqual({ dialect: 'sqlite', file: path.join(dir, 'data', 'pacsync.db') });
  });

  it('reads every section of the INI file', () => {
    const f = file(`
[database]
type = postgresql
url = postgresql://sync:secret@db.lan:5432/pacman_sync_db
pool_size = 5
max_overflow = 7
pool_timeout = 12

[server]
host = 127.0.0.1
port = 9000
data_dir = /var/lib/pacsync
auto_migrate = false
request_timeout = 30
headers_timeout = 5
max_report_size = 4MiB
max_connections = 500
trust_proxy = 10.0.0.1, 192.168.0.0/16
instance_name = render-1

[security]
api_rate_limit = 120
cors_origins = https://a.example, https://b.example
tls_cert = /etc/ssl/cert.pem
tls_key = /etc/ssl/key.pem
metrics_public = no

[features]
enable_repository_analysis = off
auto_cleanup_old_states = false
max_state_history = 20
sync_timeout = 15
offline_after = 3
operation_pickup_timeout = 45

[retention]
operations_days = 180
events_days = 14
drift_history_days = 365
batch_size = 500

[logging]
level = debug
file = /var/log/pacsync.log

[web_ui]
enabled = false
title = Render farm

[jobs]
enabled = no

[alerts]
connection_percent = 90
database_size = 512MiB
slow_query_ms = 0
failed_operation_percent = 25
failed_operation_window = 30
failed_operation_min_count = 4
`);
    const c = load({}, { config: f });
    expect(c.config_file).toBe(f);
    expect(c.database).toEqual({
      type: 'postgresql',
      url: 'postgresql://sync:secret@db.lan:5432/pacman_sync_db',
      file: '/var/lib/pacsync/pacsync.db',
      pool_size: 5,
      max_overflow: 7,
      pool_timeout: 12,
    });
    expect(c.server).toEqual({
      host: '127.0.0.1',
      port: 9000,
      data_dir: '/var/lib/pacsync',
      auto_migrate: false,
      request_timeout: 30,
      headers_timeout: 5,
      max_report_size: 4 * 1024 * 1024,
      max_connections: 500,
      trust_proxy: ['10.0.0.1', '192.168.0.0/16'],
      instance_name: 'render-1',
    });
    expect(c.security).toEqual({
      api_rate_limit: 120,
      cors_origins: ['https://a.example', 'https://b.example'],
      tls_cert: '/etc/ssl/cert.pem',
      tls_key: '/etc/ssl/key.pem',
      metrics_public: false,
    });
    expect(c.features).toEqual({
      enable_repository_analysis: false,
      auto_cleanup_old_states: false,
      max_state_history: 20,
      sync_timeout: 15,
      offline_after: 3,
      operation_pickup_timeout: 45,
    });
    expect(c.retention).toEqual({ operations_days: 180, events_days: 14, drift_history_days: 365, job_runs_days: 14, batch_size: 500 });
    expect(c.logging).toEqual({ level: 'debug', file: '/var/log/pacsync.log' });
    expect(c.web_ui).toEqual({ enabled: false, title: 'Render farm' });
    expect(c.jobs).toMatchObject({ enabled: false, detect_offline_endpoints: '* * * * *' });

    expect(c.alerts).toEqual({
      connection_percent: 90,
      database_size: 512 * 1024 ** 2,
      slow_query_ms: 0,
      failed_operation_percent: 25,
      failed_operation_window: 30,
      failed_operation_min_count: 4,
    });
    // Pool: size + overflow, timeout in ms.
    expect(databaseOptions(c)).toMatchObject({ dialect: 'pg', poolMax: 12, connectionTimeoutMs: 12_000, maxLifetimeSeconds: 3600 });
  });

  it('precedence: flag > environment > file > default; the long PACSYNC_ form beats the short one', () => {
    const f = file('[server]\nport = 9000\nhost = 10.0.0.1\n');
    expect(load({}, { config: f }).server.port).toBe(9000);
    expect(load({ PORT: '9100' }, { config: f }).server.port).toBe(9100);
    expect(load({ PORT: '9100', PACSYNC_SERVER_PORT: '9200' }, { config: f }).server.port).toBe(9200);
    expect(load({ PORT: '9100', PACSYNC_SERVER_PORT: '9200' }, { config: f, port: '9300' }).server.port).toBe(9300);
    expect(load({ HOST: '127.0.0.2' }, { config: f }).server.host).toBe('127.0.0.2');
    expect(load({ HOST: '127.0.0.2' }, { config: f, host: '127.0.0.3' }).server.host).toBe('127.0.0.3');
    expect(load({ PACSYNC_DATA_DIR: 'state' }).server.data_dir).toBe(path.join(dir, 'state'));
    expect(load({ PACSYNC_WEB_UI_TITLE: 'Lab', PACSYNC_FEATURES_OFFLINE_AFTER: '30' }).web_ui.title).toBe('Lab');
    expect(load({ PACSYNC_FEATURES_OFFLINE_AFTER: '30' }).features.offline_after).toBe(30);
    expect(load({ PACSYNC_ADMIN_KEY: 'bootstrap' }).admin_key).toBe('bootstrap');
    // An empty variable counts as unset.
    expect(load({ PORT: '' }).server.port).toBe(8080);
  });

  it('DATABASE_URL (or [database] url) selects PostgreSQL', () => {
    const c = load({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/x' });
    expect(c.database.type).toBe('postgresql');
    expect(databaseOptions(c)).toMatchObject({ dialect: 'pg', url: 'postgres://u:p@127.0.0.1:5432/x', poolMax: 30, connectionTimeoutMs: 30_000 });
    expect(load({}, { config: file('[database]\nurl = postgresql://h/db\n') }).database.type).toBe('postgresql');
    // An explicit sqlite type wins over a URL, with a warning.
    const both = load({ DATABASE_URL: 'postgres://h/db', PACSYNC_DATABASE_TYPE: 'sqlite' });
    expect(both.database.type).toBe('sqlite');
    expect(both.warnings.join('\n')).toMatch(/database\.url .* is ignored/);
  });

  it('reads sizes with units, every form of trust_proxy, and origins', () => {
    expect(load({ PACSYNC_SERVER_MAX_REPORT_SIZE: '524288' }).server.max_report_size).toBe(524_288);
    expect(load({ PACSYNC_SERVER_MAX_REPORT_SIZE: '512 KiB' }).server.max_report_size).toBe(524_288);
    expect(load({ PACSYNC_SERVER_MAX_REPORT_SIZE: '16M' }).server.max_report_size).toBe(16 * 1024 * 1024);
    expect(load({ PACSYNC_SERVER_TRUST_PROXY: 'true' }).server.trust_proxy).toBe(true);
    expect(load({ PACSYNC_SERVER_TRUST_PROXY: 'off' }).server.trust_proxy).toBe(false);
    expect(load({ PACSYNC_SERVER_TRUST_PROXY: '2' }).server.trust_proxy).toBe(2);
    expect(load({ PACSYNC_SERVER_TRUST_PROXY: 'loopback, ::1, fd00::/8' }).server.trust_proxy).toEqual(['loopback', '::1', 'fd00::/8']);
    expect(load({ PACSYNC_SECURITY_CORS_ORIGINS: 'https://Admin.example.org, http://localhost:3000/' }).security.cors_origins).toEqual([
      'https://admin.example.org',
      'http://localhost:3000',
    ]);
  });

  it('uses /etc/pacman-sync/server.conf (the default file) only when it exists', () => {
    const f = file('[server]\nport = 7000\n');
    expect(loadConfig({ env: {}, cwd: dir, defaultConfigFile: f }).server.port).toBe(7000);
    expect(loadConfig({ env: {}, cwd: dir, defaultConfigFile: NO_DEFAULT_FILE }).server.port).toBe(8080);
  });

  it.each([
    [
      { PACSYNC_DATABASE_TYPE: 'mysql' },
      'database.type',
      /database\.type must be one of sqlite, postgresql, postgres, got "mysql" \(from PACSYNC_DATABASE_TYPE\)/,
    ],
    [{ DATABASE_URL: 'not a url' }, 'database.url', /database\.url is not a PostgreSQL URL .*\(from DATABASE_URL\)/],
    [{ DATABASE_URL: 'mysql://u:pw@h/db' }, 'database.url', /database\.url is not a PostgreSQL URL/],
    [{ PACSYNC_DATABASE_TYPE: 'postgresql' }, 'database.url', /database\.url is required when database\.type is postgresql/],
    [{ PORT: '70000' }, 'server.port', /server\.port must be an integer from 0 to 65535, got "70000" \(from PORT\)/],
    [{ PORT: '-1' }, 'server.port', /server\.port must be an integer/],
    [{ PORT: '80x' }, 'server.port', /server\.port must be an integer/],
    [{ PACSYNC_SERVER_AUTO_MIGRATE: 'maybe' }, 'server.auto_migrate', /server\.auto_migrate must be a boolean .*got "maybe"/],
    [{ PACSYNC_DATABASE_POOL_SIZE: '0' }, 'database.pool_size', /database\.pool_size must be an integer from 1/],
    [{ PACSYNC_LOGGING_LEVEL: 'loud' }, 'logging.level', /logging\.level must be one of/],
    [
      { PACSYNC_RETENTION_OPERATIONS_DAYS: '0' },
      'retention.operations_days',
      /retention\.operations_days must be an integer from 1 to 36500, got "0"/,
    ],
    [{ PACSYNC_RETENTION_BATCH_SIZE: 'lots' }, 'retention.batch_size', /retention\.batch_size must be an integer from 1 to 100000/],
    [{ PACSYNC_SECURITY_TLS_CERT: '/etc/cert.pem' }, 'security.tls_key', /security\.tls_key is required when security\.tls_cert is set/],
    [
      { PACSYNC_SERVER_MAX_REPORT_SIZE: '8 parsecs' },
      'server.max_report_size',
      /server\.max_report_size must be a size in bytes from 64 KiB to 1 GiB .*got "8 parsecs" \(from PACSYNC_SERVER_MAX_REPORT_SIZE\)/,
    ],
    [{ PACSYNC_SERVER_MAX_REPORT_SIZE: '2GiB' }, 'server.max_report_size', /server\.max_report_size must be a size/],
    [
      { PACSYNC_SERVER_TRUST_PROXY: '10.0.0.300' },
      'server.trust_proxy',
      /server\.trust_proxy must be false, true, a hop count, or a comma-separated list .*got "10\.0\.0\.300"/,
    ],
    [{ PACSYNC_SERVER_TRUST_PROXY: '10.0.0.0/40' }, 'server.trust_proxy', /got "10\.0\.0\.0\/40"/],
    [{ PACSYNC_SERVER_MAX_CONNECTIONS: 'many' }, 'server.max_connections', /server\.max_connections must be an integer/],
    [
      { PACSYNC_SERVER_HEADERS_TIMEOUT: '120' },
      'server.headers_timeout',
      /server\.headers_timeout \(120 s\) must not exceed server\.request_timeout \(60 s\)/,
    ],
    [
      { PACSYNC_SECURITY_CORS_ORIGINS: 'https://a.example/path' },
      'security.cors_origins',
      /security\.cors_origins must be a comma-separated list of origins .*got "https:\/\/a\.example\/path"/,
    ],
    [{ PACSYNC_SECURITY_CORS_ORIGINS: 'a.example' }, 'security.cors_origins', /got "a\.example"/],
    [
      { PACSYNC_ALERTS_CONNECTION_PERCENT: '120' },
      'alerts.connection_percent',
      /alerts\.connection_percent must be an integer from 0 to 100, got "120"/,
    ],
    [{ PACSYNC_ALERTS_DATABASE_SIZE: '10 TB' }, 'alerts.database_size', /alerts\.database_size must be a size in bytes from 0 bytes to 1024 GiB/],
    [{ PACSYNC_ALERTS_FAILED_OPERATION_WINDOW: '0' }, 'alerts.failed_operation_window', /alerts\.failed_operation_window must be an integer from 1/],
  ])('refuses %o naming %s in one line', (env, key, message) => {
    const err = configRefusal(() => load(env));
    expect(err.key).toBe(key);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
  });

  it('never echoes a database password in an error', () => {
    const err = configRefusal(() => load({ DATABASE_URL: 'mysql://user:hunter2@host/db' }));
    expect(err.message).not.toContain('hunter2');
  });

  it('names the file and section for a bad value in the file', () => {
    const f = file('[server]\nport = eighty\n');
    expect(configRefusal(() => load({}, { config: f })).message).toBe(
      `server.port must be an integer from 0 to 65535, got "eighty" (from ${f} [server] port)`,
    );
  });

  it('refuses a --config file that cannot be read', () => {
    const err = configRefusal(() => load({}, { config: 'missing.conf' }));
    expect(err.message).toBe(`cannot read configuration file ${path.join(dir, 'missing.conf')}: no such file`);
  });

  it('refuses unknown keys and sections, naming them with file:line and the nearest known name (a typo never falls back to a default)', () => {
    const key = file('# server\n[server]\nprot = 9000\n');
    expect(configRefusal(() => load({}, { config: key })).message).toBe(
      `${key}:3: unknown key [server] prot (did you mean port?; the keys of [server] are ${Object.keys(CONFIG_KEYS.server).join(', ')})`,
    );
    // Names every object inherits are unknown too.
    expect(configRefusal(() => load({}, { config: file('[constructor]\nx = 1\n') })).message).toMatch(/unknown section \[constructor\]/);
    expect(configRefusal(() => load({}, { config: file('[server]\ntoString = 1\n') })).message).toMatch(/unknown key \[server\] toString/);
    const section = file('[databse]\nurl = x\n');
    expect(configRefusal(() => load({}, { config: section })).message).toMatch(
      new RegExp(`^${section}:1: unknown section \\[databse\\] \\(did you mean \\[database\\]\\?; the sections are \\[database\\], `),
    );
  });

  it("takes a relative path in the file from the file's directory, and one from the environment from the working directory", () => {
    mkdirSync(path.join(dir, 'etc'));
    const f = path.join(dir, 'etc', 'server.conf');
    writeFileSync(f, '[server]\ndata_dir = state\n');
    expect(load({}, { config: f }).server.data_dir).toBe(path.join(dir, 'etc', 'state'));
    expect(load({ PACSYNC_DATA_DIR: 'here' }, { config: f }).server.data_dir).toBe(path.join(dir, 'here'));
  });

  it('is frozen', () => {
    const c = load();
    expect(Object.isFrozen(c.server)).toBe(true);
    expect(() => {
      (c.server as { port: number }).port = 1;
    }).toThrow(TypeError);
  });
});

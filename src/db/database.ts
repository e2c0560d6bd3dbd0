// Opening a database: PostgreSQL through a pool, or a SQLite file with the seed's pragmas. Both
// return the same handle, a Kysely<Database> with the value-mapping plugin (see dialect.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Driver, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { type Dialect, ValueMappingPlugin, pgTypeParsers } from './dialect.js';
import type { Database } from './schema.js';

export interface SqliteOptions {
  dialect: 'sqlite';
  file: string;
}

export interface PostgresOptions {
  dialect: 'pg';
  url: string;
  /**
   * Largest number of connections. The seed's SQLAlchemy pool is size 10 + overflow 20; pg's pool
   * has no separate overflow, so the server passes pool_size + max_overflow (30) here.
   */
  poolMax?: number;
  /** How long a query waits for a free connection or a new one to open (seed pool_timeout). */
  connectionTimeoutMs?: number;
  /** Idle connections close after this, so few stale connections are ever handed out. */
  idleTimeoutMs?: number;
  /** Connections are replaced after this many seconds even when busy (seed pool_recycle=3600). */
  maxLifetimeSeconds?: number;
  /** Called with a connection error that happened outside any query (e.g. the server restarted). */
  onIdleError?: (err: Error) => void;
}

export type DatabaseOptions = SqliteOptions | PostgresOptions;

/** The connections of a handle's pool at this instant (SQLite: its one connection). */
export interface PoolStats {
  /** Largest number of connections the pool opens. */
  max: number;
  /** Connections open now. */
  open: number;
  /** Open connections running a query (or checked out for a transaction). */
  in_use: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Where the data lives, safe to print: the SQLite path, or the URL without its password. */
  readonly location: string;
  /** One round trip (SELECT 1); resolves to milliseconds, rejects after timeoutMs. */
  ping(timeoutMs?: number): Promise<number>;
  /**
   * pg's pool counts. SQLite has one synchronous connection that no caller can find busy (a
   * query holds the event loop until it ends): always 1 open, 0 in use, 0 waiting.
   */
  poolStats(): PoolStats;
  /** Closes every connection; in-flight queries finish first. */
  destroy(): Promise<void>;
}

/** postgres://user:secret@host/db → postgres://user:***@host/db (for messages and logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparsable database URL>';
  }
}

/** The seed's SQLite configuration (WAL, cache_size, foreign keys, synchronous, temp_store). */
export function configureSqlite(conn: SQLite.Database): void {
  conn.pragma('journal_mode = WAL');
  conn.pragma('cache_size = 10000');
  conn.pragma('foreign_keys = ON');
  conn.pragma('synchronous = NORMAL');
  conn.pragma('temp_store = MEMORY');
  // Not in the seed: wait for a lock instead of failing at once when a second process (a CLI
  // command next to the running server) writes at the same moment.
  conn.pragma('busy_timeout = 5000');
}

/** Prepared statements kept per SQL text (least recently used dropped beyond this). */
export const SQLITE_STATEMENT_CACHE_SIZE = 256;

/**
 * The connection as Kysely's SQLite driver uses it, with its prepared statements kept: the driver
 * prepares every query anew, which cost a request ~10% of its time (parsing and planning the same
 * few dozen SQL texts over and over). better-sqlite3 statements are reusable once a call returns;
 * one still being iterated (a streamed query) is `busy`, and then a fresh one is prepared.
 */
export function withStatementCache(conn: SQLite.Database, size = SQLITE_STATEMENT_CACHE_SIZE): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (sql: string): SQLite.Statement => {
    const hit = cache.get(sql);
    if (hit !== undefined && !hit.busy) {
      cache.delete(sql); // most recently used last
      cache.set(sql, hit);
      return hit;
    }
    const stmt = conn.prepare(sql);
    if (hit === undefined) {
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  return new Proxy(conn, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  return options.dialect === 'sqlite' ? openSqlite(options) : openPostgres(options);
}

/**
 * SQLite ends a transaction itself on some errors — SQLITE_FULL (disk full), SQLITE_NOMEM, some
 * I/O errors — and then Kysely's ROLLBACK fails with "no transaction is active", which replaced
 * the real error: a full disk became a 500 "query failed" instead of a 507 (issue #16). Rolling
 * back a transaction SQLite has already rolled back is skipped, so the first error is the one thrown.
 */
class SqliteRollbackSafeDialect extends SqliteDialect {
  /** `conn`: the connection itself (its inTransaction); `database`: what Kysely runs statements on. */
  constructor(
    private readonly conn: SQLite.Database,
    database: SQLite.Database = conn,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.conn.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

function openSqlite(options: SqliteOptions): DatabaseHandle {
  const file = path.resolve(options.file);
  mkdirSync(path.dirname(file), { recursive: true });
  let conn: SQLite.Database;
  try {
    conn = new SQLite(file);
  } catch (err) {
    throw new Error(`cannot open SQLite database ${file}: ${(err as Error).message}`);
  }
  configureSqlite(conn);
  const db = new Kysely<Database>({
    dialect: new SqliteRollbackSafeDialect(conn, withStatementCache(conn)),
    plugins: [new ValueMappingPlugin('sqlite')],
  });
  return makeHandle(db, 'sqlite', file, () => ({ max: 1, open: 1, in_use: 0, waiting: 0 }));
}

function openPostgres(options: PostgresOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 30,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 30_000,
    idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
    maxLifetimeSeconds: options.maxLifetimeSeconds ?? 3600,
    // The seed's pool_pre_ping: pg has none; TCP keep-alive plus the 'error' listener below drop
    // dead connections instead, without a round trip before every query.
    keepAlive: true,
    types: pgTypeParsers,
  });
  // An idle connection that dies (database restart, network cut) emits 'error' on the pool;
  // without a listener Node would crash the process. The pool drops that connection and opens a
  // new one on the next query, which is how the server survives a database restart.
  pool.on('error', (err) => options.onIdleError?.(err));
  // A connection that is checked out but between queries (inside a transaction, say) when the
  // database shuts down receives its FATAL as an 'error' event on the client, which pg-pool does
  // not listen to while the client is lent out: without this listener it crashed the server. The
  // query in flight fails on its own; the pool discards the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', (err) => options.onIdleError?.(err));
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new ValueMappingPlugin('pg')],
  });
  const max = options.poolMax ?? 30;
  const stats = (): PoolStats => ({ max, open: pool.totalCount, in_use: pool.totalCount - pool.idleCount, waiting: pool.waitingCount });
  return makeHandle(db, 'pg', redactUrl(options.url), stats);
}

function makeHandle(db: Kysely<Database>, dialect: Dialect, location: string, poolStats: () => PoolStats): DatabaseHandle {
  let destroyed: Promise<void> | null = null;
  return {
    db,
    dialect,
    location,
    poolStats,
    async ping(timeoutMs = 3000) {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new DatabaseTimeoutError(timeoutMs)), timeoutMs);
      });
      try {
        await Promise.race([sql`SELECT 1`.execute(db), timeout]);
      } finally {
        clearTimeout(timer);
      }
      return performance.now() - started;
    },
    destroy() {
      destroyed ??= db.destroy();
      return destroyed;
    },
  };
}

export class DatabaseTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'DatabaseTimeoutError';
  }
}

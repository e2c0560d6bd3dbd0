// Opening a database: PostgreSQL through a pool, or a SQLite file with the seed's pragmas. Both
// return the same handle, a Kysely<Database> with the value-mapping plugin (see dialect.ts).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { ValueMappingPlugin, pgTypeParsers } from './dialect.js';
/** postgres://user:secret@host/db → postgres://user:***@host/db (for messages and logs). */
export function redactUrl(url) {
    try {
        const u = new URL(url);
        if (u.password)
            u.password = '***';
        return u.toString();
    }
    catch {
        return '<unparsable database URL>';
    }
}
/** The seed's SQLite configuration (WAL, cache_size, foreign keys, synchronous, temp_store). */
export function configureSqlite(conn) {
    conn.pragma('journal_mode = WAL');
    conn.pragma('cache_size = 10000');
    conn.pragma('foreign_keys = ON');
    conn.pragma('synchronous = NORMAL');
    conn.pragma('temp_store = MEMORY');
    // Not in the seed: wait for a lock instead of failing at once when a second process (a CLI
    // command next to the running server) writes at the same moment.
    conn.pragma('busy_timeout = 5000');
}
export function openDatabase(options) {
    return options.dialect === 'sqlite' ? openSqlite(options) : openPostgres(options);
}
function openSqlite(options) {
    const file = path.resolve(options.file);
    mkdirSync(path.dirname(file), { recursive: true });
    let conn;
    try {
        conn = new SQLite(file);
    }
    catch (err) {
        throw new Error(`cannot open SQLite database ${file}: ${err.message}`);
    }
    configureSqlite(conn);
    const db = new Kysely({
        dialect: new SqliteDialect({ database: conn }),
        plugins: [new ValueMappingPlugin('sqlite')],
    });
    return makeHandle(db, 'sqlite', file);
}
function openPostgres(options) {
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
    const db = new Kysely({
        dialect: new PostgresDialect({ pool }),
        plugins: [new ValueMappingPlugin('pg')],
    });
    return makeHandle(db, 'pg', redactUrl(options.url));
}
function makeHandle(db, dialect, location) {
    let destroyed = null;
    return {
        db,
        dialect,
        location,
        async ping(timeoutMs = 3000) {
            const started = performance.now();
            let timer;
            const timeout = new Promise((_, reject) => {
                timer = setTimeout(() => reject(new DatabaseTimeoutError(timeoutMs)), timeoutMs);
            });
            try {
                await Promise.race([sql `SELECT 1`.execute(db), timeout]);
            }
            finally {
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
    timeoutMs;
    constructor(timeoutMs) {
        super(`no answer within ${timeoutMs} ms`);
        this.timeoutMs = timeoutMs;
        this.name = 'DatabaseTimeoutError';
    }
}
//# sourceMappingURL=database.js.map
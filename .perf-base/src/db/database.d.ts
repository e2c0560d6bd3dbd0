import SQLite from 'better-sqlite3';
import { Kysely } from 'kysely';
import { type Dialect } from './dialect.js';
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
export interface DatabaseHandle {
    readonly db: Kysely<Database>;
    readonly dialect: Dialect;
    /** Where the data lives, safe to print: the SQLite path, or the URL without its password. */
    readonly location: string;
    /** One round trip (SELECT 1); resolves to milliseconds, rejects after timeoutMs. */
    ping(timeoutMs?: number): Promise<number>;
    /** Closes every connection; in-flight queries finish first. */
    destroy(): Promise<void>;
}
/** postgres://user:secret@host/db → postgres://user:***@host/db (for messages and logs). */
export declare function redactUrl(url: string): string;
/** The seed's SQLite configuration (WAL, cache_size, foreign keys, synchronous, temp_store). */
export declare function configureSqlite(conn: SQLite.Database): void;
export declare function openDatabase(options: DatabaseOptions): DatabaseHandle;
export declare class DatabaseTimeoutError extends Error {
    readonly timeoutMs: number;
    constructor(timeoutMs: number);
}

import type { DatabaseOptions } from '../db/database.js';
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
        /** Seconds; 0 disables the limit. */
        readonly request_timeout: number;
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
    /** PACSYNC_ADMIN_KEY: becomes the admin key on first start. */
    readonly admin_key: string | null;
    /** The configuration file read, if any. */
    readonly config_file: string | null;
    /** Non-fatal findings (unknown keys or sections), to be logged at start. */
    readonly warnings: readonly string[];
}
export declare class ConfigError extends Error {
    readonly key: string;
    constructor(key: string, message: string);
}
export declare const DEFAULT_CONFIG_FILE = "/etc/pacman-sync/server.conf";
type Kind = {
    type: 'string';
} | {
    type: 'path';
} | {
    type: 'secret';
} | {
    type: 'list';
} | {
    type: 'bool';
} | {
    type: 'int';
    min: number;
    max: number;
} | {
    type: 'enum';
    values: readonly string[];
};
interface KeySpec {
    kind: Kind;
    default: string | null;
    /** Short environment variable, besides PACSYNC_<SECTION>_<KEY>. */
    shortEnv?: string;
}
/** Every key of the file, its kind and default (as text, parsed like any other source). */
export declare const CONFIG_KEYS: Record<string, Record<string, KeySpec>>;
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
export declare function loadConfig(options?: LoadConfigOptions): ServerConfig;
/** How the server opens its database. PostgreSQL's pool holds pool_size + max_overflow connections. */
export declare function databaseOptions(config: ServerConfig): DatabaseOptions;
export {};

import type { Kysely } from 'kysely';
import type { DdlTypes, Dialect } from './dialect.js';
export interface MigrationContext {
    /**
     * The migration's transaction. `any` on purpose: a migration runs against the schema as it was
     * at its own version, not the current Database type (Kysely's documented advice).
     */
    db: Kysely<any>;
    dialect: Dialect;
    /** Column types per engine: `${t.uuidPk}`, `${t.json}`, `${t.bool}`, `${t.timestamptz}`, `${t.now}`. */
    t: DdlTypes;
    /** Runs ONE SQL statement (SQLite's driver refuses several at once). */
    exec(statement: string): Promise<void>;
}
export interface Migration {
    /** Three digits, "001"; equals the file name's prefix. */
    version: string;
    description: string;
    up(m: MigrationContext): Promise<void>;
    down(m: MigrationContext): Promise<void>;
}
export declare class MigrationError extends Error {
    constructor(message: string);
}
/** The directory this build loads migrations from (src/db/migrations under tsx/vitest). */
export declare const MIGRATIONS_DIR: string;
/** Imports every NNN-*.js|ts in `dir`, sorted by version; a malformed file is an error naming it. */
export declare function loadMigrations(dir?: string): Promise<Migration[]>;
/** "Add user authentication" → "add-user-authentication". */
export declare function slugify(description: string): string;
/**
 * Writes `<dir>/NNN-slug.ts` with an empty up/down, NNN one past the highest version in `dir`.
 * Returns the file path. Refuses a description without any letter or digit.
 */
export declare function createMigrationFile(dir: string, description: string): string;

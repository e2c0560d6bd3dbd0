import type { DatabaseHandle } from './database.js';
import { type Migration } from './migration.js';
export interface MigrationStatus {
    version: string;
    description: string;
    applied: boolean;
    /** ISO timestamp, null while pending. */
    applied_at: string | null;
    /** False for a version recorded in the database that this build does not ship. */
    known: boolean;
}
export declare class Migrator {
    private readonly handle;
    private readonly migrations;
    constructor(handle: Pick<DatabaseHandle, 'db' | 'dialect'>, migrations: readonly Migration[]);
    get known(): readonly Migration[];
    /** Every known migration (and any unknown applied one), oldest first. */
    status(): Promise<MigrationStatus[]>;
    pending(): Promise<Migration[]>;
    /** Applies every pending migration in order; returns what it applied. */
    applyAll(): Promise<Migration[]>;
    /**
     * Applies exactly `version`. Its predecessors must be applied. Resolves false when it already
     * was (nothing to do), true when applied now.
     */
    apply(version: string): Promise<boolean>;
    /** Rolls back the most recently applied migration; resolves to it, or null when none is applied. */
    rollback(): Promise<Migration | null>;
    private runUp;
    private context;
    /** One transaction holding the migration lock, with the history table present. */
    private inTransaction;
    /** version → applied_at; empty when the history table does not exist yet (read-only check). */
    private readApplied;
    private historyExists;
}

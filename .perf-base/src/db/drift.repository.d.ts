import type { Selectable } from 'kysely';
import type { PackageStateData } from '../core/package-state.js';
import type { Executor } from './executor.js';
import type { DriftHistoryTable, PackageSummary } from './schema.js';
export type DriftSampleRow = Selectable<DriftHistoryTable>;
/** A pool member as drift needs it: its stored drift and its latest state (null before any report). */
export interface MemberStateRow {
    id: string;
    name: string;
    pool_id: string | null;
    status: string;
    sync_status: string;
    package_summary: PackageSummary;
    current_state_id: string | null;
    state_data: PackageStateData | null;
}
/**
 * Locks one endpoint row until the transaction ends (PostgreSQL row lock; SQLite's write lock),
 * by a no-op UPDATE that works on both engines. False when the endpoint does not exist.
 */
export declare function lockEndpoint(db: Executor, id: string): Promise<boolean>;
/**
 * Locks every member row of a pool (see lockEndpoint). Called before reading the members' states
 * for a pool-wide recomputation, so that a report committing meanwhile is either seen or waits.
 */
export declare function lockPoolMembers(db: Executor, poolId: string): Promise<void>;
/** A page of the pool's members by id (keyset: ids after `afterId`), with their latest states. */
export declare function listMemberStates(db: Executor, poolId: string, afterId: string | null, limit: number): Promise<MemberStateRow[]>;
/** One endpoint with its latest state; `withState: false` skips reading the (large) state. */
export declare function findMemberState(db: Executor, endpointId: string, withState?: boolean): Promise<MemberStateRow | undefined>;
export interface DriftCountsRow {
    in_sync: number;
    behind: number;
    ahead: number;
    sync_pending: number;
    unknown: number;
    total: number;
}
export declare function latestDriftSample(db: Executor, poolId: string): Promise<DriftSampleRow | undefined>;
export declare function insertDriftSample(db: Executor, row: {
    id: string;
    pool_id: string;
    created_at: string;
} & DriftCountsRow): Promise<void>;
/** Deletes the pool's samples older than its `keep` newest. Returns how many went. */
export declare function pruneDriftHistory(db: Executor, poolId: string, keep: number): Promise<number>;
/** The newest `limit` samples of a pool (at or after `since`), returned oldest first. */
export declare function listDriftHistory(db: Executor, poolId: string, opts: {
    since?: string;
    limit: number;
}): Promise<DriftSampleRow[]>;

import { type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor, Paged } from './executor.js';
import type { PoolsTable } from './schema.js';
export type PoolRow = Selectable<PoolsTable>;
export interface PoolListRow extends PoolRow {
    endpoint_count: number;
    target_state_id: string | null;
}
export declare function insertPool(db: Executor, row: Insertable<PoolsTable>): Promise<void>;
export declare function findPoolById(db: Executor, id: string): Promise<PoolRow | undefined>;
export declare function findPoolByName(db: Executor, name: string): Promise<PoolRow | undefined>;
/** Pools by name with member counts and their target id. */
export declare function listPools(db: Executor, opts: {
    limit: number;
    offset: number;
    search?: string;
}): Promise<Paged<PoolListRow>>;
export declare function updatePool(db: Executor, id: string, patch: Updateable<PoolsTable>): Promise<boolean>;
export declare function deletePool(db: Executor, id: string): Promise<boolean>;
/**
 * Serialises changes of one pool's members and target: a no-op UPDATE takes the row lock on
 * PostgreSQL (held until the transaction ends) and the write lock on SQLite. Call first inside the
 * transaction, before any endpoint row is locked. Returns false when the pool does not exist.
 */
export declare function lockPool(db: Executor, id: string): Promise<boolean>;
/**
 * Locks several pools one at a time in id order (one UPDATE … WHERE id IN (…) would lock them in
 * whatever order the scan meets them), so two transactions locking the same pools cannot each hold
 * one the other waits for. Returns the ids of the pools that exist.
 */
export declare function lockPools(db: Executor, ids: Iterable<string>): Promise<Set<string>>;
export interface MemberCounts {
    bySyncStatus: Record<string, number>;
    byStatus: Record<string, number>;
    total: number;
}
export declare function poolMemberCounts(db: Executor, poolId: string): Promise<MemberCounts>;
/** `%`, `_` and `\` in user text match literally in LIKE. */
export declare function escapeLike(text: string): string;

import { type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor, Paged } from './executor.js';
import type { SyncOperationsTable } from './schema.js';
export type OperationRow = Selectable<SyncOperationsTable>;
/** An endpoint's latest operations, newest first. */
export declare function listRecentOperations(db: Executor, endpointId: string, limit: number): Promise<OperationRow[]>;
/** Statuses of an operation that is still running or waiting for its agent. */
export declare const ACTIVE_STATUSES: readonly ["pending", "in_progress"];
export interface OperationFilters {
    endpoint_id?: string;
    pool_id?: string;
    status?: string;
    operation_type?: string;
}
export declare function insertOperation(db: Executor, row: Insertable<SyncOperationsTable>): Promise<void>;
export declare function findOperationById(db: Executor, id: string): Promise<OperationRow | undefined>;
/** The endpoint's pending or in-progress operation, if any (at most one: unique index of migration 004). */
export declare function findActiveOperation(db: Executor, endpointId: string): Promise<OperationRow | undefined>;
/** Ids of the pool's members that have an active operation. */
export declare function endpointsWithActiveOperation(db: Executor, poolId: string): Promise<Set<string>>;
/**
 * Updates the operation only while its status is one of `from` (a compare-and-set, so two
 * concurrent transitions cannot both succeed). False when it was not in such a status.
 */
export declare function updateOperationIf(db: Executor, id: string, from: readonly string[], patch: Updateable<SyncOperationsTable>): Promise<boolean>;
/** Operations newest first, with the total for pagination. */
export declare function listOperations(db: Executor, filters: OperationFilters, page: {
    limit: number;
    offset: number;
}): Promise<Paged<OperationRow>>;
/** The newest operation matching `filters` whose status is one of `statuses`. */
export declare function findLatestOperation(db: Executor, filters: OperationFilters, statuses: readonly string[], opts?: {
    excludeDryRun?: boolean;
}): Promise<OperationRow | undefined>;

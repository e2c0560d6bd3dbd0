import { type Insertable, type Selectable } from 'kysely';
import type { Executor, Paged } from './executor.js';
import type { PackageStatesTable } from './schema.js';
export type PackageStateRow = Selectable<PackageStatesTable>;
/**
 * A state row without `state_data`, plus what the database reads out of it: the package count and,
 * for a target restored by a revert, the id it was copied from (metadata.reverted_from).
 */
export type PackageStateSummaryRow = Omit<PackageStateRow, 'state_data'> & {
    total_packages: number;
    reverted_from: string | null;
};
export interface PoolStateFilters {
    endpoint_id?: string;
    is_target?: boolean;
    kind?: 'target' | 'report';
    /** Only targets and this endpoint's own reports (what an endpoint key may see). */
    visible_to_endpoint?: string;
}
export declare function insertPackageState(db: Executor, row: Insertable<PackageStatesTable>): Promise<void>;
export declare function findPackageStateById(db: Executor, id: string): Promise<PackageStateRow | undefined>;
export declare function findStateSummaryById(db: Executor, id: string): Promise<PackageStateSummaryRow | undefined>;
/** The pool's current target without its packages, or undefined. */
export declare function findTargetSummary(db: Executor, poolId: string): Promise<PackageStateSummaryRow | undefined>;
/** A pool's state history, newest first, without package lists. */
export declare function listPoolStates(db: Executor, poolId: string, filters: PoolStateFilters, page: {
    limit: number;
    offset: number;
}): Promise<Paged<PackageStateSummaryRow>>;
/**
 * The newest former target of a pool created before `before` (or any, when before is undefined):
 * what "revert to the previous target" goes back to.
 */
export declare function findPreviousTarget(db: Executor, poolId: string, before: string | undefined): Promise<PackageStateSummaryRow | undefined>;
/** Clears the pool's target flag (call before setting a new one, in the same transaction). */
export declare function clearPoolTarget(db: Executor, poolId: string): Promise<void>;
/** The pool's current target with its packages, or undefined. */
export declare function findTargetState(db: Executor, poolId: string): Promise<PackageStateRow | undefined>;

import { type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor, Paged } from './executor.js';
import type { EndpointsTable, PackageSummary } from './schema.js';
export type EndpointRow = Selectable<EndpointsTable>;
export interface EndpointFilters {
    pool_id?: string;
    status?: string;
    sync_status?: string;
    /** Substring of name or hostname, case-insensitive. */
    search?: string;
}
export declare function insertEndpoint(db: Executor, row: Insertable<EndpointsTable>): Promise<void>;
export declare function findEndpointById(db: Executor, id: string): Promise<EndpointRow | undefined>;
export declare function findEndpointByName(db: Executor, name: string): Promise<EndpointRow | undefined>;
/** Endpoints by name (then id, so pages are stable), with the total for pagination. */
export declare function listEndpoints(db: Executor, filters: EndpointFilters, page: {
    limit: number;
    offset: number;
}): Promise<Paged<EndpointRow>>;
/** Members of one pool, by name. */
export declare function listPoolMembers(db: Executor, poolId: string): Promise<EndpointRow[]>;
export declare function countPoolMembers(db: Executor, poolId: string): Promise<number>;
export declare function updateEndpoint(db: Executor, id: string, patch: Updateable<EndpointsTable>): Promise<boolean>;
export declare function deleteEndpoint(db: Executor, id: string): Promise<boolean>;
/**
 * Records agent contact: last_seen, and status `online` unless the endpoint is in `error` (that
 * status is cleared by the report or operation that resolves it, not by a heartbeat).
 */
export declare function markEndpointSeen(db: Executor, id: string, at: Date): Promise<void>;
/** Stores an endpoint's drift: its package_summary (counts) and sync_status. */
export declare function updateEndpointDrift(db: Executor, id: string, drift: {
    sync_status: string;
    package_summary: PackageSummary;
}, at: Date): Promise<void>;

import type { PageOf } from '../../contracts/common.contract.js';
import type { EndpointView } from '../../contracts/endpoint.contract.js';
import type { CreatePoolBody, PoolDetail, PoolListQuery, PoolView, TargetStateSummary, UpdatePoolBody } from '../../contracts/pool.contract.js';
import { type PackageStateSummaryRow } from '../../db/package-state.repository.js';
import { type PoolRow } from '../../db/pool.repository.js';
import type { Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
export declare const SYNC_STATUSES: readonly ["in_sync", "behind", "ahead", "sync_pending", "unknown"];
export declare const ENDPOINT_STATUSES: readonly ["online", "offline", "error"];
export declare function toPoolView(row: PoolRow, endpointCount: number, targetStateId: string | null): PoolView;
export declare function toTargetSummary(row: PackageStateSummaryRow): TargetStateSummary;
export declare class PoolService {
    private readonly ctx;
    private readonly drift;
    private readonly notifier;
    constructor(ctx: ServiceContext, drift: DriftRefresher, notifier: Notifier);
    list(query: PoolListQuery): Promise<PageOf<PoolView>>;
    /** `includeMembers: false` for endpoint keys: they see their pool, not the other machines in it. */
    get(id: string, includeMembers?: boolean): Promise<PoolDetail>;
    create(body: CreatePoolBody, actor: string): Promise<PoolView>;
    update(id: string, body: UpdatePoolBody, actor: string): Promise<PoolView>;
    /** Deletes a pool; with members only when `force` (members are then left without a pool). */
    delete(id: string, force: boolean, actor: string): Promise<{
        id: string;
        deleted: true;
        unassigned_endpoints: number;
    }>;
    /** Puts an endpoint into the pool, moving it out of its current pool if any. */
    assign(poolId: string, endpointId: string, actor: string): Promise<EndpointView>;
    unassign(poolId: string, endpointId: string, actor: string): Promise<EndpointView>;
    private poolView;
    private endpointView;
    private assertNameFree;
    /** A concurrent create/rename with the same name loses at the unique index: still a 409. */
    private uniqueName;
}

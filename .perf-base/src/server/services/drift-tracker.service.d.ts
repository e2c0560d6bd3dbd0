import { type DriftHistoryQuery, type DriftHistoryView } from '../../contracts/analysis.contract.js';
import type { DriftView } from '../../contracts/report.contract.js';
import type { PoolSettings } from '../../contracts/pool.contract.js';
import { type PreparedTarget } from '../../core/drift.js';
import type { PackageStateData } from '../../core/package-state.js';
import type { Executor } from '../../db/executor.js';
import type { PackageSummary } from '../../db/schema.js';
import { type Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
export interface PoolDriftCounts {
    in_sync: number;
    behind: number;
    ahead: number;
    sync_pending: number;
    unknown: number;
    total: number;
}
/** A pool's settings and prepared target, for computing its members' drift. */
export interface PoolDriftContext {
    poolId: string;
    settings: PoolSettings;
    targetId: string | null;
    target: PreparedTarget | null;
}
export interface EndpointDrift {
    endpoint_id: string;
    pool_id: string | null;
    target_state_id: string | null;
    sync_status: string;
    drift: DriftView;
}
export interface PoolRecompute {
    pool_id: string;
    target_state_id: string | null;
    members: number;
    /** Members whose sync_status or counts changed. */
    changed: number;
    counts: PoolDriftCounts;
}
/** A stored package_summary read back as counts (zeros for what it lacks, e.g. `{}` when unknown). */
export declare function driftFromSummary(summary: PackageSummary | null | undefined, totalPackages?: number): DriftView;
export declare class DriftTracker implements DriftRefresher {
    private readonly ctx;
    private readonly notifier;
    private readonly maxSamples;
    private readonly targets;
    constructor(ctx: ServiceContext, notifier: Notifier, maxSamples?: number);
    refreshPool(db: Executor, poolId: string, at: Date): Promise<void>;
    refreshEndpoint(db: Executor, endpointId: string, at: Date): Promise<void>;
    /** The pool's settings and prepared target (cached), or null when the pool does not exist. */
    poolContext(db: Executor, poolId: string): Promise<PoolDriftContext | null>;
    /**
     * Recomputes one endpoint against its pool's target and stores the result. `state` stands in
     * for its stored current state when the caller has it parsed already; `details` adds the
     * per-package lists to the answer (they are never stored).
     */
    recomputeEndpoint(db: Executor, endpointId: string, at: Date, opts?: {
        state?: PackageStateData;
        details?: boolean;
    }): Promise<EndpointDrift | null>;
    /** Recomputes every member of the pool (after a target or settings change). */
    recomputePool(db: Executor, poolId: string, at: Date): Promise<PoolRecompute | null>;
    private summaryOf;
    private apply;
    countMembers(db: Executor, poolId: string): Promise<PoolDriftCounts>;
    /**
     * Stores the pool's current counts when they differ from its latest sample. Sample times
     * strictly increase per pool (a sample in the same millisecond as the latest goes 1 ms later),
     * so "latest" and pruning are exact.
     */
    sample(db: Executor, poolId: string, at: Date): Promise<PoolDriftCounts>;
    history(poolId: string, query: DriftHistoryQuery): Promise<DriftHistoryView>;
}

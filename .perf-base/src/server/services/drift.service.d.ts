import { type PreparedTarget } from '../../core/drift.js';
import type { Executor } from '../../db/executor.js';
import type { DriftRefresher } from './drift-refresher.js';
export declare class DriftService implements DriftRefresher {
    /** The pool's target prepared with its exclusions and removal policy, or null without one. */
    preparedTarget(db: Executor, poolId: string): Promise<PreparedTarget | null>;
    refreshPool(db: Executor, poolId: string, at: Date): Promise<void>;
    refreshEndpoint(db: Executor, endpointId: string, at: Date): Promise<void>;
    /** Computes and stores the drift of `members`; returns their new sync statuses. */
    private apply;
}

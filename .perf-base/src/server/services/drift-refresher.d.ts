import type { Executor } from '../../db/executor.js';
export interface DriftRefresher {
    /** The pool's target (or its exclusions) changed: recompute every member; log drift_history. */
    refreshPool(db: Executor, poolId: string, at: Date): Promise<void>;
    /** The endpoint joined or left a pool: recompute it against its (new) pool's target. */
    refreshEndpoint(db: Executor, endpointId: string, at: Date): Promise<void>;
}

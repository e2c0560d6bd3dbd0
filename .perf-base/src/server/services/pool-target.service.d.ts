import type { RevertTargetBody, TargetStateSummary } from '../../contracts/pool.contract.js';
import type { Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
export interface RevertTargetResult {
    pool_id: string;
    /** The new target row (a copy of the restored state, so target history stays in order). */
    target_state: TargetStateSummary;
    restored_state_id: string;
    previous_target_id: string | null;
}
export declare class PoolTargetService {
    private readonly ctx;
    private readonly drift;
    private readonly notifier;
    constructor(ctx: ServiceContext, drift: DriftRefresher, notifier: Notifier);
    /**
     * Makes an earlier target the pool's target again: `state_id`, or by default the target that
     * preceded the current one. The restored state is inserted as a new target row (same packages)
     * so that "previous" keeps meaning "the target before this one".
     */
    revert(poolId: string, body: RevertTargetBody, actor: string): Promise<RevertTargetResult>;
    /**
     * The target before `current` in the pool's lineage. A target restored by a revert stands in
     * the place of the target it copies (metadata.reverted_from), so reverting again goes further
     * back (T3 → T2 → T1) instead of flipping between the last two.
     */
    private previousTarget;
    private chosenTarget;
}

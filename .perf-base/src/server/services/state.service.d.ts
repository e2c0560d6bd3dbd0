import type { PageOf } from '../../contracts/common.contract.js';
import type { PoolStatesQuery, StateDetail, StateDiff, StateSummary } from '../../contracts/state.contract.js';
import { type PackageStateRow, type PackageStateSummaryRow } from '../../db/package-state.repository.js';
import { type Principal } from '../auth/principal.js';
import type { ServiceContext } from './context.js';
export declare function toStateSummary(row: PackageStateSummaryRow): StateSummary;
export declare function toStateDetail(row: PackageStateRow): StateDetail;
export declare class StateService {
    private readonly ctx;
    constructor(ctx: ServiceContext);
    /**
     * A pool's states, newest first (filters: endpoint_id, is_target, kind). An endpoint caller
     * sees the pool's targets and its own reports only.
     */
    history(poolId: string, query: PoolStatesQuery, caller: Principal): Promise<PageOf<StateSummary>>;
    get(id: string, caller: Principal): Promise<StateDetail>;
    /** What changes from state `a` to state `b`. */
    diff(a: string, b: string, caller: Principal): Promise<StateDiff>;
    private load;
}

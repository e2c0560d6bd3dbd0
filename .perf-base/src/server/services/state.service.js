import { NotFoundError } from '../../core/errors.js';
import { diffStates } from '../../core/state-diff.js';
import { findPackageStateById, listPoolStates, } from '../../db/package-state.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import { assertCan, canSeePool, canSeeState } from '../auth/principal.js';
import { page, pageOf } from './paging.js';
export function toStateSummary(row) {
    return {
        id: row.id,
        pool_id: row.pool_id,
        endpoint_id: row.endpoint_id,
        kind: row.endpoint_id === null ? 'target' : 'report',
        is_target: row.is_target,
        message: row.message,
        created_by: row.created_by,
        created_at: row.created_at,
        total_packages: row.total_packages,
        content_hash: row.content_hash,
    };
}
export function toStateDetail(row) {
    const total = Object.keys(row.state_data.packages).length;
    return {
        ...toStateSummary({ ...row, total_packages: total, reverted_from: row.state_data.metadata.reverted_from ?? null }),
        state_data: row.state_data,
    };
}
export class StateService {
    ctx;
    constructor(ctx) {
        this.ctx = ctx;
    }
    /**
     * A pool's states, newest first (filters: endpoint_id, is_target, kind). An endpoint caller
     * sees the pool's targets and its own reports only.
     */
    async history(poolId, query, caller) {
        assertCan(canSeePool(caller, poolId), `pool ${poolId}`);
        if (!(await findPoolById(this.ctx.db, poolId)))
            throw new NotFoundError('pool', poolId);
        const p = page(query);
        const { rows, total } = await listPoolStates(this.ctx.db, poolId, {
            endpoint_id: query.endpoint_id,
            is_target: query.is_target,
            kind: query.kind,
            ...(caller.role === 'endpoint' && caller.endpointId ? { visible_to_endpoint: caller.endpointId } : {}),
        }, p);
        return pageOf(rows.map(toStateSummary), total, p);
    }
    async get(id, caller) {
        return toStateDetail(await this.load(id, caller));
    }
    /** What changes from state `a` to state `b`. */
    async diff(a, b, caller) {
        const from = await this.load(a, caller);
        const to = await this.load(b, caller);
        return { from: a, to: b, ...diffStates(from.state_data.packages, to.state_data.packages) };
    }
    async load(id, caller) {
        const row = await findPackageStateById(this.ctx.db, id);
        if (!row)
            throw new NotFoundError('state', id);
        assertCan(canSeeState(caller, row), `state ${id}`);
        return row;
    }
}
//# sourceMappingURL=state.service.js.map
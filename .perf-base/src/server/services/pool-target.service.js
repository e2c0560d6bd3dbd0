import { InvalidStateError, NotFoundError, ValidationError } from '../../core/errors.js';
import { newId } from '../../db/dialect.js';
import { clearPoolTarget, findPackageStateById, findPreviousTarget, findStateSummaryById, findTargetSummary, insertPackageState, } from '../../db/package-state.repository.js';
import { lockPool } from '../../db/pool.repository.js';
import { recordEvent } from './event.service.js';
import { inTransaction } from './retry.js';
export class PoolTargetService {
    ctx;
    drift;
    notifier;
    constructor(ctx, drift, notifier) {
        this.ctx = ctx;
        this.drift = drift;
        this.notifier = notifier;
    }
    /**
     * Makes an earlier target the pool's target again: `state_id`, or by default the target that
     * preceded the current one. The restored state is inserted as a new target row (same packages)
     * so that "previous" keeps meaning "the target before this one".
     */
    async revert(poolId, body, actor) {
        const now = this.ctx.clock.now();
        return inTransaction(this.ctx, this.notifier, 'the target revert', async (trx) => {
            if (!(await lockPool(trx, poolId)))
                throw new NotFoundError('pool', poolId);
            const current = await findTargetSummary(trx, poolId);
            const chosen = body.state_id !== undefined ? await this.chosenTarget(trx, poolId, body.state_id) : await this.previousTarget(trx, poolId, current);
            if (!chosen)
                throw new InvalidStateError('this pool has no earlier target to revert to', { pool_id: poolId });
            const source = await findPackageStateById(trx, chosen.id);
            if (!source)
                throw new NotFoundError('state', chosen.id);
            await clearPoolTarget(trx, poolId);
            const id = newId();
            const message = body.message ?? `reverted to the target of ${chosen.created_at}`;
            const metadata = { ...source.state_data.metadata, reverted_from: chosen.id };
            await insertPackageState(trx, {
                id,
                pool_id: poolId,
                endpoint_id: null,
                state_data: { ...source.state_data, metadata },
                content_hash: source.content_hash,
                is_target: true,
                message,
                created_by: actor,
                created_at: now,
            });
            await this.drift.refreshPool(trx, poolId, now);
            await recordEvent(trx, now, actor, {
                event_type: 'pool_target_reverted',
                severity: 'warning',
                message: `pool target reverted to the target of ${chosen.created_at}`,
                pool_id: poolId,
                details: { pool_id: poolId, previous_target_id: current?.id ?? null, restored_state_id: chosen.id, new_target_id: id },
            });
            return {
                pool_id: poolId,
                target_state: { id, created_at: now.toISOString(), created_by: actor, message, endpoint_id: null, total_packages: chosen.total_packages },
                restored_state_id: chosen.id,
                previous_target_id: current?.id ?? null,
            };
        });
    }
    /**
     * The target before `current` in the pool's lineage. A target restored by a revert stands in
     * the place of the target it copies (metadata.reverted_from), so reverting again goes further
     * back (T3 → T2 → T1) instead of flipping between the last two.
     */
    async previousTarget(trx, poolId, current) {
        let position = current;
        const seen = new Set();
        while (position?.reverted_from && !seen.has(position.id)) {
            seen.add(position.id);
            const original = await findStateSummaryById(trx, position.reverted_from);
            // The original may have been removed by retention: then the copy's own time is the position.
            if (!original || original.pool_id !== poolId)
                break;
            position = original;
        }
        return findPreviousTarget(trx, poolId, position?.created_at);
    }
    async chosenTarget(trx, poolId, stateId) {
        const st = await findStateSummaryById(trx, stateId);
        if (!st || st.pool_id !== poolId)
            throw new NotFoundError(`state of pool ${poolId}`, stateId);
        if (st.endpoint_id !== null) {
            throw new ValidationError('state_id', 'is an endpoint report, not a pool target (promote it with set-latest instead)');
        }
        if (st.is_target)
            throw new InvalidStateError('that state is already the target', { state_id: stateId });
        return st;
    }
}
//# sourceMappingURL=pool-target.service.js.map
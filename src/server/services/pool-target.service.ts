// A pool's target history: reverting to an earlier target (admin), and the lineage rules that
// "the previous target" follows. Target changes are serialised per pool with lockPool() (see
// pool-lock.ts); once one has committed, every member's drift is recomputed in steps
// (DriftTracker.recomputePoolInSteps). Set-latest (set-latest.service.ts), which promotes an
// endpoint's state to target, follows the same pattern.
import type { RevertTargetBody, TargetStateSummary } from '../../contracts/pool.contract.js';
import { InvalidStateError, NotFoundError, ValidationError } from '../../core/errors.js';
import { newId } from '../../db/dialect.js';
import type { Executor } from '../../db/executor.js';
import {
  clearPoolTarget,
  findPackageStateById,
  findPreviousTarget,
  findStateSummaryById,
  findTargetSummary,
  insertPackageState,
  type PackageStateSummaryRow,
} from '../../db/package-state.repository.js';
import { lockPool } from '../../db/pool.repository.js';
import type { Notifier } from '../events/notifier.js';
import type { ServiceContext } from './context.js';
import type { DriftRefresher } from './drift-refresher.js';
import { recordEvent } from './event.service.js';
import { inTransaction } from './retry.js';

export interface RevertTargetResult {
  pool_id: string;
  /** The new target row (a copy of the restored state, so target history stays in order). */
  target_state: TargetStateSummary;
  restored_state_id: string;
  previous_target_id: string | null;
}

export class PoolTargetService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly drift: DriftRefresher,
    private readonly notifier: Notifier,
  ) {}

  /**
   * Makes an earlier target the pool's target again: `state_id`, or by default the target that
   * preceded the current one. The restored state is inserted as a new target row (same packages)
   * so that "previous" keeps meaning "the target before this one".
   */
  async revert(poolId: string, body: RevertTargetBody, actor: string): Promise<RevertTargetResult> {
    const now = this.ctx.clock.now();
    const result = await inTransaction(this.ctx, this.notifier, 'the target revert', async (trx) => {
      if (!(await lockPool(trx, poolId))) throw new NotFoundError('pool', poolId);
      const current = await findTargetSummary(trx, poolId);
      const chosen =
        body.state_id !== undefined ? await this.chosenTarget(trx, poolId, body.state_id) : await this.previousTarget(trx, poolId, current);
      if (!chosen) throw new InvalidStateError('this pool has no earlier target to revert to', { pool_id: poolId });
      const source = await findPackageStateById(trx, chosen.id);
      if (!source) throw new NotFoundError('state', chosen.id);
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
    // The members' drift against the restored target, once it has committed, in steps that let
    // other requests in (as set-latest does: DriftTracker.recomputePoolInSteps).
    await this.drift.recomputePoolInSteps(poolId, now);
    return result;
  }

  /**
   * The target before `current` in the pool's lineage. A target restored by a revert stands in
   * the place of the target it copies (metadata.reverted_from), so reverting again goes further
   * back (T3 → T2 → T1) instead of flipping between the last two.
   */
  private async previousTarget(
    trx: Executor,
    poolId: string,
    current: PackageStateSummaryRow | undefined,
  ): Promise<PackageStateSummaryRow | undefined> {
    let position = current;
    const seen = new Set<string>();
    while (position?.reverted_from && !seen.has(position.id)) {
      seen.add(position.id);
      const original = await findStateSummaryById(trx, position.reverted_from);
      // The original may have been removed by retention: then the copy's own time is the position.
      if (!original || original.pool_id !== poolId) break;
      position = original;
    }
    return findPreviousTarget(trx, poolId, position?.created_at);
  }

  private async chosenTarget(trx: Executor, poolId: string, stateId: string): Promise<PackageStateSummaryRow> {
    const st = await findStateSummaryById(trx, stateId);
    if (!st || st.pool_id !== poolId) throw new NotFoundError(`state of pool ${poolId}`, stateId);
    if (st.endpoint_id !== null) {
      throw new ValidationError('state_id', 'is an endpoint report, not a pool target (promote it with set-latest instead)');
    }
    if (st.is_target) throw new InvalidStateError('that state is already the target', { state_id: stateId });
    return st;
  }
}

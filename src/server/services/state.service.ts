// Reading package states: a pool's history, one state, the diff of two. (Writing states — agent
// reports, set-latest — lives with the report/operation services; pool target revert is in
// PoolService.) Endpoint keys see their own reports and their current pool's states only.
import type { PageOf } from '../../contracts/common.contract.js';
import type { PoolStatesQuery, StateDetail, StateDiff, StateSummary } from '../../contracts/state.contract.js';
import { NotFoundError } from '../../core/errors.js';
import { diffStates } from '../../core/state-diff.js';
import { findPackageStateById, listPoolStates, type PackageStateRow, type PackageStateSummaryRow } from '../../db/package-state.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import { assertCan, canSeePool, canSeeScoped, type Principal } from '../auth/principal.js';
import type { ServiceContext } from './context.js';
import { page, pageOf } from './paging.js';

export function toStateSummary(row: PackageStateSummaryRow): StateSummary {
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

export function toStateDetail(row: PackageStateRow): StateDetail {
  const total = Object.keys(row.state_data.packages).length;
  return {
    ...toStateSummary({ ...row, total_packages: total, reverted_from: row.state_data.metadata.reverted_from ?? null }),
    state_data: row.state_data as unknown as StateDetail['state_data'],
  };
}

export class StateService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * A pool's states, newest first (filters: endpoint_id, is_target, kind). An endpoint caller
   * sees the pool's targets and its own reports only.
   */
  async history(poolId: string, query: PoolStatesQuery, caller: Principal): Promise<PageOf<StateSummary>> {
    assertCan(canSeePool(caller, poolId), `pool ${poolId}`);
    if (!(await findPoolById(this.ctx.db, poolId))) throw new NotFoundError('pool', poolId);
    const p = page(query);
    const { rows, total } = await listPoolStates(
      this.ctx.db,
      poolId,
      {
        endpoint_id: query.endpoint_id,
        is_target: query.is_target,
        kind: query.kind,
        ...(caller.role === 'endpoint' && caller.endpointId ? { visible_to_endpoint: caller.endpointId } : {}),
      },
      p,
    );
    return pageOf(rows.map(toStateSummary), total, p);
  }

  async get(id: string, caller: Principal): Promise<StateDetail> {
    return toStateDetail(await this.load(id, caller));
  }

  /** What changes from state `a` to state `b`. */
  async diff(a: string, b: string, caller: Principal): Promise<StateDiff> {
    const from = await this.load(a, caller);
    const to = await this.load(b, caller);
    return { from: a, to: b, ...diffStates(from.state_data.packages, to.state_data.packages) };
  }

  private async load(id: string, caller: Principal): Promise<PackageStateRow> {
    const row = await findPackageStateById(this.ctx.db, id);
    if (!row) throw new NotFoundError('state', id);
    assertCan(canSeeScoped(caller, row), `state ${id}`);
    return row;
  }
}

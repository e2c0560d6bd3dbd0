// Reading package states: a pool's history, one state, the diff of two. (Writing states: agent
// reports in report.service.ts, an operation's reached state in operation.service.ts, set-latest
// in set-latest.service.ts, pool target revert in pool-target.service.ts.) Who sees which states:
// policies/state.policy.ts.
import type { PageOf } from '../../contracts/common.contract.js';
import type { PoolStatesQuery, StateDetail, StateDiff, StateSummary } from '../../contracts/state.contract.js';
import { NotFoundError } from '../../core/errors.js';
import { diffStates } from '../../core/state-diff.js';
import { findPackageStateById, listPoolStates, type PackageStateRow } from '../../db/package-state.repository.js';
import { findPoolById } from '../../db/pool.repository.js';
import type { Principal } from '../auth/principal.js';
import { assertCanListPoolStates, assertCanReadState, stateHistoryScope } from '../policies/state.policy.js';
import { toStateDetail, toStateSummary } from '../presenters/state.presenter.js';
import type { ServiceContext } from './context.js';
import { page, pageOf } from './paging.js';

export class StateService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * A pool's states, newest first (filters: endpoint_id, is_target, kind). An endpoint caller
   * sees the pool's targets and its own reports only.
   */
  async history(poolId: string, query: PoolStatesQuery, caller: Principal): Promise<PageOf<StateSummary>> {
    assertCanListPoolStates(caller, poolId);
    if (!(await findPoolById(this.ctx.db, poolId))) throw new NotFoundError('pool', poolId);
    const p = page(query);
    const { rows, total } = await listPoolStates(
      this.ctx.db,
      poolId,
      { endpoint_id: query.endpoint_id, is_target: query.is_target, kind: query.kind, ...stateHistoryScope(caller) },
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
    assertCanReadState(caller, row);
    return row;
  }
}

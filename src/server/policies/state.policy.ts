// Who may read which package states (GET /pools/{id}/states, /states/{id}, /states/{a}/diff/{b}):
// admin and read keys any; an endpoint key its current pool's history, seeing there the pool's
// targets and its own reports only (not the other machines'), and any state of those. Writing
// states is the report, set-latest and target-revert services' (and their policies').
import type { Principal } from '../auth/principal.js';
import { assertCan, canSeePool, canSeeScoped } from './visibility.js';

/** 403 unless the caller may read pool `poolId`'s state history. */
export function assertCanListPoolStates(caller: Principal, poolId: string): void {
  assertCan(canSeePool(caller, poolId), `pool ${poolId}`);
}

/** Which of a pool's states the caller's history lists: an endpoint key sees its own reports and the targets. */
export function stateHistoryScope(caller: Principal): { visible_to_endpoint?: string } {
  return caller.role === 'endpoint' && caller.endpointId ? { visible_to_endpoint: caller.endpointId } : {};
}

/** 403 unless the caller may read `state` (its own report, or a target of its current pool). */
export function assertCanReadState(caller: Principal, state: { id: string; pool_id: string | null; endpoint_id: string | null }): void {
  assertCan(canSeeScoped(caller, state), `state ${state.id}`);
}

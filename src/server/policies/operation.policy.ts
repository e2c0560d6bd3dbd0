// Who may read and drive an operation: reading as for states (admin and read keys any; an
// endpoint key its own and its current pool's pool-level ones); progress, complete and fail only
// the operation's own endpoint, which runs it; cancel its endpoint or an admin.
import { PermissionError, type Principal } from '../auth/principal.js';
import { assertCan, canSeeScoped } from './visibility.js';

export type OperationAction = 'progress' | 'complete' | 'fail' | 'cancel';

/** 403 unless the caller may read `op`. */
export function assertCanReadOperation(caller: Principal, op: { id: string; pool_id: string | null; endpoint_id: string | null }): void {
  assertCan(canSeeScoped(caller, op), `operation ${op.id}`);
}

/** 403 unless the caller may take `op` through `action` (its own endpoint; for cancel, an admin too). */
export function assertCanTransition(caller: Principal, op: { id: string; endpoint_id: string | null }, action: OperationAction): void {
  const own = caller.role === 'endpoint' && op.endpoint_id !== null && op.endpoint_id === caller.endpointId;
  if (own || (action === 'cancel' && caller.role === 'admin')) return;
  throw new PermissionError(
    `this API key may not ${action} operation ${op.id}: only its own endpoint${action === 'cancel' ? ' or an admin' : ''} may`,
  );
}

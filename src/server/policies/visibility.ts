// What a caller may see of records that belong to a pool or to one endpoint: the scope rules the
// resource policies (state.policy.ts, operation.policy.ts) are made of. Admin and read keys see
// everything; an endpoint key sees its own records and its current pool's pool-level ones; enroll
// keys see none.
import { PermissionError, type Principal } from '../auth/principal.js';

/** May this caller see pool `poolId` (its settings, target, states)? */
export function canSeePool(p: Principal, poolId: string | null): boolean {
  if (p.role === 'admin' || p.role === 'read') return true;
  if (p.role === 'endpoint') return poolId !== null && p.poolId === poolId;
  return false;
}

/**
 * May this caller see a record that belongs to one endpoint or else to a pool (a package state,
 * an operation)? Admin and read: any. An endpoint: its own, and its current pool's pool-level
 * ones (a pool's targets, current and former) — not other machines'.
 */
export function canSeeScoped(p: Principal, record: { pool_id: string | null; endpoint_id: string | null }): boolean {
  if (p.role === 'admin' || p.role === 'read') return true;
  if (p.role !== 'endpoint') return false;
  if (record.endpoint_id !== null) return record.endpoint_id === p.endpointId;
  return record.pool_id !== null && record.pool_id === p.poolId;
}

/** 403 INSUFFICIENT_PERMISSIONS naming `what` unless `allowed`. */
export function assertCan(allowed: boolean, what: string): void {
  if (!allowed) throw new PermissionError(`this API key may not access ${what}`);
}

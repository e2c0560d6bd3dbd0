// Who may do what to a pool beyond what the route's guard decides (auth/guard.ts): whether the
// caller sees the pool's members, and who may set its target (issue #10). An endpoint key may set
// its pool's target from its own state unless the pool's `set_latest_by` is `admins`; storing an
// inconsistent target (`force`) is an admin's decision only. Each refusal is a 403 that writes
// nothing. (That the endpoint must be approved is a rule about the endpoint, whoever asks:
// requireApproved in enrollment.service.ts.)
import { PermissionError, type Principal } from '../auth/principal.js';
import type { PoolRow } from '../../db/pool.repository.js';
import { completeSettings } from '../services/pool-settings.js';

/** Endpoint keys see their pool, not the other machines in it. */
export function canSeePoolMembers(caller: Principal): boolean {
  return caller.role !== 'endpoint';
}

/** 403 for `force` (an inconsistent target) from anyone but an admin. */
export function assertCanForceTarget(caller: Principal): void {
  if (caller.role !== 'admin') {
    throw new PermissionError('force is not accepted from an endpoint key: only an admin may store an inconsistent target');
  }
}

/** 403 when the pool's set_latest_by is admins and the caller is not an admin. */
export function assertCanSetTarget(caller: Principal, pool: Pick<PoolRow, 'name' | 'settings'>): void {
  if (caller.role !== 'admin' && completeSettings(pool.settings).set_latest_by === 'admins') {
    throw new PermissionError(`pool '${pool.name}' has set_latest_by = admins: only an admin key may set its target`);
  }
}

// Who may register and change an endpoint beyond what the route's guard decides (auth/guard.ts).
// An enroll key bound to a pool registers into that pool only; a registration by an enroll key
// counts one of its uses and may start pending approval (enrollment.service.ts). Only an admin
// moves an endpoint to another pool (pools are the administrator's decision); the endpoint itself
// may change its name, hostname and system_info, and its routine system_info refresh is not
// audited.
import { PermissionError, type Principal } from '../auth/principal.js';

/**
 * The pool a registration goes into: the one asked for, except that an enroll key bound to a pool
 * registers into that pool (none asked: that pool; another one: 403).
 */
export function registrationPool(caller: Principal, requested: string | null): string | null {
  if (caller.role !== 'enroll' || caller.poolId === null) return requested;
  if (requested !== null && requested !== caller.poolId) {
    throw new PermissionError(`this enroll key may only register endpoints into pool ${caller.poolId}`);
  }
  return caller.poolId;
}

/** A registration by an enroll key: it counts one of the key's uses and may need approval. */
export function isEnrollment(caller: Principal): boolean {
  return caller.role === 'enroll';
}

/** 403 for moving an endpoint to another pool, unless the caller is an admin. */
export function assertCanMoveEndpoint(caller: Principal): void {
  if (caller.role !== 'admin') throw new PermissionError('only an admin key may move an endpoint to another pool');
}

/** Whether an update of `changed` fields is audited: always an admin's; the endpoint's own unless it only refreshed system_info. */
export function isAuditedUpdate(caller: Principal, changed: readonly string[]): boolean {
  return changed.length > 0 && (caller.role === 'admin' || changed.some((k) => k !== 'system_info'));
}

import { DomainError } from '../../core/errors.js';
import type { KeyRole } from '../../contracts/key.contract.js';
export interface Principal {
    keyId: string;
    /** The key's name (may be null for old rows). Safe to log; the secret never is. */
    name: string | null;
    role: KeyRole;
    /**
     * enroll: the pool the key is bound to (null: any pool).
     * endpoint: the endpoint's CURRENT pool (read at authentication, so a move takes effect at once).
     */
    poolId: string | null;
    /** endpoint: the endpoint the key acts as; null for other roles. */
    endpointId: string | null;
}
/** 401: no key, a malformed header, or a key that is unknown, revoked or expired. */
export declare class AuthenticationError extends DomainError {
    constructor(message: string);
}
/** 403: a valid key whose role or scope does not cover the request. */
export declare class PermissionError extends DomainError {
    constructor(message: string);
}
/** The audit log's user_id for an action: the key's name and id, never the key itself. */
export declare function actorOf(principal: Principal | null): string;
/** May this caller see pool `poolId` (its settings, target, states)? */
export declare function canSeePool(p: Principal, poolId: string | null): boolean;
/**
 * May this caller see a package state? Admin and read: any. An endpoint: its own reports and its
 * current pool's targets (current and former) — not other machines' reports.
 */
export declare function canSeeState(p: Principal, state: {
    pool_id: string | null;
    endpoint_id: string | null;
}): boolean;
export declare function assertCan(allowed: boolean, what: string): void;

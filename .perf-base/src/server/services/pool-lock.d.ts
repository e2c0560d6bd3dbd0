import { type EndpointRow } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
export interface LockedMembership {
    /** The endpoint as it is now that its pool is locked (it cannot move any more in this transaction). */
    endpoint: EndpointRow;
    /** Which of the locked pools exist. */
    pools: Set<string>;
}
/**
 * Locks the endpoint's current pool and the pools in `also`, then reads the endpoint again: when
 * it moved to another pool in the meantime, that pool is locked too and it is read once more.
 * Undefined when the endpoint does not exist.
 */
export declare function lockMembership(trx: Executor, endpointId: string, also?: readonly (string | null | undefined)[]): Promise<LockedMembership | undefined>;

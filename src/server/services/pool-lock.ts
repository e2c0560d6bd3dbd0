// The lock order of every transaction that changes a pool's members or its target: first the
// pools concerned (pool.repository lockPool/lockPools, in id order), then endpoint rows. Set-latest,
// revert-target, settings changes, pool deletion and (un)assignment all follow it, so on PostgreSQL
// two of them wait for each other instead of deadlocking (which aborts one with 40P01); on SQLite
// writers are serialised anyway.
import { type EndpointRow, findEndpointById } from '../../db/endpoint.repository.js';
import type { Executor } from '../../db/executor.js';
import { lockPools } from '../../db/pool.repository.js';

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
export async function lockMembership(
  trx: Executor,
  endpointId: string,
  also: readonly (string | null | undefined)[] = [],
): Promise<LockedMembership | undefined> {
  const locked = new Set<string>();
  const pools = new Set<string>();
  let endpoint = await findEndpointById(trx, endpointId);
  while (endpoint) {
    const wanted = [endpoint.pool_id, ...also].filter((id): id is string => typeof id === 'string' && !locked.has(id));
    if (wanted.length === 0) return { endpoint, pools };
    // A pool locked on a second pass may break the id order; the deadlock that could follow is
    // retried by the caller's transaction (inTransaction), and a move racing this one is rare.
    for (const id of wanted) locked.add(id);
    for (const id of await lockPools(trx, wanted)) pools.add(id);
    endpoint = await findEndpointById(trx, endpointId);
  }
  return undefined;
}

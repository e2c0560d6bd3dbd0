// Idempotent agent requests (issue #16): a state report or an operation's progress/complete/fail
// that carries an `Idempotency-Key` is carried out once. The key is claimed, and the answer
// recorded, inside the transaction of the request's own writes, so either both are committed or
// neither is: a retry after the server died between its commit and its reply finds the answer
// and gets it again (`Idempotent-Replayed: true`), writing nothing; a retry of a request that
// was never committed simply runs. A key reused for a different request (another route, id or
// body) is refused with 422 IDEMPOTENCY_KEY_REUSED. Keys are kept IDEMPOTENCY_KEY_TTL_DAYS.
import { newId } from '../../db/dialect.js';
import type { Executor } from '../../db/executor.js';
import { claimIdempotencyKey, findIdempotencyKey, recordIdempotentResponse } from '../../db/idempotency-key.repository.js';
import { ConflictError, DomainError } from '../../core/errors.js';

/** How long an answer stays replayable: an agent's queue replays within this after an outage. */
export const IDEMPOTENCY_KEY_TTL_DAYS = 7;

/** One request's key, as the route read it (routes/idempotency-header.ts). */
export interface IdempotencyRequest {
  /** Whose key it is: `endpoint:<id>` or `key:<api key id>`. */
  scope: string;
  key: string;
  /** sha256 of the method, the URL and the body. */
  fingerprint: string;
  /** Set when the answer came from an earlier request with this key. */
  replayed?: boolean;
}

/**
 * Runs `work` (the request's writes, in the caller's transaction `trx`) once per key: the first
 * time it records the answer beside its writes; afterwards it returns that answer without running.
 * Without a key, just `work()`.
 */
export async function idempotent<T>(trx: Executor, idem: IdempotencyRequest | undefined, now: Date, work: () => Promise<T>): Promise<T> {
  if (idem === undefined) return work();
  const id = newId();
  if (await claimIdempotencyKey(trx, { id, scope: idem.scope, idempotency_key: idem.key, request_hash: idem.fingerprint, created_at: now })) {
    const answer = await work();
    await recordIdempotentResponse(trx, id, JSON.stringify(answer));
    return answer;
  }
  const row = await findIdempotencyKey(trx, idem.scope, idem.key);
  // Only a transaction that has not committed yet leaves the answer null (SQLite, another
  // process): the client retries, as after a 409 conflict.
  if (row === undefined || row.response_body === null) {
    throw new ConflictError('a request with the same Idempotency-Key is still being carried out; retry it', { retryable: true });
  }
  if (row.request_hash !== idem.fingerprint) {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key '${idem.key}' was already used for a different request (another route, resource or body); use a new key for a new request`,
      { field: 'header.idempotency-key' },
    );
  }
  idem.replayed = true;
  return JSON.parse(row.response_body) as T;
}

// Queries of idempotency_keys (migration 012): claiming a key inside the transaction of the
// request's writes, recording its answer there, reading it back for a retry, and deleting old keys.
import type { Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { IdempotencyKeysTable } from './schema.js';

export type IdempotencyKeyRow = Selectable<IdempotencyKeysTable>;

/**
 * Inserts the key's row (answer still null) unless (scope, key) exists: true when this
 * transaction claimed it. On PostgreSQL a concurrent transaction holding the same key makes this
 * wait until it commits (then: false, its row is visible) or rolls back (then: true).
 */
export async function claimIdempotencyKey(
  db: Executor,
  row: { id: string; scope: string; idempotency_key: string; request_hash: string; created_at: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_keys')
    .values({ ...row, response_body: null })
    .onConflict((oc) => oc.columns(['scope', 'idempotency_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findIdempotencyKey(db: Executor, scope: string, key: string): Promise<IdempotencyKeyRow | undefined> {
  return db.selectFrom('idempotency_keys').selectAll().where('scope', '=', scope).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function recordIdempotentResponse(db: Executor, id: string, responseBody: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ response_body: responseBody }).where('id', '=', id).execute();
}

/** Deletes keys created before `cutoff`; returns how many. */
export async function deleteIdempotencyKeysBefore(db: Executor, cutoff: Date): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('created_at', '<', cutoff.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0);
}

// api_keys queries. Keys are found by the SHA-256 of the secret (unique index); the secret itself
// never reaches this layer.
import type { Insertable, Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { ApiKeysTable } from './schema.js';

export type ApiKeyRow = Selectable<ApiKeysTable>;

/** A key row together with its endpoint's live fields (endpoint keys only). */
export interface ApiKeyWithEndpoint extends ApiKeyRow {
  endpoint_pool_id: string | null;
  endpoint_status: string | null;
  endpoint_last_seen: string | null;
  endpoint_name: string | null;
  endpoint_approval: string | null;
}

export async function insertApiKey(db: Executor, row: Insertable<ApiKeysTable>): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

function withEndpoint(db: Executor) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('endpoints as e', 'e.id', 'k.endpoint_id')
    .selectAll('k')
    .select([
      'e.pool_id as endpoint_pool_id',
      'e.status as endpoint_status',
      'e.last_seen as endpoint_last_seen',
      'e.name as endpoint_name',
      'e.approval as endpoint_approval',
    ]);
}

/** One indexed lookup per authenticated request, joined with the endpoint it acts as. */
export async function findApiKeyByHash(db: Executor, keyHash: string): Promise<ApiKeyWithEndpoint | undefined> {
  return withEndpoint(db).where('k.key_hash', '=', keyHash).executeTakeFirst();
}

/** The same by id (a WebSocket's key, re-checked). */
export async function findApiKeyWithEndpointById(db: Executor, id: string): Promise<ApiKeyWithEndpoint | undefined> {
  return withEndpoint(db).where('k.id', '=', id).executeTakeFirst();
}

/** The keys among `ids` that are still active and unexpired at `now` (the hub's periodic re-check). */
export async function listUsableKeyIds(db: Executor, ids: readonly string[], now: Date): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('api_keys')
    .select('id')
    .where('id', 'in', [...ids])
    .where('is_active', '=', true)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now.toISOString())]))
    .execute();
  return rows.map((r) => r.id);
}

export async function findApiKeyById(db: Executor, id: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Keys for listing, newest first. `includeRevoked` adds inactive keys. */
export async function listApiKeys(db: Executor, opts: { includeRevoked: boolean }): Promise<ApiKeyRow[]> {
  let q = db.selectFrom('api_keys').selectAll();
  if (!opts.includeRevoked) q = q.where('is_active', '=', true);
  return q.orderBy('created_at', 'desc').orderBy('id').execute();
}

/**
 * Active keys that do not act as an endpoint (admin, read, enroll): few, so callers filter the
 * role from `permissions` in code rather than with engine-specific JSON SQL.
 */
export async function listActiveNonEndpointKeys(db: Executor): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().where('is_active', '=', true).where('endpoint_id', 'is', null).execute();
}

export async function deactivateApiKey(db: Executor, id: string): Promise<boolean> {
  const res = await db.updateTable('api_keys').set({ is_active: false }).where('id', '=', id).executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function touchApiKeyLastUsed(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used: at }).where('id', '=', id).execute();
}

/** The active keys an endpoint acts with (normally one; several only in the middle of a rotation). */
export async function listActiveEndpointKeys(db: Executor, endpointId: string): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().where('endpoint_id', '=', endpointId).where('is_active', '=', true).orderBy('created_at').execute();
}

/**
 * Counts one use of an enroll key, if it has one left: a single conditional UPDATE, which the
 * database applies to the row one writer at a time (PostgreSQL re-checks the WHERE after waiting
 * for a concurrent writer's commit; SQLite serialises writers), so two registrations racing for
 * the last use cannot both succeed. False when the key is used up or no longer active.
 */
export async function claimApiKeyUse(db: Executor, id: string): Promise<boolean> {
  const res = await db
    .updateTable('api_keys')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', id)
    .where('is_active', '=', true)
    .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

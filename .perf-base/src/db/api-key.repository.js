export async function insertApiKey(db, row) {
    await db.insertInto('api_keys').values(row).execute();
}
/** One indexed lookup per authenticated request, joined with the endpoint it acts as. */
export async function findApiKeyByHash(db, keyHash) {
    return db
        .selectFrom('api_keys as k')
        .leftJoin('endpoints as e', 'e.id', 'k.endpoint_id')
        .selectAll('k')
        .select([
        'e.pool_id as endpoint_pool_id',
        'e.status as endpoint_status',
        'e.last_seen as endpoint_last_seen',
        'e.name as endpoint_name',
    ])
        .where('k.key_hash', '=', keyHash)
        .executeTakeFirst();
}
export async function findApiKeyById(db, id) {
    return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}
/** Keys for listing, newest first. `includeRevoked` adds inactive keys. */
export async function listApiKeys(db, opts) {
    let q = db.selectFrom('api_keys').selectAll();
    if (!opts.includeRevoked)
        q = q.where('is_active', '=', true);
    return q.orderBy('created_at', 'desc').orderBy('id').execute();
}
/**
 * Active keys that do not act as an endpoint (admin, read, enroll): few, so callers filter the
 * role from `permissions` in code rather than with engine-specific JSON SQL.
 */
export async function listActiveNonEndpointKeys(db) {
    return db
        .selectFrom('api_keys')
        .selectAll()
        .where('is_active', '=', true)
        .where('endpoint_id', 'is', null)
        .execute();
}
export async function deactivateApiKey(db, id) {
    const res = await db.updateTable('api_keys').set({ is_active: false }).where('id', '=', id).executeTakeFirst();
    return res.numUpdatedRows > 0n;
}
export async function touchApiKeyLastUsed(db, id, at) {
    await db.updateTable('api_keys').set({ last_used: at }).where('id', '=', id).execute();
}
//# sourceMappingURL=api-key.repository.js.map
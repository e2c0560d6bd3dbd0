/**
 * Locks one endpoint row until the transaction ends (PostgreSQL row lock; SQLite's write lock),
 * by a no-op UPDATE that works on both engines. False when the endpoint does not exist.
 */
export async function lockEndpoint(db, id) {
    const res = await db
        .updateTable('endpoints')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', id)
        .executeTakeFirst();
    return res.numUpdatedRows > 0n;
}
/**
 * Locks every member row of a pool (see lockEndpoint). Called before reading the members' states
 * for a pool-wide recomputation, so that a report committing meanwhile is either seen or waits.
 */
export async function lockPoolMembers(db, poolId) {
    await db
        .updateTable('endpoints')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('pool_id', '=', poolId)
        .execute();
}
function memberQuery(db) {
    return db
        .selectFrom('endpoints as e')
        .leftJoin('package_states as s', 's.id', 'e.current_state_id')
        .select([
        'e.id',
        'e.name',
        'e.pool_id',
        'e.status',
        'e.sync_status',
        'e.package_summary',
        'e.current_state_id',
        's.state_data',
    ]);
}
/** A page of the pool's members by id (keyset: ids after `afterId`), with their latest states. */
export async function listMemberStates(db, poolId, afterId, limit) {
    let q = memberQuery(db).where('e.pool_id', '=', poolId);
    if (afterId !== null)
        q = q.where('e.id', '>', afterId);
    return (await q.orderBy('e.id').limit(limit).execute());
}
/** One endpoint with its latest state; `withState: false` skips reading the (large) state. */
export async function findMemberState(db, endpointId, withState = true) {
    if (withState)
        return (await memberQuery(db).where('e.id', '=', endpointId).executeTakeFirst());
    const row = await db
        .selectFrom('endpoints')
        .select(['id', 'name', 'pool_id', 'status', 'sync_status', 'package_summary', 'current_state_id'])
        .where('id', '=', endpointId)
        .executeTakeFirst();
    return row && { ...row, state_data: null };
}
export async function latestDriftSample(db, poolId) {
    return db
        .selectFrom('drift_history')
        .selectAll()
        .where('pool_id', '=', poolId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
}
export async function insertDriftSample(db, row) {
    await db.insertInto('drift_history').values(row).execute();
}
/** Deletes the pool's samples older than its `keep` newest. Returns how many went. */
export async function pruneDriftHistory(db, poolId, keep) {
    const boundary = await db
        .selectFrom('drift_history')
        .select('created_at')
        .where('pool_id', '=', poolId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .offset(keep - 1)
        .executeTakeFirst();
    if (!boundary)
        return 0;
    const res = await db
        .deleteFrom('drift_history')
        .where('pool_id', '=', poolId)
        .where('created_at', '<', boundary.created_at)
        .executeTakeFirst();
    return Number(res.numDeletedRows);
}
/** The newest `limit` samples of a pool (at or after `since`), returned oldest first. */
export async function listDriftHistory(db, poolId, opts) {
    let q = db.selectFrom('drift_history').selectAll().where('pool_id', '=', poolId);
    if (opts.since)
        q = q.where('created_at', '>=', new Date(opts.since).toISOString());
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
    return rows.reverse();
}
//# sourceMappingURL=drift.repository.js.map
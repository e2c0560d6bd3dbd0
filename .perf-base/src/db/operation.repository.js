// sync_operations queries.
import { sql } from 'kysely';
/** An endpoint's latest operations, newest first. */
export async function listRecentOperations(db, endpointId, limit) {
    return db
        .selectFrom('sync_operations')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
}
// ---- operation life cycle (issue #4) ----------------------------------------------------------
/** Statuses of an operation that is still running or waiting for its agent. */
export const ACTIVE_STATUSES = ['pending', 'in_progress'];
export async function insertOperation(db, row) {
    await db.insertInto('sync_operations').values(row).execute();
}
export async function findOperationById(db, id) {
    return db.selectFrom('sync_operations').selectAll().where('id', '=', id).executeTakeFirst();
}
/** The endpoint's pending or in-progress operation, if any (at most one: unique index of migration 004). */
export async function findActiveOperation(db, endpointId) {
    return db
        .selectFrom('sync_operations')
        .selectAll()
        .where('endpoint_id', '=', endpointId)
        .where('status', 'in', ACTIVE_STATUSES)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
}
/** Ids of the pool's members that have an active operation. */
export async function endpointsWithActiveOperation(db, poolId) {
    const rows = await db
        .selectFrom('sync_operations as o')
        .innerJoin('endpoints as e', 'e.id', 'o.endpoint_id')
        .select('o.endpoint_id')
        .where('e.pool_id', '=', poolId)
        .where('o.status', 'in', ACTIVE_STATUSES)
        .execute();
    return new Set(rows.map((r) => r.endpoint_id).filter((id) => id !== null));
}
/**
 * Updates the operation only while its status is one of `from` (a compare-and-set, so two
 * concurrent transitions cannot both succeed). False when it was not in such a status.
 */
export async function updateOperationIf(db, id, from, patch) {
    const res = await db.updateTable('sync_operations').set(patch).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return res.numUpdatedRows > 0n;
}
function filtered(db, f) {
    let q = db.selectFrom('sync_operations');
    if (f.endpoint_id)
        q = q.where('endpoint_id', '=', f.endpoint_id);
    if (f.pool_id)
        q = q.where('pool_id', '=', f.pool_id);
    if (f.status)
        q = q.where('status', '=', f.status);
    if (f.operation_type)
        q = q.where('operation_type', '=', f.operation_type);
    return q;
}
/** Operations newest first, with the total for pagination. */
export async function listOperations(db, filters, page) {
    const rows = await filtered(db, filters)
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    const { total } = await filtered(db, filters)
        .select((eb) => eb.fn.countAll().as('total'))
        .executeTakeFirstOrThrow();
    return { rows, total: Number(total) };
}
/** The newest operation matching `filters` whose status is one of `statuses`. */
export async function findLatestOperation(db, filters, statuses, opts = {}) {
    let q = filtered(db, filters).selectAll().where('status', 'in', statuses);
    // `->>` reads JSON on PostgreSQL JSONB and SQLite ≥ 3.38 alike: PostgreSQL answers the text
    // 'true', SQLite the integer 1 (hence the cast to text on both).
    if (opts.excludeDryRun)
        q = q.where(sql `coalesce(cast(details ->> 'dry_run' as text), 'false') not in ('true', '1')`);
    return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}
//# sourceMappingURL=operation.repository.js.map
// endpoints queries.
import { sql } from 'kysely';
import { escapeLike } from './pool.repository.js';
export async function insertEndpoint(db, row) {
    await db.insertInto('endpoints').values(row).execute();
}
export async function findEndpointById(db, id) {
    return db.selectFrom('endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findEndpointByName(db, name) {
    return db.selectFrom('endpoints').selectAll().where('name', '=', name).executeTakeFirst();
}
function filtered(db, f) {
    let q = db.selectFrom('endpoints');
    if (f.pool_id)
        q = q.where('pool_id', '=', f.pool_id);
    if (f.status)
        q = q.where('status', '=', f.status);
    if (f.sync_status)
        q = q.where('sync_status', '=', f.sync_status);
    if (f.search) {
        const like = `%${escapeLike(f.search.toLowerCase())}%`;
        q = q.where((eb) => eb.or([
            sql `lower(${eb.ref('name')}) like ${like} escape '\\'`,
            sql `lower(${eb.ref('hostname')}) like ${like} escape '\\'`,
        ]));
    }
    return q;
}
/** Endpoints by name (then id, so pages are stable), with the total for pagination. */
export async function listEndpoints(db, filters, page) {
    const rows = await filtered(db, filters)
        .selectAll()
        .orderBy('name')
        .orderBy('id')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    const { total } = await filtered(db, filters)
        .select((eb) => eb.fn.countAll().as('total'))
        .executeTakeFirstOrThrow();
    return { rows, total: Number(total) };
}
/** Members of one pool, by name. */
export async function listPoolMembers(db, poolId) {
    return db.selectFrom('endpoints').selectAll().where('pool_id', '=', poolId).orderBy('name').execute();
}
export async function countPoolMembers(db, poolId) {
    const { n } = await db
        .selectFrom('endpoints')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('pool_id', '=', poolId)
        .executeTakeFirstOrThrow();
    return Number(n);
}
export async function updateEndpoint(db, id, patch) {
    const res = await db.updateTable('endpoints').set(patch).where('id', '=', id).executeTakeFirst();
    return res.numUpdatedRows > 0n;
}
export async function deleteEndpoint(db, id) {
    const res = await db.deleteFrom('endpoints').where('id', '=', id).executeTakeFirst();
    return res.numDeletedRows > 0n;
}
/**
 * Records agent contact: last_seen, and status `online` unless the endpoint is in `error` (that
 * status is cleared by the report or operation that resolves it, not by a heartbeat).
 */
export async function markEndpointSeen(db, id, at) {
    await db
        .updateTable('endpoints')
        .set((eb) => ({
        last_seen: at,
        status: eb.case().when('status', '=', 'error').then('error').else('online').end(),
    }))
        .where('id', '=', id)
        .execute();
}
/** Stores an endpoint's drift: its package_summary (counts) and sync_status. */
export async function updateEndpointDrift(db, id, drift, at) {
    await db
        .updateTable('endpoints')
        .set({ sync_status: drift.sync_status, package_summary: drift.package_summary, updated_at: at })
        .where('id', '=', id)
        .execute();
}
//# sourceMappingURL=endpoint.repository.js.map
// pools queries (plus the per-pool aggregates a pool view needs).
import { sql } from 'kysely';
export async function insertPool(db, row) {
    await db.insertInto('pools').values(row).execute();
}
export async function findPoolById(db, id) {
    return db.selectFrom('pools').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findPoolByName(db, name) {
    return db.selectFrom('pools').selectAll().where('name', '=', name).executeTakeFirst();
}
function listBase(db, search) {
    let q = db.selectFrom('pools as p');
    if (search)
        q = q.where(sql `lower(p.name) like ${`%${escapeLike(search.toLowerCase())}%`} escape '\\'`);
    return q;
}
/** Pools by name with member counts and their target id. */
export async function listPools(db, opts) {
    const rows = await listBase(db, opts.search)
        .selectAll('p')
        .select((eb) => [
        eb
            .selectFrom('endpoints as e')
            .whereRef('e.pool_id', '=', 'p.id')
            .select(eb.fn.countAll().as('n'))
            .as('endpoint_count'),
        eb
            .selectFrom('package_states as s')
            .whereRef('s.pool_id', '=', 'p.id')
            .where('s.is_target', '=', true)
            .select('s.id')
            .as('target_state_id'),
    ])
        .orderBy('p.name')
        .limit(opts.limit)
        .offset(opts.offset)
        .execute();
    const { total } = await listBase(db, opts.search)
        .select((eb) => eb.fn.countAll().as('total'))
        .executeTakeFirstOrThrow();
    return {
        rows: rows.map((r) => ({ ...r, endpoint_count: Number(r.endpoint_count ?? 0), target_state_id: r.target_state_id ?? null })),
        total: Number(total),
    };
}
export async function updatePool(db, id, patch) {
    const res = await db.updateTable('pools').set(patch).where('id', '=', id).executeTakeFirst();
    return res.numUpdatedRows > 0n;
}
export async function deletePool(db, id) {
    const res = await db.deleteFrom('pools').where('id', '=', id).executeTakeFirst();
    return res.numDeletedRows > 0n;
}
/**
 * Serialises changes of one pool's members and target: a no-op UPDATE takes the row lock on
 * PostgreSQL (held until the transaction ends) and the write lock on SQLite. Call first inside the
 * transaction, before any endpoint row is locked. Returns false when the pool does not exist.
 */
export async function lockPool(db, id) {
    const res = await db
        .updateTable('pools')
        .set((eb) => ({ updated_at: eb.ref('updated_at') }))
        .where('id', '=', id)
        .executeTakeFirst();
    return res.numUpdatedRows > 0n;
}
/**
 * Locks several pools one at a time in id order (one UPDATE … WHERE id IN (…) would lock them in
 * whatever order the scan meets them), so two transactions locking the same pools cannot each hold
 * one the other waits for. Returns the ids of the pools that exist.
 */
export async function lockPools(db, ids) {
    const existing = new Set();
    for (const id of [...new Set(ids)].sort())
        if (await lockPool(db, id))
            existing.add(id);
    return existing;
}
export async function poolMemberCounts(db, poolId) {
    const rows = await db
        .selectFrom('endpoints')
        .select(['sync_status', 'status'])
        .select((eb) => eb.fn.countAll().as('n'))
        .where('pool_id', '=', poolId)
        .groupBy(['sync_status', 'status'])
        .execute();
    const counts = { bySyncStatus: {}, byStatus: {}, total: 0 };
    for (const r of rows) {
        const n = Number(r.n);
        counts.bySyncStatus[r.sync_status] = (counts.bySyncStatus[r.sync_status] ?? 0) + n;
        counts.byStatus[r.status] = (counts.byStatus[r.status] ?? 0) + n;
        counts.total += n;
    }
    return counts;
}
/** `%`, `_` and `\` in user text match literally in LIKE. */
export function escapeLike(text) {
    return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
//# sourceMappingURL=pool.repository.js.map
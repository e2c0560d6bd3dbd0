// package_states queries. See src/contracts/state.contract.ts for the convention: a pool target
// (current or former) has endpoint_id NULL; an endpoint report has endpoint_id set.
import { sql } from 'kysely';
// `->`/`->>` work on PostgreSQL JSONB and on SQLite ≥ 3.38 JSON text alike.
const totalPackages = sql `coalesce(cast(state_data -> 'metadata' ->> 'total_packages' as integer), 0)`;
const revertedFrom = sql `state_data -> 'metadata' ->> 'reverted_from'`;
const SUMMARY_COLUMNS = [
    'id',
    'pool_id',
    'endpoint_id',
    'is_target',
    'message',
    'created_by',
    'created_at',
    'content_hash',
];
export async function insertPackageState(db, row) {
    await db.insertInto('package_states').values(row).execute();
}
export async function findPackageStateById(db, id) {
    return db.selectFrom('package_states').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function findStateSummaryById(db, id) {
    const row = await db
        .selectFrom('package_states')
        .select(SUMMARY_COLUMNS)
        .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')])
        .where('id', '=', id)
        .executeTakeFirst();
    return row && { ...row, total_packages: Number(row.total_packages) };
}
/** The pool's current target without its packages, or undefined. */
export async function findTargetSummary(db, poolId) {
    const row = await db
        .selectFrom('package_states')
        .select(SUMMARY_COLUMNS)
        .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')])
        .where('pool_id', '=', poolId)
        .where('is_target', '=', true)
        .executeTakeFirst();
    return row && { ...row, total_packages: Number(row.total_packages) };
}
function poolStates(db, poolId, f) {
    let q = db.selectFrom('package_states').where('pool_id', '=', poolId);
    if (f.endpoint_id)
        q = q.where('endpoint_id', '=', f.endpoint_id);
    if (f.is_target !== undefined)
        q = q.where('is_target', '=', f.is_target);
    if (f.kind === 'target')
        q = q.where('endpoint_id', 'is', null);
    if (f.kind === 'report')
        q = q.where('endpoint_id', 'is not', null);
    const self = f.visible_to_endpoint;
    if (self !== undefined)
        q = q.where((eb) => eb.or([eb('endpoint_id', 'is', null), eb('endpoint_id', '=', self)]));
    return q;
}
/** A pool's state history, newest first, without package lists. */
export async function listPoolStates(db, poolId, filters, page) {
    const rows = await poolStates(db, poolId, filters)
        .select(SUMMARY_COLUMNS)
        .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')])
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(page.limit)
        .offset(page.offset)
        .execute();
    const { total } = await poolStates(db, poolId, filters)
        .select((eb) => eb.fn.countAll().as('total'))
        .executeTakeFirstOrThrow();
    return { rows: rows.map((r) => ({ ...r, total_packages: Number(r.total_packages) })), total: Number(total) };
}
/**
 * The newest former target of a pool created before `before` (or any, when before is undefined):
 * what "revert to the previous target" goes back to.
 */
export async function findPreviousTarget(db, poolId, before) {
    let q = db
        .selectFrom('package_states')
        .select(SUMMARY_COLUMNS)
        .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')])
        .where('pool_id', '=', poolId)
        .where('endpoint_id', 'is', null)
        .where('is_target', '=', false);
    if (before)
        q = q.where('created_at', '<', new Date(before).toISOString());
    const row = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row && { ...row, total_packages: Number(row.total_packages) };
}
/** Clears the pool's target flag (call before setting a new one, in the same transaction). */
export async function clearPoolTarget(db, poolId) {
    await db
        .updateTable('package_states')
        .set({ is_target: false })
        .where('pool_id', '=', poolId)
        .where('is_target', '=', true)
        .execute();
}
/** The pool's current target with its packages, or undefined. */
export async function findTargetState(db, poolId) {
    return db.selectFrom('package_states').selectAll().where('pool_id', '=', poolId).where('is_target', '=', true).executeTakeFirst();
}
//# sourceMappingURL=package-state.repository.js.map
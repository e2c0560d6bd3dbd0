// repositories queries: the sync repositories each endpoint reports (seed `repositories`, one row
// per endpoint and repository name). `packages` holds the seed's `{packages, metadata}` object;
// metadata.position keeps pacman.conf order, which decides where a package comes from.
import { sql } from 'kysely';
const HEAD_COLUMNS = ['id', 'endpoint_id', 'repo_name', 'repo_url', 'last_updated', 'created_at'];
export function storedPackages(row) {
    const p = row.packages;
    return p !== null && typeof p === 'object' ? p : {};
}
export function positionOf(row) {
    const pos = storedPackages(row).metadata?.position;
    return typeof pos === 'number' ? pos : Number.MAX_SAFE_INTEGER;
}
/** An endpoint's repositories without their package lists (for upserts). */
export async function listEndpointRepositoryHeads(db, endpointId) {
    // `->` gives JSONB on PostgreSQL and JSON text on SQLite (the alias is not a mapped JSON column).
    const rows = await db
        .selectFrom('repositories')
        .select(HEAD_COLUMNS)
        .select(sql `packages -> 'metadata'`.as('meta'))
        .where('endpoint_id', '=', endpointId)
        .execute();
    return rows.map(({ meta, ...head }) => {
        const parsed = typeof meta === 'string' ? JSON.parse(meta) : meta;
        return { ...head, metadata: parsed !== null && typeof parsed === 'object' ? parsed : {} };
    });
}
/** Every repository row of the pool's members (for the pool's repository analysis). */
export async function listPoolRepositories(db, poolId) {
    return db
        .selectFrom('repositories as r')
        .innerJoin('endpoints as e', 'e.id', 'r.endpoint_id')
        .selectAll('r')
        .where('e.pool_id', '=', poolId)
        .execute();
}
export async function insertRepository(db, row) {
    await db.insertInto('repositories').values(row).execute();
}
export async function updateRepository(db, id, patch) {
    await db.updateTable('repositories').set(patch).where('id', '=', id).execute();
}
export async function deleteRepositories(db, ids) {
    if (ids.length === 0)
        return;
    await db.deleteFrom('repositories').where('id', 'in', ids).execute();
}
//# sourceMappingURL=package-repository.repository.js.map
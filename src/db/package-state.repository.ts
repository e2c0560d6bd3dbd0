// package_states queries. See src/contracts/state.contract.ts for the convention: a pool target
// (current or former) has endpoint_id NULL; an endpoint report has endpoint_id set.
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor, Paged } from './executor.js';
import type { PackageStatesTable } from './schema.js';

export type PackageStateRow = Selectable<PackageStatesTable>;
/**
 * A state row without `state_data`, plus what the database reads out of it: the package count and,
 * for a target restored by a revert, the id it was copied from (metadata.reverted_from).
 */
export type PackageStateSummaryRow = Omit<PackageStateRow, 'state_data'> & { total_packages: number; reverted_from: string | null };

export interface PoolStateFilters {
  endpoint_id?: string;
  is_target?: boolean;
  kind?: 'target' | 'report';
  /** Only targets and this endpoint's own reports (what an endpoint key may see). */
  visible_to_endpoint?: string;
}

// `->`/`->>` work on PostgreSQL JSONB and on SQLite ≥ 3.38 JSON text alike.
const totalPackages = sql<number>`coalesce(cast(state_data -> 'metadata' ->> 'total_packages' as integer), 0)`;
const revertedFrom = sql<string | null>`state_data -> 'metadata' ->> 'reverted_from'`;

const SUMMARY_COLUMNS = [
  'id',
  'pool_id',
  'endpoint_id',
  'is_target',
  'message',
  'created_by',
  'created_at',
  'content_hash',
] as const;

export async function insertPackageState(db: Executor, row: Insertable<PackageStatesTable>): Promise<void> {
  await db.insertInto('package_states').values(row).execute();
}

export async function findPackageStateById(db: Executor, id: string): Promise<PackageStateRow | undefined> {
  return db.selectFrom('package_states').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStateSummaryById(db: Executor, id: string): Promise<PackageStateSummaryRow | undefined> {
  const row = await db
    .selectFrom('package_states')
    .select(SUMMARY_COLUMNS)
    .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { ...row, total_packages: Number(row.total_packages) };
}

/** The pool's current target without its packages, or undefined. */
export async function findTargetSummary(db: Executor, poolId: string): Promise<PackageStateSummaryRow | undefined> {
  const row = await db
    .selectFrom('package_states')
    .select(SUMMARY_COLUMNS)
    .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')])
    .where('pool_id', '=', poolId)
    .where('is_target', '=', true)
    .executeTakeFirst();
  return row && { ...row, total_packages: Number(row.total_packages) };
}

function poolStates(db: Executor, poolId: string, f: PoolStateFilters) {
  let q = db.selectFrom('package_states').where('pool_id', '=', poolId);
  if (f.endpoint_id) q = q.where('endpoint_id', '=', f.endpoint_id);
  if (f.is_target !== undefined) q = q.where('is_target', '=', f.is_target);
  if (f.kind === 'target') q = q.where('endpoint_id', 'is', null);
  if (f.kind === 'report') q = q.where('endpoint_id', 'is not', null);
  const self = f.visible_to_endpoint;
  if (self !== undefined) q = q.where((eb) => eb.or([eb('endpoint_id', 'is', null), eb('endpoint_id', '=', self)]));
  return q;
}

/** A pool's state history, newest first, without package lists. */
export async function listPoolStates(
  db: Executor,
  poolId: string,
  filters: PoolStateFilters,
  page: { limit: number; offset: number },
): Promise<Paged<PackageStateSummaryRow>> {
  const rows = await poolStates(db, poolId, filters)
    .select(SUMMARY_COLUMNS)
    .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await poolStates(db, poolId, filters)
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { rows: rows.map((r) => ({ ...r, total_packages: Number(r.total_packages) })), total: Number(total) };
}

/**
 * The newest former target of a pool created before `before` (or any, when before is undefined):
 * what "revert to the previous target" goes back to.
 */
export async function findPreviousTarget(
  db: Executor,
  poolId: string,
  before: string | undefined,
): Promise<PackageStateSummaryRow | undefined> {
  let q = db
    .selectFrom('package_states')
    .select(SUMMARY_COLUMNS)
    .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')])
    .where('pool_id', '=', poolId)
    .where('endpoint_id', 'is', null)
    .where('is_target', '=', false);
  if (before) q = q.where('created_at', '<', new Date(before).toISOString());
  const row = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && { ...row, total_packages: Number(row.total_packages) };
}

/** Clears the pool's target flag (call before setting a new one, in the same transaction). */
export async function clearPoolTarget(db: Executor, poolId: string): Promise<void> {
  await db
    .updateTable('package_states')
    .set({ is_target: false })
    .where('pool_id', '=', poolId)
    .where('is_target', '=', true)
    .execute();
}

export async function markTarget(db: Executor, stateId: string): Promise<void> {
  await db.updateTable('package_states').set({ is_target: true }).where('id', '=', stateId).execute();
}

/** The pool's current target with its packages, or undefined. */
export async function findTargetState(db: Executor, poolId: string): Promise<PackageStateRow | undefined> {
  return db.selectFrom('package_states').selectAll().where('pool_id', '=', poolId).where('is_target', '=', true).executeTakeFirst();
}

/** `state_data` of several states at once (missing ids are simply absent from the map). */
export async function findStateDataByIds(db: Executor, ids: readonly string[]): Promise<Map<string, PackageStateRow['state_data']>> {
  const out = new Map<string, PackageStateRow['state_data']>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('package_states').select(['id', 'state_data']).where('id', 'in', [...ids]).execute();
  for (const r of rows) out.set(r.id, r.state_data);
  return out;
}

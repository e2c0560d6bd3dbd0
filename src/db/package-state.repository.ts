// package_states queries. See src/contracts/state.contract.ts for the convention: a pool target
// (current or former) has endpoint_id NULL; an endpoint report has endpoint_id set.
import { sql, type Insertable, type Selectable, type SelectQueryBuilder } from 'kysely';
import { encodePackageIndex } from '../core/package-index.js';
import { countRows, type Executor, type Paged } from './executor.js';
import type { Database, PackageStatesTable } from './schema.js';

export type PackageStateRow = Selectable<PackageStatesTable>;
/**
 * A state row without `state_data`, plus what the database reads out of it: the package count and,
 * for a target restored by a revert, the id it was copied from (metadata.reverted_from).
 */
export type PackageStateSummaryRow = Omit<PackageStateRow, 'state_data' | 'package_index' | 'total_packages'> & { total_packages: number };

export interface PoolStateFilters {
  endpoint_id?: string;
  is_target?: boolean;
  kind?: 'target' | 'report';
  /** Only targets and this endpoint's own reports (what an endpoint key may see). */
  visible_to_endpoint?: string;
}

// Migration 010 copied these out of state_data (reading them from the JSON parses the whole state
// text on SQLite, ~1.5 ms a row); every writer sets them. The JSON is the fallback for a row
// written without them. `->`/`->>` work on PostgreSQL JSONB and on SQLite ≥ 3.38 JSON text alike.
const totalPackages = sql<number>`coalesce(total_packages, cast(state_data -> 'metadata' ->> 'total_packages' as integer), 0)`;
const revertedFrom = sql<string | null>`coalesce(reverted_from, state_data -> 'metadata' ->> 'reverted_from')`;

const SUMMARY_COLUMNS = ['id', 'pool_id', 'endpoint_id', 'is_target', 'message', 'created_by', 'created_at', 'content_hash'] as const;

/** States as summaries: every column but state_data, plus what is read out of it. */
function summaries(db: Executor) {
  return db
    .selectFrom('package_states')
    .select(SUMMARY_COLUMNS)
    .select([totalPackages.as('total_packages'), revertedFrom.as('reverted_from')]);
}

/** The package count is computed SQL, not a mapped column: make sure it is a JavaScript number. */
function toSummary<R extends { total_packages: number }>(row: R): R {
  return { ...row, total_packages: Number(row.total_packages) };
}

/**
 * Inserts a state with its package index (migration 005), derived here so that every writer
 * stores one; the index is a storage form of state_data, like its JSON text.
 */
export async function insertPackageState(db: Executor, row: Insertable<PackageStatesTable>): Promise<void> {
  const package_index = row.package_index !== undefined ? row.package_index : encodePackageIndex(row.state_data);
  const meta = row.state_data.metadata as { total_packages?: unknown; reverted_from?: unknown } | undefined;
  const total_packages = typeof meta?.total_packages === 'number' && Number.isSafeInteger(meta.total_packages) ? meta.total_packages : 0;
  const reverted_from = typeof meta?.reverted_from === 'string' ? meta.reverted_from : null;
  await db
    .insertInto('package_states')
    .values({ ...row, package_index, total_packages, reverted_from })
    .execute();
}

export async function findPackageStateById(db: Executor, id: string): Promise<PackageStateRow | undefined> {
  return db.selectFrom('package_states').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStateSummaryById(db: Executor, id: string): Promise<PackageStateSummaryRow | undefined> {
  const row = await summaries(db).where('id', '=', id).executeTakeFirst();
  return row && toSummary(row);
}

/** What a report compares with an endpoint's current state: its pool, content hash and package count. */
export interface StateHeadRow {
  id: string;
  pool_id: string | null;
  content_hash: string | null;
  total_packages: number;
}

export async function findStateHeadById(db: Executor, id: string): Promise<StateHeadRow | undefined> {
  const row = await db
    .selectFrom('package_states')
    .select(['id', 'pool_id', 'content_hash', totalPackages.as('total_packages')])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSummary(row);
}

/** The pool's current target without its packages, or undefined. */
export async function findTargetSummary(db: Executor, poolId: string): Promise<PackageStateSummaryRow | undefined> {
  const row = await summaries(db).where('pool_id', '=', poolId).where('is_target', '=', true).executeTakeFirst();
  return row && toSummary(row);
}

function poolStates<O>(query: SelectQueryBuilder<Database, 'package_states', O>, poolId: string, f: PoolStateFilters) {
  let q = query.where('pool_id', '=', poolId);
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
  const rows = await poolStates(summaries(db), poolId, filters)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows: rows.map(toSummary), total: await countRows(poolStates(db.selectFrom('package_states'), poolId, filters)) };
}

/**
 * The newest former target of a pool created before `before` (or any, when before is undefined):
 * what "revert to the previous target" goes back to.
 */
export async function findPreviousTarget(db: Executor, poolId: string, before: string | undefined): Promise<PackageStateSummaryRow | undefined> {
  let q = summaries(db).where('pool_id', '=', poolId).where('endpoint_id', 'is', null).where('is_target', '=', false);
  if (before) q = q.where('created_at', '<', new Date(before).toISOString());
  const row = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && toSummary(row);
}

/** Clears the pool's target flag (call before setting a new one, in the same transaction). */
export async function clearPoolTarget(db: Executor, poolId: string): Promise<void> {
  await db.updateTable('package_states').set({ is_target: false }).where('pool_id', '=', poolId).where('is_target', '=', true).execute();
}

/** The pool's current target with its packages, or undefined. */
export async function findTargetState(db: Executor, poolId: string): Promise<PackageStateRow | undefined> {
  return db.selectFrom('package_states').selectAll().where('pool_id', '=', poolId).where('is_target', '=', true).executeTakeFirst();
}

// repositories queries: the sync repositories each endpoint reports (seed `repositories`, one row
// per endpoint and repository name). `packages` holds the seed's `{packages, metadata}` object;
// metadata.position keeps pacman.conf order, which decides where a package comes from.
import { type InsertObject, type RawBuilder, type Selectable, sql, type UpdateObject } from 'kysely';
import type { Dialect } from './dialect.js';
import type { Executor } from './executor.js';
import type { Database, JsonObject, RepositoriesTable } from './schema.js';

export type RepositoryRow = Selectable<RepositoriesTable>;

/** A repository row without its package list (reading every package of every repo is costly). */
export type RepositoryHeadRow = Omit<RepositoryRow, 'packages'>;

const HEAD_COLUMNS = ['id', 'endpoint_id', 'repo_name', 'repo_url', 'last_updated', 'created_at', 'db_hash'] as const;

/** The stored `packages` object's parts this product reads. */
export interface StoredRepositoryPackages {
  packages?: Record<string, { version: string }>;
  metadata?: { position?: number; db_hash?: string | null; last_sync?: string | null; total_packages?: number };
}

export function storedPackages(row: { packages: unknown }): StoredRepositoryPackages {
  const p = row.packages;
  return p !== null && typeof p === 'object' ? (p as StoredRepositoryPackages) : {};
}

export function positionOf(row: { packages: unknown }): number {
  const pos = storedPackages(row).metadata?.position;
  return typeof pos === 'number' ? pos : Number.MAX_SAFE_INTEGER;
}

/** A repository row's head plus its stored metadata (not its packages). */
export interface RepositoryHeadWithMeta extends RepositoryHeadRow {
  metadata: NonNullable<StoredRepositoryPackages['metadata']>;
}

/** An endpoint's repositories without their package lists (for upserts). */
export async function listEndpointRepositoryHeads(db: Executor, endpointId: string): Promise<RepositoryHeadWithMeta[]> {
  // `->` gives JSONB on PostgreSQL and JSON text on SQLite (the alias is not a mapped JSON column).
  const rows = await db
    .selectFrom('repositories')
    .select(HEAD_COLUMNS)
    .select(sql<unknown>`packages -> 'metadata'`.as('meta'))
    .where('endpoint_id', '=', endpointId)
    .execute();
  return rows.map(({ meta, ...head }) => {
    const parsed: unknown = typeof meta === 'string' ? JSON.parse(meta) : meta;
    return { ...head, metadata: parsed !== null && typeof parsed === 'object' ? (parsed as RepositoryHeadWithMeta['metadata']) : {} };
  });
}

/** Every repository row of the pool's members (for the pool's repository analysis). */
export async function listPoolRepositories(db: Executor, poolId: string): Promise<RepositoryRow[]> {
  return db
    .selectFrom('repositories as r')
    .innerJoin('endpoints as e', 'e.id', 'r.endpoint_id')
    .selectAll('r')
    .where('e.pool_id', '=', poolId)
    .execute();
}

export async function insertRepository(db: Executor, row: InsertObject<Database, 'repositories'>): Promise<void> {
  await db.insertInto('repositories').values(row).execute();
}

export async function updateRepository(db: Executor, id: string, patch: UpdateObject<Database, 'repositories'>): Promise<void> {
  await db.updateTable('repositories').set(patch).where('id', '=', id).execute();
}

export async function deleteRepositories(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('repositories').where('id', 'in', ids).execute();
}

/**
 * A stored copy of the sync database `repoName` with this db_hash (the sha256 of the database
 * file): the endpoint's own or a member's of `poolId`, where the endpoint has a pool. Only within
 * the pool: a machine vouches for what it reported to its own pool only.
 */
export async function findRepositoryCopy(
  db: Executor,
  q: { endpointId: string; poolId: string | null; repoName: string; dbHash: string },
): Promise<{ id: string; total_packages: number } | undefined> {
  const row = await db
    .selectFrom('repositories as r')
    .leftJoin('endpoints as e', 'e.id', 'r.endpoint_id')
    .select('r.id')
    .select(sql<number | string | null>`r.packages -> 'metadata' ->> 'total_packages'`.as('total'))
    .where('r.repo_name', '=', q.repoName)
    .where('r.db_hash', '=', q.dbHash)
    .where((w) => {
      const own = w('r.endpoint_id', '=', q.endpointId);
      // Approved members only: one enrolled and not yet approved is not trusted to vouch for a database.
      return q.poolId === null ? own : w.or([own, w.and([w('e.pool_id', '=', q.poolId), w('e.approval', '=', 'approved')])]);
    })
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, total_packages: Number(row.total ?? 0) } : undefined;
}

/**
 * `packages` of the row `sourceId` with its metadata replaced, computed by the engine: the
 * package list (~2 MB for a big repository) is copied without reaching JavaScript.
 */
export function copiedPackages(
  dialect: Dialect,
  source: { id: string; repoName: string; dbHash: string },
  metadata: Record<string, unknown>,
): RawBuilder<JsonObject> {
  // The source row is read again here, in a later statement: on PostgreSQL another endpoint's
  // report may have replaced or deleted it meanwhile. Then this is NULL (see hasNullPackages).
  const where = sql`s.id = ${source.id} AND s.repo_name = ${source.repoName} AND s.db_hash = ${source.dbHash}`;
  const sourcePackages = sql`(SELECT s.packages FROM repositories AS s WHERE ${where})`;
  const meta = JSON.stringify(metadata);
  return dialect === 'pg'
    ? sql<JsonObject>`jsonb_set(${sourcePackages}, '{metadata}', cast(${meta} as jsonb))`
    : sql<JsonObject>`json_set(${sourcePackages}, '$.metadata', json(${meta}))`;
}

/** Whether any of the endpoint's repository rows has no package list (a copy whose source went away). */
export async function hasNullPackages(db: Executor, endpointId: string): Promise<boolean> {
  const row = await db.selectFrom('repositories').select('id').where('endpoint_id', '=', endpointId).where('packages', 'is', null).executeTakeFirst();
  return row !== undefined;
}

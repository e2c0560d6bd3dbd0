// repositories queries: the sync repositories each endpoint reports (seed `repositories`, one row
// per endpoint and repository name). `packages` holds the seed's `{packages, metadata}` object;
// metadata.position keeps pacman.conf order, which decides where a package comes from.
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from './executor.js';
import type { RepositoriesTable } from './schema.js';

export type RepositoryRow = Selectable<RepositoriesTable>;

/** A repository row without its package list (reading every package of every repo is costly). */
export type RepositoryHeadRow = Omit<RepositoryRow, 'packages'>;

const HEAD_COLUMNS = ['id', 'endpoint_id', 'repo_name', 'repo_url', 'last_updated', 'created_at'] as const;

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

export async function insertRepository(db: Executor, row: Insertable<RepositoriesTable>): Promise<void> {
  await db.insertInto('repositories').values(row).execute();
}

export async function updateRepository(db: Executor, id: string, patch: Updateable<RepositoriesTable>): Promise<void> {
  await db.updateTable('repositories').set(patch).where('id', '=', id).execute();
}

export async function deleteRepositories(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('repositories').where('id', 'in', ids).execute();
}

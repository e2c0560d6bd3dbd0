import { type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from './executor.js';
import type { RepositoriesTable } from './schema.js';
export type RepositoryRow = Selectable<RepositoriesTable>;
/** A repository row without its package list (reading every package of every repo is costly). */
export type RepositoryHeadRow = Omit<RepositoryRow, 'packages'>;
/** The stored `packages` object's parts this product reads. */
export interface StoredRepositoryPackages {
    packages?: Record<string, {
        version: string;
    }>;
    metadata?: {
        position?: number;
        db_hash?: string | null;
        last_sync?: string | null;
        total_packages?: number;
    };
}
export declare function storedPackages(row: {
    packages: unknown;
}): StoredRepositoryPackages;
export declare function positionOf(row: {
    packages: unknown;
}): number;
/** A repository row's head plus its stored metadata (not its packages). */
export interface RepositoryHeadWithMeta extends RepositoryHeadRow {
    metadata: NonNullable<StoredRepositoryPackages['metadata']>;
}
/** An endpoint's repositories without their package lists (for upserts). */
export declare function listEndpointRepositoryHeads(db: Executor, endpointId: string): Promise<RepositoryHeadWithMeta[]>;
/** Every repository row of the pool's members (for the pool's repository analysis). */
export declare function listPoolRepositories(db: Executor, poolId: string): Promise<RepositoryRow[]>;
export declare function insertRepository(db: Executor, row: Insertable<RepositoriesTable>): Promise<void>;
export declare function updateRepository(db: Executor, id: string, patch: Updateable<RepositoriesTable>): Promise<void>;
export declare function deleteRepositories(db: Executor, ids: readonly string[]): Promise<void>;

// sync_operations queries.
import type { Selectable } from 'kysely';
import type { Executor } from './executor.js';
import type { SyncOperationsTable } from './schema.js';

export type OperationRow = Selectable<SyncOperationsTable>;

/** An endpoint's latest operations, newest first. */
export async function listRecentOperations(db: Executor, endpointId: string, limit: number): Promise<OperationRow[]> {
  return db
    .selectFrom('sync_operations')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

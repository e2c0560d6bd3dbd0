// drift_history queries: one row per pool each time its members' drift is recomputed.
import type { Insertable } from 'kysely';
import type { Executor } from './executor.js';
import type { DriftHistoryTable } from './schema.js';

export async function insertDriftHistory(db: Executor, row: Insertable<DriftHistoryTable>): Promise<void> {
  await db.insertInto('drift_history').values(row).execute();
}

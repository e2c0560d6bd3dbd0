import type { Insertable } from 'kysely';
import type { Executor } from './executor.js';
import type { DriftHistoryTable } from './schema.js';
export declare function insertDriftHistory(db: Executor, row: Insertable<DriftHistoryTable>): Promise<void>;
